/** What the route and socket modules share: built once by startGateway. */
import type { GatewayOptions } from './config.js'
import type { EngineClient } from './engine-client/client.js'
import type { EngineConnects } from './engine-client/engine-connects.js'
import type { EngineFetches } from './engine-client/engine-fetches.js'
import type { EngineReads } from './engine-client/engine-reads.js'
import type { EngineHealthProbe } from './engine-client/health-probe.js'
import type { GatewayMetrics } from './metrics.js'
import type { RouteSchemas, SchemaErrorFormatter } from './schemas.js'

export interface GatewayContext {
  options: GatewayOptions
  engine: EngineClient
  health: EngineHealthProbe
  reads: EngineReads
  fetches: EngineFetches
  connects: EngineConnects
  metrics: GatewayMetrics
  schemas: RouteSchemas
  /** Maps schema violations onto field-specific codes (schemas.ts). */
  schemaErrorFormatter: SchemaErrorFormatter
  /** Epoch ms. */
  startedAt: number
}

export const DEFAULT_MARKET_SOURCE = 'yahoo_finance'
export const DEFAULT_NEWS_SOURCE = 'news_api'

/**
 * The original clients' contract: they pick `source_id` at random from both
 * configured sources for both fetch endpoints. A fetch naming the configured
 * source of the other kind is served by the source of this kind (the answer's
 * `metadata.served_by` and message say which); an empty id is this kind's
 * source; any other id goes to the engine as is (unknown ids stay its 400).
 */
export function servingSource (kind: 'market' | 'news', requested: string | undefined): string {
  const own = kind === 'market' ? DEFAULT_MARKET_SOURCE : DEFAULT_NEWS_SOURCE
  const other = kind === 'market' ? DEFAULT_NEWS_SOURCE : DEFAULT_MARKET_SOURCE
  return requested === undefined || requested === '' || requested === other ? own : requested
}
