/**
 * `http`: k6/http's request functions. Each returns a Promise of a k6-shaped
 * Response (await it: unlike k6, VU code is asynchronous).
 */
import { currentVu } from '../vu/context.js'
import { k6Request, setResponseCallback as setThreadResponseCallback, type RequestBody, type RequestParams } from '../http/k6-request.js'
import { ExpectedStatuses, type StatusSpec } from '../http/expected-statuses.js'
import type { HttpResponse } from '../http/response.js'

export type { RequestBody, RequestParams } from '../http/k6-request.js'
export type { HttpResponse } from '../http/response.js'
export type { Timings } from '../http/exchange.js'
export { ExpectedStatuses, type StatusSpec } from '../http/expected-statuses.js'

function request (method: string, url: string, body?: RequestBody, params?: RequestParams): Promise<HttpResponse> {
  return k6Request(currentVu('http.request()'), method, url, body, params)
}

export const http = {
  request,
  get: (url: string, params?: RequestParams): Promise<HttpResponse> => k6Request(currentVu('http.get()'), 'GET', url, null, params),
  head: (url: string, params?: RequestParams): Promise<HttpResponse> => k6Request(currentVu('http.head()'), 'HEAD', url, null, params),
  options: (url: string, body?: RequestBody, params?: RequestParams): Promise<HttpResponse> => k6Request(currentVu('http.options()'), 'OPTIONS', url, body, params),
  post: (url: string, body?: RequestBody, params?: RequestParams): Promise<HttpResponse> => k6Request(currentVu('http.post()'), 'POST', url, body, params),
  put: (url: string, body?: RequestBody, params?: RequestParams): Promise<HttpResponse> => k6Request(currentVu('http.put()'), 'PUT', url, body, params),
  patch: (url: string, body?: RequestBody, params?: RequestParams): Promise<HttpResponse> => k6Request(currentVu('http.patch()'), 'PATCH', url, body, params),
  del: (url: string, body?: RequestBody, params?: RequestParams): Promise<HttpResponse> => k6Request(currentVu('http.del()'), 'DELETE', url, body, params),
  /** k6's http.expectedStatuses(200, { min: 300, max: 399 }). */
  expectedStatuses: (...statuses: StatusSpec[]): ExpectedStatuses => new ExpectedStatuses(statuses),
  /** Which statuses count as expected for every request of this thread (null: all of them). */
  setResponseCallback: (callback: ExpectedStatuses | null): void => { setThreadResponseCallback(callback) }
}
