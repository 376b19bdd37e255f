/**
 * k6/http over the runner's requests. Every request function returns a
 * Promise here; the k6 transform awaits the blocking ones (get, post, …,
 * request, batch), so scripts read as in k6. asyncRequest is k6's own
 * Promise-returning request and is left as is.
 */
import './globals.js'
import { http as api, type HttpResponse, type RequestBody, type RequestParams } from '../../api/http.js'
import { k6Request } from '../../http/k6-request.js'
import { currentVu } from '../../vu/context.js'
import { maybeThreadState } from '../../runtime/thread-state.js'
import type { Vu } from '../../vu/vu.js'
import { cookieObserver, peekJar, vuJar, type RequestCookies } from './cookies.js'

/** k6's request params: the runner's, plus the per-request cookies. */
type K6Params = RequestParams & { cookies?: RequestCookies, jar?: unknown }

type BatchRequest =
  | string
  | [method: string, url: string, body?: RequestBody, params?: K6Params]
  | { method?: string, url: string, body?: RequestBody, params?: K6Params }

// Request params k6 has and mib load does not: refused by name rather than silently ignored.
const UNSUPPORTED_PARAMS: Readonly<Record<string, string>> = {
  jar: 'params.jar (a jar other than the VU\'s own) is not supported: use the VU\'s jar, http.cookieJar()',
  auth: 'params.auth (basic/digest/NTLM) is not supported: set an Authorization header',
  compression: 'params.compression is not supported: compress the body yourself and set Content-Encoding'
}

function checked (params: K6Params | undefined): K6Params | undefined {
  if (params === undefined || params === null) return undefined
  for (const key in UNSUPPORTED_PARAMS) {
    const value = (params as Record<string, unknown>)[key]
    if (key === 'jar' && value instanceof Object && value === peekJar(currentVu('http.request()'))) continue
    if (value !== undefined && value !== null && value !== false && value !== '') throw new TypeError(`k6/http: ${UNSUPPORTED_PARAMS[key] ?? key}`)
  }
  return params
}

/** One k6 request: the VU's cookies (and params.cookies) go out, the cookies responses set come back into its jar. */
function send (vu: Vu, method: string, url: string, body: RequestBody, rawParams: K6Params | undefined): Promise<HttpResponse> {
  const params = checked(rawParams)
  const cookie = cookieHeader(vu, url, params?.cookies)
  const sent = cookie === undefined ? params : { ...params, headers: { ...params?.headers, Cookie: cookie } }
  return k6Request(vu, method, url, body, sent, cookieObserver)
}

function cookieHeader (vu: Vu, url: string, extra: RequestCookies | undefined): string | undefined {
  const jar = peekJar(vu)
  if ((jar === undefined || jar.isEmpty) && extra === undefined) return undefined
  return (jar ?? vuJar(vu)).header(url, extra)
}

function unsupported (what: string, instead: string): () => never {
  return () => { throw new TypeError(`k6/http: ${what} is not supported by mib load: ${instead}`) }
}

export const request = (method: string, url: string, body?: RequestBody, params?: K6Params): Promise<HttpResponse> => send(currentVu('http.request()'), method.toUpperCase(), url, body, params)
export const asyncRequest = request
export const get = (url: string, params?: K6Params): Promise<HttpResponse> => send(currentVu('http.get()'), 'GET', url, null, params)
export const head = (url: string, params?: K6Params): Promise<HttpResponse> => send(currentVu('http.head()'), 'HEAD', url, null, params)
export const options = (url: string, body?: RequestBody, params?: K6Params): Promise<HttpResponse> => send(currentVu('http.options()'), 'OPTIONS', url, body, params)
export const post = (url: string, body?: RequestBody, params?: K6Params): Promise<HttpResponse> => send(currentVu('http.post()'), 'POST', url, body, params)
export const put = (url: string, body?: RequestBody, params?: K6Params): Promise<HttpResponse> => send(currentVu('http.put()'), 'PUT', url, body, params)
export const patch = (url: string, body?: RequestBody, params?: K6Params): Promise<HttpResponse> => send(currentVu('http.patch()'), 'PATCH', url, body, params)
export const del = (url: string, body?: RequestBody, params?: K6Params): Promise<HttpResponse> => send(currentVu('http.del()'), 'DELETE', url, body, params)
export const expectedStatuses = api.expectedStatuses
export const setResponseCallback = api.setResponseCallback
/** The VU's cookie jar (k6: http.cookieJar()). */
export const cookieJar = (): ReturnType<typeof vuJar> => vuJar()
export const file = unsupported('http.file() (multipart bodies)', 'send the body as a string or ArrayBuffer with your own Content-Type')

function sendBatched (item: BatchRequest): Promise<HttpResponse> {
  if (typeof item === 'string') return request('GET', item)
  if (Array.isArray(item)) return request(item[0], item[1], item[2], item[3])
  if (typeof item === 'object' && item !== null && typeof item.url === 'string') return request(item.method ?? 'GET', item.url, item.body, item.params)
  throw new TypeError(`http.batch: ${JSON.stringify(item)} is not a URL, [method, url, body, params] or { method, url, body, params }`)
}

/**
 * k6's http.batch: the requests in parallel, at most options.batch (k6's
 * default 20) in flight; an array or an object of responses, like its argument.
 */
export async function batch (requests: BatchRequest[] | Record<string, BatchRequest>): Promise<HttpResponse[] | Record<string, HttpResponse>> {
  const names = Array.isArray(requests) ? undefined : Object.keys(requests)
  const items = Array.isArray(requests) ? requests : (names as string[]).map((name) => requests[name] as BatchRequest)
  const responses = new Array<HttpResponse>(items.length)
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      responses[index] = await sendBatched(items[index] as BatchRequest)
    }
  }
  await Promise.all(Array.from({ length: Math.min(batchLimit(), items.length) }, lane))
  return names === undefined ? responses : Object.fromEntries(names.map((name, i) => [name, responses[i] as HttpResponse]))
}

function batchLimit (): number {
  const limit = (maybeThreadState()?.options as { batch?: unknown } | undefined)?.batch
  return typeof limit === 'number' && limit >= 1 ? Math.floor(limit) : 20
}

export default { request, asyncRequest, get, head, options, post, put, patch, del, batch, expectedStatuses, setResponseCallback, cookieJar, file }
