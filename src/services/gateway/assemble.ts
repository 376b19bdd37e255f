/**
 * The gateway's parts, wired once from the options: the engine client and what
 * sits on it (health probe, reads, on-demand tick stream), and the WebSocket hub.
 * No I/O happens here; startGateway (index.ts) mounts and listens.
 */
import type { Logger } from '../common/logger.js'
import type { GatewayOptions } from './config.js'
import type { GatewayContext } from './context.js'
import { EngineClient } from './engine-client/client.js'
import { EngineConnects } from './engine-client/engine-connects.js'
import { EngineFetches, STALE_IF_ERROR_MS } from './engine-client/engine-fetches.js'
import { EngineReads } from './engine-client/engine-reads.js'
import { EngineHealthProbe } from './engine-client/health-probe.js'
import { EngineMarketStream, StreamDemand } from './engine-client/market-stream.js'
import type { GatewayMetrics } from './metrics.js'
import { buildRouteSchemas, schemaErrorFormatter } from './schemas.js'
import { MarketDataHub } from './ws/hub.js'

export interface GatewayParts {
  ctx: GatewayContext
  hub: MarketDataHub
  /** Opens/closes the engine tick stream as sockets subscribe; close() stops it for good. */
  demand: StreamDemand
}

export function assembleGateway (options: GatewayOptions, logger: Logger, metrics: GatewayMetrics): GatewayParts {
  const engine = new EngineClient({
    url: options.engineUrl,
    metrics,
    fetchDeadlineMs: options.fetchDeadlineMs,
    readDeadlineMs: options.readDeadlineMs,
    retryAfterS: options.retryAfterS,
    reconnectInitialMs: options.reconnectInitialMs,
    reconnectMaxMs: options.reconnectMaxMs
  })
  // Ticks flow only once a socket subscribes, i.e. after `hub` exists.
  const stream = new EngineMarketStream(engine,
    { initialBackoffMs: options.reconnectInitialMs, maxBackoffMs: options.reconnectMaxMs, logger, metrics },
    { onTick: (tick) => { hub.publish(tick) }, onConnectedChange: (up) => { hub.announceStream(up) } })
  const demand = new StreamDemand(stream, options.streamIdleMs)
  const hub = new MarketDataHub({
    maxBufferedBytes: options.wsMaxBufferedBytes,
    maxSymbolsPerSocket: options.wsMaxSymbolsPerSocket,
    metrics,
    onDemandChange: (wanted) => { demand.set(wanted) }
  })
  const ctx: GatewayContext = {
    options,
    engine,
    health: new EngineHealthProbe(engine, { ttlMs: options.healthCacheTtlMs, deadlineMs: options.readDeadlineMs, retryAfterS: options.retryAfterS }),
    reads: new EngineReads(engine, metrics, {
      coalesce: options.coalesceReads,
      cacheTtlMs: options.readCacheTtlMs,
      cacheStaleMs: options.readCacheStaleMs,
      cacheMaxBytes: options.readCacheMaxBytes,
      logger
    }),
    fetches: new EngineFetches(engine, metrics, { maxBytes: options.readCacheMaxBytes, staleIfErrorMs: STALE_IF_ERROR_MS }),
    connects: new EngineConnects(engine, metrics, { keepMs: options.readCacheTtlMs }),
    metrics,
    schemas: buildRouteSchemas(options),
    schemaErrorFormatter: schemaErrorFormatter(options),
    startedAt: Date.now()
  }
  return { ctx, hub, demand }
}
