/**
 * The Market Intel workload, once, for both runners: `market-intel.ts`
 * (mib load) and `k6-load-test.ts` (the k6 binary, k6-operator). Plain data
 * and pure functions only: no runner API is imported here.
 *
 * Traffic mix (the seed's): 30% market-data fetch, 20% news fetch, 15%
 * market-data buffer, 10% news buffer, 10% ingestion stats, 10% data-source
 * connect, 5% health; think time U(0.1, 0.6) s; plus a WebSocket scenario
 * (subscribe, wait for a tick, close).
 */

export const SYMBOLS = ['AAPL', 'GOOGL', 'MSFT', 'AMZN', 'TSLA', 'META', 'NVDA', 'JPM', 'JNJ', 'V'] as const
export const KEYWORDS = ['stock', 'market', 'trading', 'investment', 'finance'] as const
export const DATA_SOURCES = ['yahoo_finance', 'news_api'] as const

/** Per-request budget of the "responds in time" checks, ms (the p95 threshold). */
export const RESPONSE_TIME_BUDGET_MS = 500
/** How long the WebSocket scenario waits for its first tick, ms. */
export const TICK_WAIT_MS = 5000
export const THINK_TIME_S = { min: 0.1, max: 0.6 } as const

export type OperationName =
  | 'market_data_fetch' | 'news_fetch' | 'market_data_buffer' | 'news_buffer'
  | 'ingestion_stats' | 'data_source_connect' | 'health'

/** Custom Rate metrics fed by the operations (and the WebSocket scenario). */
export type SuccessRate = 'market_data_fetch_success' | 'news_fetch_success' | 'buffer_fetch_success' | 'stats_fetch_success'
export const SUCCESS_RATES: readonly SuccessRate[] = ['market_data_fetch_success', 'news_fetch_success', 'buffer_fetch_success', 'stats_fetch_success']

export type Random = () => number

export interface OperationRequest {
  method: 'GET' | 'POST'
  /** Path and query, appended to BASE_URL. */
  path: string
  /** JSON text for POST. */
  body: string | null
}

export interface Operation {
  name: OperationName
  /** Share of the traffic, percent. */
  weight: number
  build: (random: Random) => OperationRequest
  /** Whether the parsed JSON body is what a successful answer looks like. */
  bodyOk: (json: unknown) => boolean
  /** The success Rate this operation feeds, if any. */
  successRate: SuccessRate | undefined
}

/** What both runners' responses have in common (k6's body may also be bytes). */
export interface ResponseLike {
  status: number
  body: unknown
  timings: { duration: number }
}

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const succeeded = (json: unknown): json is Json => isObject(json) && json.success === true
const nonEmptyArray = (v: unknown): boolean => Array.isArray(v) && v.length > 0

export function pickSome<T> (random: Random, from: readonly T[], min: number, max: number): T[] {
  const count = min + Math.floor(random() * (max - min + 1))
  const pool = [...from]
  const out: T[] = []
  while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0] as T)
  return out
}

const pickOne = <T>(random: Random, from: readonly T[]): T => from[Math.floor(random() * from.length)] as T

export const OPERATIONS: readonly Operation[] = [
  {
    name: 'market_data_fetch',
    weight: 30,
    build: (random) => ({ method: 'POST', path: '/api/v1/market-data/fetch', body: JSON.stringify({ symbols: pickSome(random, SYMBOLS, 1, 5), source_id: 'yahoo_finance' }) }),
    bodyOk: (json) => succeeded(json) && nonEmptyArray(json.market_data),
    successRate: 'market_data_fetch_success'
  },
  {
    name: 'news_fetch',
    weight: 20,
    build: (random) => ({ method: 'POST', path: '/api/v1/news/fetch', body: JSON.stringify({ keywords: pickSome(random, KEYWORDS, 1, 3), source_id: 'news_api', hours_back: 24 }) }),
    bodyOk: (json) => succeeded(json) && Array.isArray(json.news_items),
    successRate: 'news_fetch_success'
  },
  {
    name: 'market_data_buffer',
    weight: 15,
    build: (random) => ({ method: 'GET', path: `/api/v1/market-data/buffer?symbol=${pickOne(random, SYMBOLS)}&limit=50`, body: null }),
    bodyOk: (json) => succeeded(json) && Array.isArray(json.market_data),
    successRate: 'buffer_fetch_success'
  },
  {
    name: 'news_buffer',
    weight: 10,
    build: (random) => ({ method: 'GET', path: `/api/v1/news/buffer?keywords=${pickSome(random, KEYWORDS, 1, 2).join(',')}&limit=20`, body: null }),
    bodyOk: (json) => succeeded(json) && Array.isArray(json.news_items),
    successRate: 'buffer_fetch_success'
  },
  {
    name: 'ingestion_stats',
    weight: 10,
    build: () => ({ method: 'GET', path: '/api/v1/ingestion/stats', body: null }),
    bodyOk: (json) => succeeded(json) && isObject(json.stats),
    successRate: 'stats_fetch_success'
  },
  {
    name: 'data_source_connect',
    weight: 10,
    build: (random) => ({ method: 'POST', path: '/api/v1/data-sources/connect', body: JSON.stringify({ source_id: pickOne(random, DATA_SOURCES), api_key: '' }) }),
    bodyOk: (json) => succeeded(json) && typeof json.connected === 'boolean',
    successRate: undefined
  },
  {
    name: 'health',
    weight: 5,
    build: () => ({ method: 'GET', path: '/api/v1/health', body: null }),
    bodyOk: (json) => isObject(json) && json.success !== false,
    successRate: undefined
  }
]

const TOTAL_WEIGHT = OPERATIONS.reduce((sum, op) => sum + op.weight, 0)

/** An operation drawn by weight. */
export function pickOperation (random: Random): Operation {
  let x = random() * TOTAL_WEIGHT
  for (const op of OPERATIONS) {
    x -= op.weight
    if (x < 0) return op
  }
  return OPERATIONS[OPERATIONS.length - 1] as Operation
}

export function thinkTimeS (random: Random): number {
  return THINK_TIME_S.min + random() * (THINK_TIME_S.max - THINK_TIME_S.min)
}

export function parseJson (body: unknown): unknown {
  if (typeof body !== 'string' || body === '') return undefined
  try {
    return JSON.parse(body)
  } catch {
    return undefined // not JSON: the body check fails
  }
}

/** The checks of one response: status, time budget, body content. */
export function operationChecks (op: Operation, json: unknown): Record<string, (r: ResponseLike) => boolean> {
  return {
    [`${op.name}: status is 200`]: (r) => r.status === 200,
    [`${op.name}: responds within ${RESPONSE_TIME_BUDGET_MS}ms`]: (r) => r.timings.duration < RESPONSE_TIME_BUDGET_MS,
    [`${op.name}: body is a successful answer`]: () => op.bodyOk(json)
  }
}

/** Whether the request counts for its success Rate. */
export function operationSucceeded (op: Operation, status: number, json: unknown): boolean {
  return status === 200 && op.bodyOk(json)
}

/** The Rate metric fed once per 503 answer: true when the refusal was clean (see isCleanRefusal). */
export const CLEAN_REFUSALS = 'clean_refusals'

/**
 * A 503 that tells the client what to do: a `Retry-After` header and the JSON
 * error envelope with its code. The chaos verdict counts these as expected
 * answers while a part is down, and any other failure as unclean (docs/chaos.md).
 * `headers` as both runners give them: canonical names ("Retry-After").
 */
export function isCleanRefusal (status: number, headers: Readonly<Record<string, string>>, json: unknown): boolean {
  return status === 503 && headers['Retry-After'] !== undefined && isObject(json) && json.success === false && typeof json.error === 'string'
}

/** The WebSocket URL for a base HTTP URL. */
export function marketDataSocketUrl (baseUrl: string): string {
  return `${baseUrl.replace(/^http/, 'ws')}/api/v1/ws/market-data`
}

export function subscribeMessage (random: Random): string {
  return JSON.stringify({ action: 'subscribe', symbols: pickSome(random, SYMBOLS, 1, 3) })
}

export function isTick (data: unknown): boolean {
  const json = parseJson(data)
  return isObject(json) && json.type === 'tick'
}

export const DEFAULT_BASE_URL = 'http://127.0.0.1:8080'
