/** What the route and socket modules share: built once by startGateway. */
import type { GatewayOptions } from './config.js'
import type { EngineClient } from './engine-client/client.js'
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
  metrics: GatewayMetrics
  schemas: RouteSchemas
  /** Maps schema violations onto field-specific codes (schemas.ts). */
  schemaErrorFormatter: SchemaErrorFormatter
  /** Epoch ms. */
  startedAt: number
}

export const DEFAULT_MARKET_SOURCE = 'yahoo_finance'
export const DEFAULT_NEWS_SOURCE = 'news_api'
