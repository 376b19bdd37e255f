import Fastify, { LogController, type FastifyInstance } from 'fastify'
import { bearerToken, tokenMatches } from '../bearer-token.js'
import type { Logger } from '../logger.js'
import { installErrorHandlers } from '../http-errors.js'
import { NonLoopbackAdminHostError, UnauthorizedError } from './errors.js'
import { isLoopbackHost } from './options.js'
import { boundAdminConnections } from './admin-connections.js'

export { generateToken, tokenMatches } from '../bearer-token.js'

/** The admin listener serves a handful of operators, never traffic: a small bound on sockets (admin-connections.ts). */
export const MAX_ADMIN_CONNECTIONS = 32
/** An operator's client reconnects cheaply: idle keep-alive sockets need not linger. */
const ADMIN_KEEP_ALIVE_MS = 5_000

/**
 * A separate Fastify app for the profiling routes, bound to loopback only and
 * answering 401 to any request (even unknown paths) without the bearer token.
 */
export function createAdminApp (host: string, token: string, logger: Logger): FastifyInstance {
  if (!isLoopbackHost(host)) throw new NonLoopbackAdminHostError(host)
  const app = Fastify({
    loggerInstance: logger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024,
    requestTimeout: 10_000,
    keepAliveTimeout: ADMIN_KEEP_ALIVE_MS,
    // Headers must arrive within 5 s, checked every second (Node's default check runs every 30 s).
    http: { headersTimeout: 5_000, connectionsCheckingInterval: 1_000 },
    return503OnClosing: true,
    forceCloseConnections: 'idle'
  }) as unknown as FastifyInstance
  installErrorHandlers(app)
  app.addHook('onRequest', async (request, reply) => {
    const given = bearerToken(request.headers.authorization)
    if (given === undefined || !tokenMatches(given, token)) {
      void reply.header('www-authenticate', 'Bearer realm="mib-profiling"')
      throw new UnauthorizedError()
    }
  })
  boundAdminConnections(app.server, MAX_ADMIN_CONNECTIONS)
  return app
}
