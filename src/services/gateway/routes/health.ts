/**
 * GET /api/v1/health: 200 when the gateway can serve (the engine answers and is
 * healthy), else 503 with Retry-After. Cheap on purpose: see engine-client/health-probe.ts.
 */
import type { FastifyInstance } from 'fastify'
import { VERSION } from '../../common/defaults.js'
import type { GatewayContext } from '../context.js'
import { envelope } from '../envelope.js'
import type { EngineHealth } from '../engine-client/health-probe.js'

export const HEALTH_PATH = '/api/v1/health'

export function registerHealthRoutes (app: FastifyInstance, ctx: GatewayContext): void {
  app.get(HEALTH_PATH, async (_request, reply) => {
    const engine = await ctx.health.current()
    const body = healthBody(engine, ctx)
    if (!engine.healthy) {
      void reply.code(503).header('retry-after', String(ctx.options.retryAfterS))
    }
    return body
  })
}

function healthBody (engine: EngineHealth, ctx: GatewayContext): object {
  const uptimeS = Math.floor((Date.now() - ctx.startedAt) / 1000)
  const coreEngine = {
    healthy: engine.healthy,
    status: engine.status,
    latency_ms: engine.latencyMs,
    version: engine.version,
    uptime_s: engine.uptimeS,
    components: engine.components,
    checked_at: new Date(engine.checkedAt).toISOString(),
    ...(engine.error === null ? {} : { error: engine.error.code, detail: engine.error.message })
  }
  const payload = {
    healthy: engine.healthy,
    status: engine.healthy ? 'ok' : 'unavailable',
    services: { core_engine: coreEngine },
    version: VERSION,
    uptime_s: uptimeS,
    ...(engine.healthy ? {} : { error: engine.error?.code ?? 'MIB_ERR_GATEWAY_ENGINE_UNAVAILABLE' })
  }
  const message = engine.healthy ? 'gateway and core engine are healthy' : `core engine is not healthy: ${engine.error?.message ?? engine.status}`
  return envelope(message, payload, { health_cache_ttl_ms: ctx.options.healthCacheTtlMs }, engine.healthy)
}
