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

function send (item: BatchRequest): Promise<HttpResponse> {
  if (typeof item === 'string') return api.request('GET', item)
  if (Array.isArray(item)) return api.request(item[0], item[1], item[2], item[3])
  if (typeof item === 'object' && item !== null && typeof item.url === 'string') return api.request(item.method ?? 'GET', item.url, item.body, item.params)
  throw new TypeError(`http.batch: ${JSON.stringify(item)} is not a URL, [method, url, body, params] or { method, url, body, params }`)
}

/** k6's http.batch: every request in parallel; an array or an object of responses, like its argument. */
export function batch (requests: BatchRequest[] | Record<string, BatchRequest>): Promise<HttpResponse[] | Record<string, HttpResponse>> {
  if (Array.isArray(requests)) return Promise.all(requests.map(send))
  const names = Object.keys(requests)
  return Promise.all(names.map((name) => send(requests[name] as BatchRequest)))
    .then((responses) => Object.fromEntries(names.map((name, i) => [name, responses[i] as HttpResponse])))
}

export const request = api.request
export const asyncRequest = api.request
export const get = api.get
export const head = api.head
export const options = api.options
export const post = api.post
export const put = api.put
export const patch = api.patch
export const del = api.del
export const expectedStatuses = api.expectedStatuses
export const setResponseCallback = api.setResponseCallback

export default { request, asyncRequest, get, head, options, post, put, patch, del, batch, expectedStatuses, setResponseCallback }
