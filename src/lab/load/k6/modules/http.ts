/**
 * k6/http over the runner's requests. Every request function returns a
 * Promise here; the k6 transform awaits the blocking ones (get, post, …,
 * request, batch), so scripts read as in k6. asyncRequest is k6's own
 * Promise-returning request and is left as is.
 */
import './globals.js'
import { http as api, type HttpResponse, type RequestBody, type RequestParams } from '../../api/http.js'

type BatchRequest =
  | string
  | [method: string, url: string, body?: RequestBody, params?: RequestParams]
  | { method?: string, url: string, body?: RequestBody, params?: RequestParams }

// Request params k6 has and mib load does not: refused by name rather than silently ignored.
const UNSUPPORTED_PARAMS: Readonly<Record<string, string>> = {
  jar: 'cookie jars are not supported: set the Cookie header yourself',
  cookies: 'cookies are not supported: set the Cookie header yourself',
  auth: 'params.auth (basic/digest/NTLM) is not supported: set an Authorization header',
  compression: 'params.compression is not supported: compress the body yourself and set Content-Encoding'
}

function checked (params: RequestParams | undefined): RequestParams | undefined {
  if (params === undefined || params === null) return undefined
  for (const key in UNSUPPORTED_PARAMS) {
    const value = (params as Record<string, unknown>)[key]
    if (value !== undefined && value !== null && value !== false && value !== '') throw new TypeError(`k6/http: ${UNSUPPORTED_PARAMS[key] ?? key}`)
  }
  return params
}

function unsupported (what: string, instead: string): () => never {
  return () => { throw new TypeError(`k6/http: ${what} is not supported by mib load: ${instead}`) }
}

export const request = (method: string, url: string, body?: RequestBody, params?: RequestParams): Promise<HttpResponse> => api.request(method, url, body, checked(params))
export const asyncRequest = request
export const get = (url: string, params?: RequestParams): Promise<HttpResponse> => api.get(url, checked(params))
export const head = (url: string, params?: RequestParams): Promise<HttpResponse> => api.head(url, checked(params))
export const options = (url: string, body?: RequestBody, params?: RequestParams): Promise<HttpResponse> => api.options(url, body, checked(params))
export const post = (url: string, body?: RequestBody, params?: RequestParams): Promise<HttpResponse> => api.post(url, body, checked(params))
export const put = (url: string, body?: RequestBody, params?: RequestParams): Promise<HttpResponse> => api.put(url, body, checked(params))
export const patch = (url: string, body?: RequestBody, params?: RequestParams): Promise<HttpResponse> => api.patch(url, body, checked(params))
export const del = (url: string, body?: RequestBody, params?: RequestParams): Promise<HttpResponse> => api.del(url, body, checked(params))
export const expectedStatuses = api.expectedStatuses
export const setResponseCallback = api.setResponseCallback
export const cookieJar = unsupported('http.cookieJar()', 'set the Cookie header yourself')
export const file = unsupported('http.file() (multipart bodies)', 'send the body as a string or ArrayBuffer with your own Content-Type')

function send (item: BatchRequest): Promise<HttpResponse> {
  if (typeof item === 'string') return request('GET', item)
  if (Array.isArray(item)) return request(item[0], item[1], item[2], item[3])
  if (typeof item === 'object' && item !== null && typeof item.url === 'string') return request(item.method ?? 'GET', item.url, item.body, item.params)
  throw new TypeError(`http.batch: ${JSON.stringify(item)} is not a URL, [method, url, body, params] or { method, url, body, params }`)
}

/** k6's http.batch: every request in parallel; an array or an object of responses, like its argument. */
export function batch (requests: BatchRequest[] | Record<string, BatchRequest>): Promise<HttpResponse[] | Record<string, HttpResponse>> {
  if (Array.isArray(requests)) return Promise.all(requests.map(send))
  const names = Object.keys(requests)
  return Promise.all(names.map((name) => send(requests[name] as BatchRequest)))
    .then((responses) => Object.fromEntries(names.map((name, i) => [name, responses[i] as HttpResponse])))
}

export default { request, asyncRequest, get, head, options, post, put, patch, del, batch, expectedStatuses, setResponseCallback, cookieJar, file }
