/**
 * k6's per-VU cookie jar, basics: cookies a response sets are sent back on
 * the VU's later requests to a matching host and path, and the jar empties
 * at each new iteration (as k6 does). http.cookieJar() gives the VU's jar
 * (cookiesForURL, set, clear, delete); params.cookies adds cookies to one
 * request. Redirect hops set and send cookies too. Not handled:
 * Secure/HttpOnly/SameSite semantics, Expires (Max-Age=0 deletes).
 */
import { currentVu } from '../../vu/context.js'
import { maybeThreadState } from '../../runtime/thread-state.js'
import type { Vu } from '../../vu/vu.js'
import type { ResponseObserver } from '../../http/k6-request.js'

interface Cookie { readonly name: string, value: string, readonly domain: string, readonly path: string, readonly hostOnly: boolean }

export type RequestCookies = Record<string, string | { value: string, replace?: boolean }>

export class CookieJar {
  #cookies: Cookie[] = []

  /** Cookies that would be sent to `url`: name → values. */
  cookiesForURL (url: string): Record<string, string[]> {
    const out: Record<string, string[]> = {}
    for (const c of this.#matching(new URL(url))) (out[c.name] ??= []).push(c.value)
    return out
  }

  set (url: string, name: string, value: string, options: { domain?: string, path?: string } = {}): void {
    const target = new URL(url)
    this.#store({ name, value, domain: (options.domain ?? target.hostname).replace(/^\./, '').toLowerCase(), path: options.path ?? '/', hostOnly: options.domain === undefined })
  }

  clear (url: string): void {
    const matching = new Set(this.#matching(new URL(url)))
    this.#cookies = this.#cookies.filter((c) => !matching.has(c))
  }

  delete (url: string, name: string): void {
    const matching = new Set(this.#matching(new URL(url)).filter((c) => c.name === name))
    this.#cookies = this.#cookies.filter((c) => !matching.has(c))
  }

  get isEmpty (): boolean { return this.#cookies.length === 0 }

  /** The Cookie header for a request to `url`, with `extra` cookies (params.cookies) over the jar's. */
  header (url: string, extra: RequestCookies | undefined): string | undefined {
    const pairs = new Map<string, string>()
    if (this.#cookies.length > 0) for (const c of this.#matching(new URL(url))) if (!pairs.has(c.name)) pairs.set(c.name, c.value)
    if (extra !== undefined) {
      for (const [name, spec] of Object.entries(extra)) {
        const value = typeof spec === 'string' ? spec : spec.value
        if (typeof spec === 'string' || spec.replace === true || !pairs.has(name)) pairs.set(name, value)
      }
    }
    if (pairs.size === 0) return undefined
    return [...pairs].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  /** Stores the cookies a response set. */
  absorb (url: string, setCookies: readonly string[]): void {
    if (setCookies.length === 0) return
    const target = new URL(url)
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';')
      const eq = pair.indexOf('=')
      if (eq <= 0) continue
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      let domain = target.hostname.toLowerCase()
      let hostOnly = true
      let path = defaultPath(target.pathname)
      let expired = false
      for (const attribute of attributes) {
        const [rawKey = '', ...rest] = attribute.split('=')
        const key = rawKey.trim().toLowerCase()
        const attr = rest.join('=').trim()
        if (key === 'domain' && attr !== '') { domain = attr.replace(/^\./, '').toLowerCase(); hostOnly = false }
        else if (key === 'path' && attr.startsWith('/')) path = attr
        else if (key === 'max-age' && Number(attr) <= 0) expired = true
      }
      if (expired) this.#cookies = this.#cookies.filter((c) => !(c.name === name && c.domain === domain && c.path === path))
      else this.#store({ name, value, domain, path, hostOnly })
    }
  }

  #store (cookie: Cookie): void {
    const existing = this.#cookies.find((c) => c.name === cookie.name && c.domain === cookie.domain && c.path === cookie.path)
    if (existing !== undefined) existing.value = cookie.value
    else this.#cookies.push(cookie)
  }

  #matching (url: URL): Cookie[] {
    const host = url.hostname.toLowerCase()
    const path = url.pathname === '' ? '/' : url.pathname
    return this.#cookies
      .filter((c) => (c.hostOnly ? host === c.domain : host === c.domain || host.endsWith(`.${c.domain}`)) && pathMatches(path, c.path))
      // More specific paths first (RFC 6265 5.4).
      .sort((a, b) => b.path.length - a.path.length)
  }
}

function defaultPath (pathname: string): string {
  const slash = pathname.lastIndexOf('/')
  return slash <= 0 ? '/' : pathname.slice(0, slash)
}

function pathMatches (requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true
  if (!requestPath.startsWith(cookiePath)) return false
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/'
}

// One jar per VU, emptied when the VU starts a new iteration (k6 resets it per iteration, unless options.noCookiesReset).
const jars = new WeakMap<Vu, { iteration: number, scenario: string | undefined, jar: CookieJar }>()

function current (vu: Vu, entry: { iteration: number, scenario: string | undefined } | undefined): boolean {
  if (entry === undefined) return false
  if ((maybeThreadState()?.options as { noCookiesReset?: unknown } | undefined)?.noCookiesReset === true) return true
  return entry.iteration === vu.iteration && entry.scenario === vu.scenario?.name
}

export function vuJar (vu: Vu = currentVu('http.cookieJar()')): CookieJar {
  const entry = jars.get(vu)
  if (entry !== undefined && current(vu, entry)) return entry.jar
  const jar = new CookieJar()
  jars.set(vu, { iteration: vu.iteration, scenario: vu.scenario?.name, jar })
  return jar
}

/** The VU's jar for this iteration if one was made (cookie-free requests make none). */
export function peekJar (vu: Vu): CookieJar | undefined {
  const entry = jars.get(vu)
  return entry !== undefined && current(vu, entry) ? entry.jar : undefined
}

/** The cookie jar's part in every k6 request: responses (redirect hops included) fill it, redirected requests carry its cookies. */
export const cookieObserver: ResponseObserver = {
  response: (vu, response) => {
    const setCookies = response.headerValues('set-cookie')
    if (setCookies.length > 0) vuJar(vu).absorb(response.url, setCookies)
  },
  redirect: (vu, url, headers) => {
    const jar = peekJar(vu)
    const kept: string[] = []
    for (let i = 0; i + 1 < headers.length; i += 2) if ((headers[i] as string).toLowerCase() !== 'cookie') kept.push(headers[i] as string, headers[i + 1] as string)
    const cookie = jar?.header(url, undefined)
    if (cookie !== undefined) kept.push('Cookie', cookie)
    return kept
  }
}
