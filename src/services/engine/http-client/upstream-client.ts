/**
 * One keep-alive connection pool (undici Pool) per upstream origin, with a
 * timeout per attempt and a bound on response size. It answers every HTTP
 * status as data; only transport problems throw, already mapped to the
 * engine's errors: connect/reset → UPSTREAM_UNAVAILABLE, timeout →
 * UPSTREAM_TIMEOUT, oversized or non-JSON body → UPSTREAM_MALFORMED.
 */
import { Pool } from 'undici'
import type { IncomingHttpHeaders } from 'undici/types/header.js'
import type { HttpSettings } from '../config.js'
import { UpstreamMalformedError, UpstreamTimeoutError, UpstreamUnavailableError } from '../errors.js'

export interface UpstreamResponse {
  status: number
  headers: IncomingHttpHeaders
  /** Parsed JSON, or the raw text when a non-2xx body is not JSON. */
  body: unknown
}

export type TransportFailure = 'connect_error' | 'timeout' | 'malformed' | 'cancelled'

/** Thrown as-is when the caller's own signal aborted the attempt (not an upstream fault). */
export class CallerCancelledError extends Error {
  constructor () {
    super('the caller cancelled the request')
    this.name = 'CallerCancelledError'
  }
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'])
const TOO_LARGE = 'UND_ERR_RES_EXCEEDED_MAX_SIZE'

export class UpstreamClient {
  readonly sourceId: string
  readonly baseUrl: string
  readonly #pool: Pool
  readonly #basePath: string
  readonly #settings: HttpSettings

  constructor (sourceId: string, baseUrl: string, settings: HttpSettings) {
    const url = new URL(baseUrl)
    this.sourceId = sourceId
    this.baseUrl = baseUrl
    this.#basePath = url.pathname.replace(/\/+$/, '')
    this.#settings = settings
    this.#pool = new Pool(url.origin, {
      connections: settings.connectionsPerOrigin,
      keepAliveTimeout: settings.keepAliveTimeoutMs,
      // The per-attempt AbortSignal is the real bound; these are backstops.
      headersTimeout: settings.timeoutMs * 2,
      bodyTimeout: settings.timeoutMs * 2,
      connect: { timeout: settings.connectTimeoutMs },
      maxResponseSize: settings.maxResponseBytes
    })
  }

  /** GET `path` (below the base URL) and parse the body as JSON. */
  async getJson (path: string, query: Record<string, string>, headers: Record<string, string>, signal?: AbortSignal): Promise<UpstreamResponse> {
    const timeout = AbortSignal.timeout(this.#settings.timeoutMs)
    const combined = signal === undefined ? timeout : AbortSignal.any([timeout, signal])
    try {
      const res = await this.#pool.request({
        method: 'GET',
        path: `${this.#basePath}${path}?${new URLSearchParams(query).toString()}`,
        headers: { accept: 'application/json', ...headers },
        signal: combined
      })
      const text = await res.body.text()
      return { status: res.statusCode, headers: res.headers, body: this.#parse(res.statusCode, text) }
    } catch (err) {
      throw this.#classify(err, timeout.aborted, signal?.aborted === true)
    }
  }

  /** The transport failure an error stands for (for metrics outcome labels). */
  static failureKind (err: unknown): TransportFailure | undefined {
    if (err instanceof CallerCancelledError) return 'cancelled'
    if (err instanceof UpstreamTimeoutError) return 'timeout'
    if (err instanceof UpstreamUnavailableError) return 'connect_error'
    if (err instanceof UpstreamMalformedError) return 'malformed'
    return undefined
  }

  async close (): Promise<void> {
    // destroy, not close: in-flight upstream calls of a stopping engine have nobody to answer to.
    await this.#pool.destroy()
  }

  #parse (status: number, text: string): unknown {
    try {
      return JSON.parse(text) as unknown
    } catch {
      // An error page (HTML from a proxy) is still a valid status to report; a 2xx must be JSON.
      if (status < 200 || status > 299) return text.slice(0, 200)
      throw new UpstreamMalformedError(this.sourceId, `status ${status} body is not JSON`)
    }
  }

  #classify (err: unknown, timedOut: boolean, cancelled: boolean): Error {
    if (err instanceof UpstreamMalformedError) return err
    if (timedOut) return new UpstreamTimeoutError(this.sourceId, this.#settings.timeoutMs)
    if (cancelled) return new CallerCancelledError()
    const code = (err as { code?: unknown }).code
    if (code === TOO_LARGE) return new UpstreamMalformedError(this.sourceId, `body larger than ${this.#settings.maxResponseBytes} bytes`)
    if (typeof code === 'string' && TIMEOUT_CODES.has(code)) return new UpstreamTimeoutError(this.sourceId, this.#settings.timeoutMs)
    const detail = typeof code === 'string' ? `${code} ${(err as Error).message}` : String((err as Error).message ?? err)
    return Object.assign(new UpstreamUnavailableError(this.sourceId, detail), { cause: err })
  }
}
