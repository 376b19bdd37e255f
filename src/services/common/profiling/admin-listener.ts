import Fastify, { LogController, type FastifyInstance } from 'fastify'
import { bearerToken, tokenMatches } from '../bearer-token.js'
import type { Logger } from '../logger.js'
import { installErrorHandlers } from '../http-errors.js'
import { NonLoopbackAdminHostError, UnauthorizedError } from './errors.js'
import { isLoopbackHost } from './options.js'

export { generateToken, tokenMatches } from '../bearer-token.js'

/** The admin listener serves a handful of operators, never traffic: a small bound on sockets. */
const MAX_ADMIN_CONNECTIONS = 32

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
  app.server.maxConnections = MAX_ADMIN_CONNECTIONS
  return app
}
