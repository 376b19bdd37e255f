/**
 * k6's http.request semantics on a VU: request building (headers, body,
 * timeout), redirects, k6 metrics and tags per request, error codes, the
 * `throw` option, and the coordinated-omission-corrected duration.
 */
import { parseDurationMs } from '../duration.js'
import { HttpRequestFailedError } from '../errors.js'
import type { Vu } from '../vu/vu.js'
import type { Emitter } from '../runtime/emitter.js'
import { Exchange, type BodyMode, type ExchangeRequest } from './exchange.js'
import { HttpResponse } from './response.js'
import { splitUrl } from './split-url.js'
import { tagsWith } from '../tags.js'
import { httpStatusErrorCode, k6ErrorCode, K6_ERROR } from './error-codes.js'
import { DEFAULT_EXPECTED, type ExpectedStatuses } from './expected-statuses.js'

export type RequestBody = string | ArrayBuffer | Uint8Array | Record<string, string | number | boolean> | null | undefined

export interface RequestParams {
  headers?: Record<string, string>
  tags?: Record<string, string>
  /** "30s", "500ms" or milliseconds. */
  timeout?: string | number
  responseType?: BodyMode
  /** Redirects to follow (default options.maxRedirects). */
  redirects?: number
  /** Expected statuses for this request (null: every response is "expected"). */
  responseCallback?: ExpectedStatuses | null
}

const timeoutCache = new Map<string, number>()

/** The thread's response callback (http.setResponseCallback). */
let responseCallback: ExpectedStatuses | null = DEFAULT_EXPECTED
export function setResponseCallback (callback: ExpectedStatuses | null): void {
  responseCallback = callback
}

/**
 * One k6 request, redirects included: resolves with the last response (a
 * failure is a response with status 0 unless `throw` is set), rejects when
 * the VU's iteration is interrupted. One promise per call: the exchanges
 * report to a RequestFlow, which records their metrics as they end.
 */
/** What k6/http's cookie jar needs from a request: every response, redirect hops included, and a say in each hop's headers. */
export interface ResponseObserver {
  response: (vu: Vu, response: HttpResponse) => void
  /** The headers of a redirect's next request, to `url` (flat [name, value, ...]). */
  redirect: (vu: Vu, url: string, headers: readonly string[]) => readonly string[]
}

export function k6Request (vu: Vu, method: string, url: string, body: RequestBody, params: RequestParams | undefined, observe?: ResponseObserver): Promise<HttpResponse> {
  vu.assertRunning()
  const http = vu.resources.http
  const encoded = encodeBody(body)
  const headers = buildHeaders(http.userAgent, params?.headers, encoded.contentType)
  const timeoutMs = requestTimeout(params?.timeout, http.timeoutMs)
  const flow = new RequestFlow(vu, headers, timeoutMs, params, method.toUpperCase(), url, encoded.body, observe)
  return new Promise<HttpResponse>((resolve, reject) => {
    flow.resolve = resolve
    flow.reject = reject
    flow.send()
  })
}

class RequestFlow {
  readonly #vu: Vu
  #headers: readonly string[]
  readonly #timeoutMs: number
  readonly #bodyMode: BodyMode
  readonly #extraTags: Record<string, string> | undefined
  readonly #expected: ExpectedStatuses | null
  #redirectsLeft: number
  #method: string
  #url: string
  #body: string | Uint8Array | null
  readonly #observe: ResponseObserver | undefined
  resolve!: (response: HttpResponse) => void
  reject!: (err: unknown) => void

  constructor (vu: Vu, headers: readonly string[], timeoutMs: number, params: RequestParams | undefined, method: string, url: string, body: string | Uint8Array | null, observe: ResponseObserver | undefined) {
    const http = vu.resources.http
    this.#vu = vu
    this.#headers = headers
    this.#timeoutMs = timeoutMs
    this.#bodyMode = params?.responseType ?? (http.discardResponseBodies ? 'none' : 'text')
    this.#extraTags = params?.tags
    this.#expected = params?.responseCallback !== undefined ? params.responseCallback : responseCallback
    this.#redirectsLeft = params?.redirects ?? http.maxRedirects
    this.#method = method
    this.#url = url
    this.#body = body
    this.#observe = observe
  }

  send (): void {
    const vu = this.#vu
    const request: ExchangeRequest = {
      method: this.#method,
      path: '/',
      headers: this.#headers,
      body: this.#body,
      timeoutMs: this.#timeoutMs,
      bodyMode: this.#bodyMode,
      reset: vu.resources.http.noConnectionReuse
    }
    let split
    try {
      split = splitUrl(this.#url)
    } catch (err) {
      new Exchange(undefined, undefined, request, this.#ended).fail(err as Error)
      return
    }
    request.path = split.path
    const exchange = new Exchange(vu.connectionPool, split.target, request, this.#ended)
    vu.track(exchange)
    exchange.start()
  }

  readonly #ended = (exchange: Exchange): void => {
    const vu = this.#vu
    vu.untrack(exchange)
    try {
      vu.assertRunning()
      const response = record(vu, exchange, this.#method, this.#url, this.#extraTags, this.#expected)
      this.#observe?.response(vu, response)
      const location = this.#redirectsLeft > 0 ? redirectTarget(exchange, this.#url) : undefined
      if (location === undefined) {
        if (response.error_code !== 0 && response.status === 0 && vu.resources.http.throwOnError) {
          this.reject(new HttpRequestFailedError(this.#method, this.#url, response.error))
        } else {
          this.resolve(response)
        }
        return
      }
      this.#redirectsLeft--
      // 301/302/303 turn into GET without a body (as browsers and Go do); 307/308 replay the request.
      if (exchange.status <= 303 && this.#method !== 'HEAD') { this.#method = 'GET'; this.#body = null }
      this.#url = location
      if (this.#observe !== undefined) this.#headers = this.#observe.redirect(vu, location, this.#headers)
      this.send()
    } catch (err) {
      this.reject(err)
    }
  }
}

function record (vu: Vu, exchange: Exchange, method: string, url: string,
  extraTags: Record<string, string> | undefined, expected: ExpectedStatuses | null): HttpResponse {
  const failedNetwork = exchange.error !== undefined
  const errorCode = failedNetwork ? k6ErrorCode(exchange.error) : httpStatusErrorCode(exchange.status)
  const errorMessage = failedNetwork ? errorText(exchange.error as Error) : ''
  const ok = !failedNetwork && (expected === null || expected.matches(exchange.status))
  const tags = tagsWith({
    method,
    url,
    name: url,
    status: String(exchange.status),
    expected_response: ok ? 'true' : 'false',
    proto: failedNetwork ? '' : 'HTTP/1.1'
  }, vu.tags, extraTags)
  if (errorCode !== 0) tags.error_code = String(errorCode)
  const response = new HttpResponse(exchange, url, errorMessage, errorCode)
  emitRequestMetrics(vu, exchange, response, ok, tags)
  return response
}

function emitRequestMetrics (vu: Vu, exchange: Exchange, response: HttpResponse, ok: boolean, tags: Record<string, string>): void {
  const emitter: Emitter = vu.resources.emitter
  const m = emitter.builtin
  const t = response.timings
  vu.iterationRequests++
  emitter.add(m.http_reqs, 1, tags)
  emitter.add(m.http_req_duration, t.duration, tags)
  emitter.add(m.http_req_blocked, t.blocked, tags)
  emitter.add(m.http_req_connecting, t.connecting, tags)
  emitter.add(m.http_req_tls_handshaking, t.tls_handshaking, tags)
  emitter.add(m.http_req_sending, t.sending, tags)
  emitter.add(m.http_req_waiting, t.waiting, tags)
  emitter.add(m.http_req_receiving, t.receiving, tags)
  emitter.add(m.http_req_failed, ok ? 0 : 1, tags)
  if (exchange.bytesSent > 0) emitter.add(m.data_sent, exchange.bytesSent, tags)
  if (exchange.bytesReceived > 0) emitter.add(m.data_received, exchange.bytesReceived, tags)
  if (vu.scenario?.open === true) {
    // The iteration's first request carries the wait for a VU: measured from the intended start.
    const intended = vu.takeIntendedStart()
    emitter.add(m.http_req_duration_intended, intended === undefined ? t.duration : exchange.endMs - intended, tags)
  }
}

function redirectTarget (exchange: Exchange, from: string): string | undefined {
  const status = exchange.status
  if (status !== 301 && status !== 302 && status !== 303 && status !== 307 && status !== 308) return undefined
  const raw = exchange.headers
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if ((raw[i] as string).toLowerCase() === 'location') {
      try {
        return new URL(raw[i + 1] as string, from).href
      } catch {
        return undefined // an unusable Location: the 3xx response is the result
      }
    }
  }
  return undefined
}

interface EncodedBody { readonly body: string | Uint8Array | null, readonly contentType: string | undefined }
const NO_BODY: EncodedBody = { body: null, contentType: undefined }

function encodeBody (body: RequestBody): EncodedBody {
  if (body === null || body === undefined) return NO_BODY
  if (typeof body === 'string') return { body, contentType: undefined }
  if (body instanceof Uint8Array) return { body, contentType: undefined }
  if (body instanceof ArrayBuffer) return { body: new Uint8Array(body), contentType: undefined }
  // k6 sends a plain object as a form.
  const form = new URLSearchParams()
  for (const [key, value] of Object.entries(body)) form.append(key, String(value))
  return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' }
}

/** The headers of a request without headers of its own: the same array every time (read-only downstream). */
let defaultHeaders: { userAgent: string, flat: readonly string[] } = { userAgent: '', flat: [] }

function buildHeaders (userAgent: string, given: Record<string, string> | undefined, contentType: string | undefined): readonly string[] {
  if (given === undefined && contentType === undefined) {
    if (defaultHeaders.userAgent !== userAgent) defaultHeaders = { userAgent, flat: userAgent === '' ? [] : ['user-agent', userAgent] }
    return defaultHeaders.flat
  }
  const flat: string[] = []
  let hasUserAgent = false
  let hasContentType = false
  if (given !== undefined) {
    for (const name in given) {
      const value = given[name]
      if (value === undefined) continue
      const lower = name.toLowerCase()
      if (lower === 'user-agent') hasUserAgent = true
      else if (lower === 'content-type') hasContentType = true
      flat.push(name, String(value))
    }
  }
  if (!hasUserAgent && userAgent !== '') flat.push('user-agent', userAgent)
  if (!hasContentType && contentType !== undefined) flat.push('content-type', contentType)
  return flat
}

function requestTimeout (timeout: string | number | undefined, fallbackMs: number): number {
  if (timeout === undefined) return fallbackMs
  if (typeof timeout === 'number') return timeout
  let ms = timeoutCache.get(timeout)
  if (ms === undefined) {
    ms = parseDurationMs(timeout)
    if (ms === undefined) throw new TypeError(`params.timeout "${timeout}" is not a duration (use e.g. "10s" or 10000)`)
    if (timeoutCache.size < 1000) timeoutCache.set(timeout, ms)
  }
  return ms
}

function errorText (err: Error): string {
  const code = k6ErrorCode(err)
  if (code === K6_ERROR.REQUEST_TIMEOUT) return 'request timeout'
  const cause = (err as { cause?: unknown }).cause
  return cause instanceof Error && cause.message !== '' && !err.message.includes(cause.message) ? `${err.message}: ${cause.message}` : err.message
}
