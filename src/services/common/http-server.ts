import { createServer, type Server } from 'node:http'
import type { Socket } from 'node:net'
import Fastify, { LogController, type FastifyInstance } from 'fastify'
import type { Logger } from './logger.js'
import { clientErrorHandler, frameworkErrorHandler, installErrorHandlers } from './http-errors.js'
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
  /** Retry-After (seconds) of the 503 answered to a shed request; default 1. */
  retryAfterS?: number
  /** Early 503s under overload (load-shedder.ts); none when absent. */
  loadShedding?: Omit<LoadSheddingSettings, 'retryAfterS' | 'onShed'>
  /** While closing, idle keep-alive connections get this long to send their next request; default DRAIN_IDLE_MS. */
  drainIdleMs?: number
}

/**
 * How long, once closing began, an idle keep-alive connection may still bring
 * its next request (answered, with `connection: close`) before it is closed.
 * A client between two requests (a load-test VU thinks 0.1-0.6 s) sends within
 * it, so its socket is closed after an answer, never under a request in flight.
 */
export const DRAIN_IDLE_MS = 1000

/**
 * A Fastify app with the production settings every service shares: bounded
 * bodies, headers and timeouts, JSON errors with stable codes, request metrics
 * and `GET /metrics`. Routes are added by the caller.
 *
 * Closing drains (see `drainOnClose`): the listener stops accepting, every
 * request still arriving on an open connection is served as usual but with
 * `connection: close` (so the client does not reuse the socket), and idle
 * keep-alive connections are closed only after `drainIdleMs` — closing them at
 * once raced with clients sending their next request on them, which then saw
 * a reset (59 in a chaos run's gateway SIGTERM at 1,000 VUs). The check sits
 * in the server's request listener rather than in an onRequest hook so that
 * the hot path pays one flag check, not a hook run.
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
        // Draining: answered as usual, then this connection closes (the client is told so).
        if (closing) response.shouldKeepAlive = false
        if (shedder === undefined || shedder.admit(request, response)) handler(request, response)
      })
      trackConnections(server)
      drainOnClose(server, settings.drainIdleMs ?? DRAIN_IDLE_MS)
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
 * Node's `server.close()` (and Fastify's `forceCloseConnections: 'idle'`) call
 * `closeIdleConnections()` at once. A keep-alive client may be writing its next
 * request on such a socket at that very moment: it sees a reset, and a POST
 * cannot be replayed. So here that call starts the drain instead: idle sockets
 * keep `idleMs` to bring one more request (answered with `connection: close`,
 * see the request listener), sockets that turn idle from now on (a response
 * begun before the drain) time out after `idleMs` too, and whatever is still
 * idle after `idleMs` is closed then. Busy ones close after their answer.
 */
function drainOnClose (server: Server, idleMs: number): void {
  const closeIdleNow = server.closeIdleConnections.bind(server)
  let timer: NodeJS.Timeout | undefined
  server.closeIdleConnections = () => {
    if (timer !== undefined) return
    // Applies to each socket when its current response ends (Node re-arms its idle timeout then).
    server.keepAliveTimeout = Math.min(server.keepAliveTimeout, idleMs)
    timer = setTimeout(closeIdleNow, idleMs)
    server.once('close', () => { clearTimeout(timer) })
  }
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
