/**
 * The engine's admin HTTP listener: /health, /stats and /metrics (Prometheus),
 * plus the profiling routes when enabled. It never serves the gRPC contract.
 */
import type { FastifyInstance } from 'fastify'
import { createHttpServer, listen } from '../common/http-server.js'
import type { ServiceMetrics } from '../common/metrics.js'
import { mountProfiling, type ProfilingHandle, type ProfilingOptions } from '../common/profiling/index.js'
import type { EngineContext } from './context.js'
import { healthReport, ingestionStatsReport } from './reports.js'

export interface AdminHttp {
  app: FastifyInstance
  url: string
  profiling: ProfilingHandle
}

export async function startAdminHttp (ctx: EngineContext, serviceMetrics: ServiceMetrics, profiling: ProfilingOptions): Promise<AdminHttp> {
  const app = createHttpServer({ logger: ctx.logger, metrics: serviceMetrics, bodyLimitBytes: 16 * 1024 })
  app.get('/health', async (_request, reply) => {
    const report = healthReport(ctx)
    // Degraded (a provider down) is still 200: the engine serves its buffers; only shutdown is 503.
    return await reply.code(report.healthy ? 200 : 503).send(report)
  })
  app.get('/stats', async () => ingestionStatsReport(ctx))
  let handle: ProfilingHandle | undefined
  try {
    handle = await mountProfiling(app, profiling, { service: 'engine', logger: ctx.logger, host: ctx.options.host })
    const url = await listen(app, ctx.options.host, ctx.options.adminPort)
    return { app, url, profiling: handle }
  } catch (err) {
    await handle?.close()
    await app.close()
    throw err
  }
}
