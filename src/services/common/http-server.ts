import Fastify, { LogController, type FastifyInstance } from 'fastify'
import type { Logger } from './logger.js'
import { installErrorHandlers } from './http-errors.js'
import type { ServiceMetrics } from './metrics.js'

export interface HttpServerSettings {
  logger: Logger
  metrics: ServiceMetrics
  /** Request body limit in bytes; default 1 MiB. */
  bodyLimitBytes?: number
  /** Whole-request timeout in ms (slowloris bound); default 30 s. */
  requestTimeoutMs?: number
  /** Idle keep-alive in ms; default 65 s (longer than common load-balancer idle times of 60 s). */
  keepAliveTimeoutMs?: number
  /** Max request-header size in bytes; default 16 KiB. */
  maxHeaderBytes?: number
}

/**
 * A Fastify app with the production settings every service shares: bounded
 * bodies, headers and timeouts, JSON errors with stable codes, request metrics
 * and `GET /metrics`. Routes are added by the caller.
 */
export function createHttpServer (settings: HttpServerSettings): FastifyInstance {
  const app = Fastify({
    loggerInstance: settings.logger,
    // Per-request log lines would cost more than the request at load-test rates;
    // request counts and latencies are in /metrics instead.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: settings.bodyLimitBytes ?? 1024 * 1024,
    requestTimeout: settings.requestTimeoutMs ?? 30_000,
    keepAliveTimeout: settings.keepAliveTimeoutMs ?? 65_000,
    connectionTimeout: 0,
    maxRequestsPerSocket: 0,
    http: { maxHeaderSize: settings.maxHeaderBytes ?? 16 * 1024 },
    return503OnClosing: true,
    forceCloseConnections: 'idle'
  }) as unknown as FastifyInstance
  installErrorHandlers(app)
  settings.metrics.instrument(app)
  return app
}

/** Listens and returns the base URL actually bound (port 0 resolves to a real port). */
export async function listen (app: FastifyInstance, host: string, port: number): Promise<string> {
  await app.listen({ host, port })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('server has no TCP address')
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return `http://${hostPart}:${address.port}`
}
