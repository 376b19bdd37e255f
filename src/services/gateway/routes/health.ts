/**
 * GET /api/v1/health: 200 when the gateway can serve (the engine answers and is
 * healthy), else 503 with Retry-After. Cheap on purpose: see engine-client/health-probe.ts.
 */
import type { FastifyInstance } from 'fastify'
import { VERSION } from '../../common/defaults.js'
import type { GatewayContext } from '../context.js'
import { JSON_CONTENT_TYPE } from '../envelope.js'
import type { EngineHealth } from '../engine-client/health-probe.js'

export const HEALTH_PATH = '/api/v1/health'

export function registerHealthRoutes (app: FastifyInstance, ctx: GatewayContext): void {
  const body = new HealthBody(ctx)
  app.get(HEALTH_PATH, async (_request, reply) => {
    const engine = await ctx.health.current()
    if (!engine.healthy) void reply.code(503).header('retry-after', String(ctx.options.retryAfterS))
    void reply.type(JSON_CONTENT_TYPE)
    return body.json(engine)
  })
}

/**
 * The health answer as JSON. Everything but the gateway's uptime and the
 * timestamp depends only on the engine's (cached) health result, so that part
 * is serialized once per result, not once per request: health is the most
 * polled endpoint and this is most of its cost.
 */
class HealthBody {
  readonly #ctx: GatewayContext
  readonly #metadata: string
  #for: EngineHealth | undefined
  #head = ''

  constructor (ctx: GatewayContext) {
    this.#ctx = ctx
    this.#metadata = JSON.stringify({ health_cache_ttl_ms: ctx.options.healthCacheTtlMs })
  }

  json (engine: EngineHealth): string {
    if (this.#for !== engine) {
      this.#for = engine
      this.#head = headOf(engine)
    }
    const uptimeS = Math.floor((Date.now() - this.#ctx.startedAt) / 1000)
    return `${this.#head},"uptime_s":${uptimeS},"metadata":${this.#metadata},"timestamp":"${new Date().toISOString()}"}`
  }
}

/** The answer without its closing fields: `{"success":...,"version":"..."` (no closing brace). */
function headOf (engine: EngineHealth): string {
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
  const head = {
    success: engine.healthy,
    message: engine.healthy ? 'gateway and core engine are healthy' : `core engine is not healthy: ${engine.error?.message ?? engine.status}`,
    healthy: engine.healthy,
    status: engine.healthy ? 'ok' : 'unavailable',
    ...(engine.healthy ? {} : { error: engine.error?.code ?? 'MIB_ERR_GATEWAY_ENGINE_UNAVAILABLE' }),
    services: { core_engine: coreEngine },
    version: VERSION
  }
  return JSON.stringify(head).slice(0, -1)
}
