import { createServer, type Server } from 'node:http'
import type { Socket } from 'node:net'
import Fastify, { LogController, type FastifyInstance } from 'fastify'
import type { Logger } from './logger.js'
import { ShuttingDownError } from './errors.js'
import { clientErrorHandler, frameworkErrorHandler, installErrorHandlers, writeErrorResponse } from './http-errors.js'
import { LoadShedder, type LoadSheddingSettings } from './load-shedder.js'
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
  /** Retry-After (seconds) of the 503 answered while the server closes or sheds; default 1. */
  retryAfterS?: number
  /** Early 503s under overload (load-shedder.ts); none when absent. */
  loadShedding?: Omit<LoadSheddingSettings, 'retryAfterS' | 'onShed'>
}

/**
 * A Fastify app with the production settings every service shares: bounded
 * bodies, headers and timeouts, JSON errors with stable codes, request metrics
 * and `GET /metrics`. Routes are added by the caller.
 *
 * While it closes, a request that still arrives (on a busy keep-alive
 * connection: idle ones are closed at once) is answered 503
 * `MIB_ERR_HTTP_SHUTTING_DOWN` with `connection: close`, before any routing.
 * Fastify's own `return503OnClosing` would answer with its body, not our
 * envelope; the check sits in the server's request listener rather than in an
 * onRequest hook so that the hot path pays one flag check, not a hook run.
 */
export function createHttpServer (settings: HttpServerSettings): FastifyInstance {
  const requestTimeoutMs = settings.requestTimeoutMs ?? 30_000
  const keepAliveTimeoutMs = settings.keepAliveTimeoutMs ?? 65_000
  const maxHeaderBytes = settings.maxHeaderBytes ?? 16 * 1024
  const retryAfterS = settings.retryAfterS ?? 1
  let closing = false
  const shedder = settings.loadShedding === undefined
    ? undefined
    : new LoadShedder({ ...settings.loadShedding, retryAfterS, onShed: (reason) => { settings.metrics.httpShed.inc({ reason }) } })
  const app = Fastify({
    loggerInstance: settings.logger,
    // Per-request log lines would cost more than the request at load-test rates;
    // request counts and latencies are in /metrics instead.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: settings.bodyLimitBytes ?? 1024 * 1024,
    // Told to Fastify too (initialConfig), though it applies them only to a server it creates itself.
    requestTimeout: requestTimeoutMs,
    keepAliveTimeout: keepAliveTimeoutMs,
    connectionTimeout: 0,
    maxRequestsPerSocket: 0,
    http: { maxHeaderSize: maxHeaderBytes },
    return503OnClosing: false,
    clientErrorHandler: clientErrorHandler({ maxHeaderBytes, requestTimeoutMs }),
    frameworkErrors: frameworkErrorHandler,
    forceCloseConnections: 'idle',
    // The server Fastify would create (its HTTP/1 branch), with the closing check in front of its handler.
    serverFactory: (handler) => {
      const server = createServer({
        maxHeaderSize: maxHeaderBytes,
        // Node checks request and header timeouts only this often (default 30 s, so a
        // 30 s bound bit at 30-60 s, more under load): a tenth of the bound, at least 1 s.
        connectionsCheckingInterval: Math.max(1_000, Math.min(30_000, Math.floor(requestTimeoutMs / 10))),
        headersTimeout: requestTimeoutMs
      }, (request, response) => {
        if (closing) writeErrorResponse(response, new ShuttingDownError(retryAfterS))
        else if (shedder === undefined || shedder.admit(request, response)) handler(request, response)
      })
      trackConnections(server)
      server.keepAliveTimeout = keepAliveTimeoutMs
      server.requestTimeout = requestTimeoutMs
      server.setTimeout(0)
      return server
    }
  }) as unknown as FastifyInstance
  // Fastify runs preClose right after it stops routing and before it closes the listener.
  app.addHook('preClose', (done) => { closing = true; done() })
  if (shedder !== undefined) {
    app.addHook('onClose', (_instance, done) => { shedder.close(); done() })
    settings.metrics.observeInFlight(() => shedder.inFlight)
  }
  installErrorHandlers(app)
  settings.metrics.instrument(app)
  return app
}

/**
 * Every socket each server accepted and that is still open. Node's own
 * `closeAllConnections()` forgets a socket once it leaves HTTP (an upgrade),
 * yet `server.close()` waits for it: a shutdown that must end has to cut these too.
 */
const openSockets = new WeakMap<Server, Set<Socket>>()

function trackConnections (server: Server): void {
  const sockets = new Set<Socket>()
  openSockets.set(server, sockets)
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.once('close', () => { sockets.delete(socket) })
  })
}

/** Destroys every socket `app`'s server holds, upgraded ones included; returns how many. */
export function cutAllConnections (app: FastifyInstance): number {
  app.server.closeAllConnections()
  const sockets = openSockets.get(app.server) ?? new Set()
  const count = sockets.size
  for (const socket of sockets) socket.destroy()
  return count
}

/** Listens and returns the base URL actually bound (port 0 resolves to a real port). */
export async function listen (app: FastifyInstance, host: string, port: number): Promise<string> {
  await app.listen({ host, port })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('server has no TCP address')
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return `http://${hostPart}:${address.port}`
}
