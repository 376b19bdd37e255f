/**
 * Splits an absolute http(s) URL into the origin (the connection key) and the
 * request target, without building a WHATWG URL on every request.
 */
export interface SplitUrl {
  origin: string
  /** Path and query, starting with "/". */
  path: string
  secure: boolean
}

export class InvalidUrlError extends Error {
  readonly code = 'ERR_INVALID_URL'
  constructor (url: string) {
    super(`invalid URL "${url}": an absolute http:// or https:// URL is required`)
    this.name = 'InvalidUrlError'
  }
}

export function splitUrl (url: string): SplitUrl {
  let secure: boolean
  let hostStart: number
  if (url.startsWith('http://')) { secure = false; hostStart = 7 } else if (url.startsWith('https://')) { secure = true; hostStart = 8 } else throw new InvalidUrlError(url)
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
  if (/[\s]/.test(path) || origin.includes('@')) return viaWhatwg(url)
  return { origin, path, secure }
}

// Rare shapes (credentials, spaces to encode): let the WHATWG parser normalise them.
function viaWhatwg (url: string): SplitUrl {
  let parsed: URL
  try { parsed = new URL(url) } catch { throw new InvalidUrlError(url) }
  return { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}`, secure: parsed.protocol === 'https:' }
}
