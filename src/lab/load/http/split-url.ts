/**
 * Splits an absolute http(s) URL into its origin (the connection target) and
 * the request target, without building a WHATWG URL on every request: the
 * targets of a thread's few origins are parsed once and kept.
 */
import type { OriginTarget } from './connection.js'
import { InvalidUrlError } from './transport-errors.js'

export interface SplitUrl {
  readonly target: OriginTarget
  /** Path and query, starting with "/" (printable ASCII only). */
  readonly path: string
}


/** Parsed origins; bounded, as a script could make up endless hosts. */
const targets = new Map<string, OriginTarget>()
const MAX_CACHED_TARGETS = 10_000
const PRINTABLE_ASCII = /^[\x21-\x7e]*$/

// Scripts often call the same URL string over and over.
let lastUrl = ''
let lastSplit: SplitUrl | undefined

export function splitUrl (url: string): SplitUrl {
  if (url === lastUrl && lastSplit !== undefined) return lastSplit
  const split = parse(url)
  lastUrl = url
  lastSplit = split
  return split
}

function parse (url: string): SplitUrl {
  let hostStart: number
  if (url.startsWith('http://')) hostStart = 7
  else if (url.startsWith('https://')) hostStart = 8
  else throw new InvalidUrlError(url)
  let end = hostStart
  while (end < url.length) {
    const c = url.charCodeAt(end)
    if (c === 47 /* / */ || c === 63 /* ? */ || c === 35 /* # */) break
    end++
  }
  if (end === hostStart) throw new InvalidUrlError(url)
  const origin = url.slice(0, end)
  let path = url.slice(end)
  const hash = path.indexOf('#')
  if (hash !== -1) path = path.slice(0, hash)
  if (path === '') path = '/'
  else if (path.charCodeAt(0) === 63) path = '/' + path
  // Rare shapes (credentials, characters to percent-encode): the WHATWG parser normalises them.
  if (!PRINTABLE_ASCII.test(path) || origin.includes('@')) return viaWhatwg(url)
  return { target: targetOf(origin), path }
}

function viaWhatwg (url: string): SplitUrl {
  let parsed: URL
  try { parsed = new URL(url) } catch { throw new InvalidUrlError(url) }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new InvalidUrlError(url)
  return { target: targetOf(parsed.origin), path: `${parsed.pathname}${parsed.search}` }
}

let lastTarget: OriginTarget | undefined

function targetOf (origin: string): OriginTarget {
  // Scripts mostly call one origin: a string comparison beats hashing a fresh string.
  if (lastTarget !== undefined && lastTarget.origin === origin) return lastTarget
  let target = targets.get(origin)
  if (target === undefined) {
    target = parseOrigin(origin)
    if (targets.size >= MAX_CACHED_TARGETS) targets.clear()
    targets.set(origin, target)
  }
  lastTarget = target
  return target
}

function parseOrigin (origin: string): OriginTarget {
  let parsed: URL
  try { parsed = new URL(origin) } catch { throw new InvalidUrlError(origin) }
  const secure = parsed.protocol === 'https:'
  const bracketed = parsed.hostname.startsWith('[')
  return {
    origin,
    secure,
    hostname: bracketed ? parsed.hostname.slice(1, -1) : parsed.hostname,
    port: parsed.port === '' ? (secure ? 443 : 80) : Number(parsed.port),
    hostHeader: parsed.host
  }
}
