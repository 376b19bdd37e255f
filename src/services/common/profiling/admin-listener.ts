import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import Fastify, { LogController, type FastifyInstance, type FastifyRequest } from 'fastify'
import type { Logger } from '../logger.js'
import { installErrorHandlers } from '../http-errors.js'
import { NonLoopbackAdminHostError, UnauthorizedError } from './errors.js'
import { isLoopbackHost } from './options.js'

/** The admin listener serves a handful of operators, never traffic: a small bound on sockets. */
const MAX_ADMIN_CONNECTIONS = 32

/** 24 random bytes, hex: as the stack supervisor generates them. */
export function generateToken (): string {
  return randomBytes(24).toString('hex')
}

/**
 * Compares in constant time. Both sides are hashed first so the comparison
 * never short-cuts on length and the token's length does not leak either.
 */
export function tokenMatches (given: string, expected: string): boolean {
  const digest = (s: string): Buffer => createHash('sha256').update(s).digest()
  return timingSafeEqual(digest(given), digest(expected))
}

function bearerToken (request: FastifyRequest): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')
  return match?.[1]
}

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
    const given = bearerToken(request)
    if (given === undefined || !tokenMatches(given, token)) {
      void reply.header('www-authenticate', 'Bearer realm="mib-profiling"')
      throw new UnauthorizedError()
    }
  })
  app.server.maxConnections = MAX_ADMIN_CONNECTIONS
  return app
}
