/**
 * The engine's health and ingestion statistics, shaped as the contract's
 * messages; the gRPC handlers send them and the admin HTTP serves them as JSON.
 */
import type { DataSourceInfo, HealthCheckResponse, IngestionStats } from '../common/contract/index.js'
import { VERSION } from '../common/defaults.js'
import type { EngineContext } from './context.js'

export type HealthStatus = 'healthy' | 'degraded' | 'shutting_down'

/**
 * healthy: serving, every enabled source connected. degraded: serving from the
 * buffers while a source is down (still `healthy: true`: the engine works and
 * restarting it would not bring the provider back). shutting_down: not healthy.
 */
export function healthReport (ctx: EngineContext): Required<HealthCheckResponse> & { status: HealthStatus } {
  const components: Record<string, boolean> = { grpc: !ctx.isClosing(), market_buffer: true, news_store: true }
  let degraded = false
  for (const source of ctx.registry.all()) {
    if (!source.enabled) continue
    components[source.id] = source.connected
    if (!source.connected) degraded = true
  }
  const status: HealthStatus = ctx.isClosing() ? 'shutting_down' : degraded ? 'degraded' : 'healthy'
  return { healthy: status !== 'shutting_down', status, version: VERSION, uptime_ms: ctx.ingestion.stats.uptimeMs, components }
}

export function ingestionStatsReport (ctx: EngineContext): Required<IngestionStats> {
  const { stats, market, news, hub } = ctx.ingestion
  const dataSources: Record<string, Required<DataSourceInfo>> = {}
  for (const source of ctx.registry.all()) {
    dataSources[source.id] = { type: source.type, enabled: source.enabled, connected: source.connected, circuit_state: source.circuitState, base_url: source.baseUrl }
  }
  return {
    active_connections: ctx.registry.activeConnections(),
    configured_sources: ctx.registry.ids.length,
    market_data_buffer_size: market.size,
    news_buffer_size: news.size,
    max_buffer_size: market.capacityPerSymbol,
    data_sources: dataSources,
    ticks_ingested: stats.ticksIngested,
    news_ingested: stats.newsIngested,
    ticks_per_second: stats.ticksPerSecond,
    news_per_second: stats.newsPerSecond,
    errors: stats.errors,
    evictions: stats.evictions,
    uptime_ms: stats.uptimeMs,
    stream_subscribers: hub.size
  }
}
