import type { ServerResponse } from 'node:http'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { MibError } from '../../errors.js'
import type { Socket } from 'node:net'
import { RepeatedWarnings } from './repeated-warnings.js'
import { BadRequestError, BodyTooLargeError, HeadersTooLargeError, InternalError, MalformedJsonError, MethodNotAllowedError, NotFoundError, RequestTimeoutError, UnsupportedMediaTypeError, ValidationError } from './errors.js'

/** The JSON body of every API error: `error` is the stable code clients branch on. */
export interface ErrorBody {
  success: false
  message: string
  error: string
  metadata: Record<string, unknown>
  timestamp: string
}

export function errorBody (err: MibError, metadata: Record<string, unknown> = {}): ErrorBody {
  return { success: false, message: err.message, error: err.code, metadata, timestamp: new Date().toISOString() }
}

/**
 * Writes `err` as our envelope on a bare Node response, with `retry-after` when
 * the error carries `retryAfterS`. For the answers given outside Fastify's
 * routing (while closing, refused upgrades, shed requests). `connection: close`
 * unless `keepAlive` (a shed client should not pay a reconnect on its retry).
 */
export function writeErrorResponse (response: ServerResponse, err: MibError, options: { keepAlive?: boolean } = {}): void {
  const body = JSON.stringify(errorBody(err))
  const headers: Record<string, string | number> = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body)
  }
  if (options.keepAlive !== true) headers.connection = 'close'
  const retryAfter = err.details?.retryAfterS
  if (typeof retryAfter === 'number') headers['retry-after'] = String(retryAfter)
  response.writeHead(err.statusCode, headers)
  response.end(body)
}

/**
 * Maps every error a route or Fastify raises onto our codes: a client sees
 * only registered codes (src/error-registry.ts), never Fastify's `FST_ERR_*`.
 * A client mistake keeps a 4xx status; anything else is MIB_ERR_INTERNAL.
 */
export function toMibError (err: FastifyError | MibError | Error, bodyLimit: number, request?: { method: string, url: string }): MibError {
  if (err instanceof MibError) return err
  const fe = err as Partial<FastifyError> & Error
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE': return new BodyTooLargeError(bodyLimit)
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': return new UnsupportedMediaTypeError(String(fe.message.split('\'')[1] ?? 'unknown'))
    case 'FST_ERR_CTP_EMPTY_JSON_BODY': return new MalformedJsonError('body is empty')
    case 'FST_ERR_CTP_INVALID_JSON_BODY': return new MalformedJsonError(fe.message)
    case 'FST_ERR_NOT_FOUND': return new NotFoundError(request?.method ?? '', request?.url.split('?')[0] ?? '')
    default: break
  }
  if (fe.validation !== undefined || fe.code === 'FST_ERR_VALIDATION') return new ValidationError(fe.message)
  if (err instanceof SyntaxError) return new MalformedJsonError(err.message)
  // Any other 4xx (a bad Content-Length, an undecodable URL, a missing body…) is still a client mistake.
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) return new BadRequestError(fe.message)
  return new InternalError()
}

/**
 * Installs the JSON error and not-found handlers on a Fastify instance, so every
 * error a client sees is `{ success: false, message, error: <code> }` and a
 * client mistake is never a 500. Unexpected errors are logged with their stack.
 */
export function installErrorHandlers (app: FastifyInstance): void {
  const bodyLimit = app.initialConfig.bodyLimit ?? 1024 * 1024
  // Declared errors (an upstream down, the engine unavailable) are expected under
  // failure and would flood the log at load-test rates: one line per code and
  // status a second, with a count (repeated-warnings.ts).
  const warnings = new RepeatedWarnings(app.log)
  app.addHook('onClose', (_instance, done) => { warnings.flush(); done() })
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const mib = toMibError(err, bodyLimit, request)
    if (err instanceof MibError && mib.statusCode >= 500) warnings.warn(`${mib.code} ${mib.statusCode}`, { code: mib.code, statusCode: mib.statusCode }, mib.message)
    else if (mib.statusCode >= 500) request.log.error({ err }, 'request failed')
    const retryAfter = mib.details?.retryAfterS
    if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter))
    void reply.code(mib.statusCode).send(errorBody(mib))
  })
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? request.url
    const allowed = ROUTE_METHODS.filter((method) => app.hasRoute({ method, url: path }))
    if (allowed.length > 0) {
      void reply.code(405).header('allow', allowed.join(', ')).send(errorBody(new MethodNotAllowedError(request.method, path, allowed.join(', '))))
      return
    }
    void reply.code(404).send(errorBody(new NotFoundError(request.method, path)))
  })
}

const ROUTE_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const

/**
 * Fastify's `frameworkErrors`: what its router refuses before any route (a bad
 * %-encoding, a parameter over maxParamLength) gets our envelope and a 400.
 */
export function frameworkErrorHandler (err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  void reply.code(400).send(errorBody(new BadRequestError(err.message)))
}

/**
 * Fastify's `clientErrorHandler`: what Node's parser refuses before any route
 * (malformed request, headers over the bound, a request that did not arrive in
 * time) is answered with our envelope and `connection: close` — the socket is
 * closed right after, and a keep-alive client must know not to reuse it.
 */
export function clientErrorHandler (settings: { maxHeaderBytes: number, requestTimeoutMs: number }): (err: NodeJS.ErrnoException, socket: Socket) => void {
  return (err, socket) => {
    if (err.code === 'ECONNRESET' || socket.destroyed) return
    const mib = err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? new RequestTimeoutError(settings.requestTimeoutMs)
      : err.code === 'HPE_HEADER_OVERFLOW' ? new HeadersTooLargeError(settings.maxHeaderBytes) : new BadRequestError(err.code ?? 'unparseable')
    if (socket.writable && socket.bytesWritten === 0) {
      const body = JSON.stringify(errorBody(mib))
      socket.write(`HTTP/1.1 ${mib.statusCode} ${STATUS_TEXT[mib.statusCode] ?? 'Error'}\r\ncontent-type: application/json; charset=utf-8\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`)
    }
    socket.destroySoon()
  }
}

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' }
