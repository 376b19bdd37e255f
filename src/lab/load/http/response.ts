/**
 * k6's http.Response. Headers and body are decoded on first access, so a
 * script that only looks at `status` pays for neither.
 */
import type { Exchange, Timings } from './exchange.js'
import { gjsonGet } from './gjson.js'

export interface RequestInfo {
  method: string
  url: string
  headers: Record<string, string>
  body: string | null
}

export class HttpResponse {
  readonly status: number
  readonly status_text: string
  readonly proto: string
  readonly url: string
  readonly timings: Timings
  /** The failure message ('' when the request got a response). */
  readonly error: string
  /** k6 error code: network failures (1000–1399) and 4xx/5xx statuses (1400–1599); 0 when fine. */
  readonly error_code: number
  readonly #exchange: Exchange
  #request: RequestInfo | undefined
  #headers: Record<string, string> | undefined
  #body: string | ArrayBuffer | null | undefined
  #json: unknown

  constructor (exchange: Exchange, url: string, errorMessage: string, errorCode: number) {
    this.#exchange = exchange
    this.status = exchange.status
    this.status_text = exchange.status === 0 ? '' : `${exchange.status} ${exchange.statusText}`
    this.proto = exchange.status === 0 ? '' : 'HTTP/1.1'
    this.url = url
    this.timings = exchange.timings()
    this.error = errorMessage
    this.error_code = errorCode
  }

  /** The request as sent (k6's res.request). */
  get request (): RequestInfo {
    if (this.#request === undefined) {
      const { method, headers, body } = this.#exchange.request
      const named: Record<string, string> = {}
      for (let i = 0; i + 1 < headers.length; i += 2) named[headers[i] as string] = headers[i + 1] as string
      this.#request = { method, url: this.url, headers: named, body: typeof body === 'string' ? body : null }
    }
    return this.#request
  }

  /** Every value of a response header, as received (Set-Cookie must not be joined with commas). */
  headerValues (name: string): string[] {
    const lower = name.toLowerCase()
    const raw = this.#exchange.headers
    const out: string[] = []
    for (let i = 0; i + 1 < raw.length; i += 2) if ((raw[i] as string).toLowerCase() === lower) out.push(raw[i + 1] as string)
    return out
  }

  /** Response headers, names in canonical form ("Content-Type") as k6 gives them. */
  get headers (): Record<string, string> {
    this.#headers ??= canonicalHeaders(this.#exchange.headers)
    return this.#headers
  }

  /** The body: a string, an ArrayBuffer (responseType "binary"), or null (responseType "none", discardResponseBodies). */
  get body (): string | ArrayBuffer | null {
    if (this.#body === undefined) {
      const mode = this.#exchange.request.bodyMode
      if (mode === 'none') this.#body = null
      else {
        const buffer = this.#exchange.bodyBuffer()
        this.#body = mode === 'binary' ? buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer : buffer.toString('utf8')
      }
    }
    return this.#body
  }

  /**
   * The body parsed as JSON; with a selector, only that part (k6's gjson
   * paths: "data.items.0.id", "items.#", "items.#.id", see gjson.ts;
   * undefined when nothing matches). Throws on a body that is not JSON, as k6 does.
   */
  json (selector?: string): unknown {
    if (this.#json === undefined) {
      const body = this.body
      if (typeof body !== 'string') throw new TypeError('json(): the response has no text body (responseType is not "text")')
      this.#json = JSON.parse(body)
    }
    if (selector === undefined || selector === '') return this.#json
    return gjsonGet(this.#json, selector)
  }
}

function canonicalHeaders (raw: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = canonicalName(raw[i] as string)
    const value = raw[i + 1] as string
    // A repeated header is joined with ", " (HTTP's list syntax).
    out[name] = out[name] === undefined ? value : `${out[name]}, ${value}`
  }
  return out
}

function canonicalName (name: string): string {
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase())
}
