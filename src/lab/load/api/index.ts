/**
 * The script API: `import { http, check, sleep } from 'market-intel-brain/load'`.
 * Mirrors k6's modules (k6, k6/http, k6/ws, k6/metrics) where it fits; the
 * differences (asynchronous VU code, shared module state) are in docs/load.md.
 */
export { http, ExpectedStatuses, type HttpResponse, type RequestBody, type RequestParams, type StatusSpec, type Timings } from './http.js'
export { check, type Checkers } from './check.js'
export { group } from './group.js'
export { sleep } from './sleep.js'
export { Counter, Gauge, Rate, Trend } from './metrics-classes.js'
export { ws, type WsHandler, type WsParams, type WsResponse, type WsSocket } from './ws.js'
export { env, vu, fail } from './context.js'
export type { Options } from '../script/options-schema.js'
export type { ScenarioOptions } from '../executors/config.js'
export type { SummaryData } from '../metrics/index.js'
