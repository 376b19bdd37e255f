/** The gateway's load-shedding settings (common/load-shedder.ts), from its options. */
import type { HttpServerSettings } from '../common/http-server.js'
import type { GatewayOptions } from './config.js'

/** The routes that wait on the upstream through the engine: each bounded apart by maxInFlightFetches. */
export const FETCH_PATHS = ['/api/v1/market-data/fetch', '/api/v1/news/fetch'] as const

/** Never shed: what an operator and a supervisor watch the overload with. */
const EXEMPT_PREFIXES = ['/metrics', '/debug/pprof', '/api/v1/health']

export function loadShedding (options: GatewayOptions): NonNullable<HttpServerSettings['loadShedding']> {
  return {
    maxInFlight: options.maxInFlight,
    boundedPaths: Object.fromEntries(FETCH_PATHS.map((path) => [path, options.maxInFlightFetches])),
    maxEventLoopDelayMs: options.maxEventLoopDelayMs,
    sampleIntervalMs: options.eventLoopSampleIntervalMs,
    exemptPrefixes: EXEMPT_PREFIXES
  }
}
