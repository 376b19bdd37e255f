/**
 * What each HTTP Upgrade request gets.
 *
 * Node hands every request with `Connection: upgrade` to the server's 'upgrade'
 * listeners and forgets its socket: requestTimeout, keep-alive handling and
 * closeAllConnections no longer reach it. @fastify/websocket listens there and
 * routes each such request through a hand-made response, closing the socket only
 * for routes in its own scope; anywhere else the answer was written and the
 * socket left open for good (issue 11: one leaked socket per request, until the
 * process ran out of file descriptors).
 *
 * So the plugin listens on an inlet of ours (a server that never binds) and only
 * a valid WebSocket handshake on a WebSocket route reaches it. Any other upgrade
 * request is answered by the app as an ordinary request (RFC 9110 §7.8: a server
 * may ignore Upgrade), with `connection: close`, and its socket is closed after
 * the answer or after `requestTimeoutMs`, whichever comes first.
 */
import { createServer, ServerResponse, type IncomingMessage, type Server } from 'node:http'
import { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import type { MibError } from '../../errors.js'
import { ShuttingDownError, UpgradeWithBodyError, WebSocketHandshakeError } from './errors.js'
import { writeErrorResponse } from './http-errors.js'
import { pathnameOf } from './url-path.js'

export interface UpgradeGuardSettings {
  /** Pathnames of the WebSocket routes: the only places a handshake is passed on. */
  websocketPaths: ReadonlySet<string>
  /** Bound on answering one upgrade request that is not upgraded; then its socket is destroyed. */
  requestTimeoutMs: number
  /** Retry-After of the 503 answered to upgrade requests while the app closes. */
  retryAfterS: number
}

/** Installs the guard on `app.server`; returns the inlet to give @fastify/websocket as its `server` option. */
export function guardUpgrades (app: FastifyInstance, settings: UpgradeGuardSettings): Server {
  const inlet = createServer()
  let closing = false
  app.addHook('preClose', (done) => { closing = true; done() })
  app.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node removed its own error listener before emitting 'upgrade'; an unguarded socket error would crash the process.
    socket.on('error', destroyOnError)
    if (!(socket instanceof Socket)) { socket.destroy(); return }
    if (closing) { refuse(request, socket, new ShuttingDownError(settings.retryAfterS), settings); return }
    if (settings.websocketPaths.has(pathnameOf(request.url)) && asksFor(request, 'websocket')) {
      const problem = handshakeProblem(request)
      if (problem !== undefined) { refuse(request, socket, new WebSocketHandshakeError(problem), settings); return }
      // The plugin puts its own error listener on and hands it over to ws.
      socket.removeListener('error', destroyOnError)
      inlet.emit('upgrade', request, socket, head)
      return
    }
    // Its body would sit unparsed behind the headers (Node's parser let go of the socket): refuse rather than guess.
    if (hasBody(request)) { refuse(request, socket, new UpgradeWithBodyError(String(request.headers.upgrade)), settings); return }
    app.routing(request, closingResponse(request, socket, settings))
  })
  return inlet
}

function destroyOnError (this: Duplex): void {
  this.destroy()
}

/** A response on `socket` that says `connection: close` and closes the socket once written (or after the bound). */
function closingResponse (request: IncomingMessage, socket: Socket, settings: UpgradeGuardSettings): ServerResponse {
  const response = new ServerResponse(request)
  response.shouldKeepAlive = false
  response.assignSocket(socket)
  socket.setTimeout(settings.requestTimeoutMs, () => { socket.destroy() })
  response.once('finish', () => {
    response.detachSocket(socket)
    socket.destroySoon()
  })
  return response
}

function refuse (request: IncomingMessage, socket: Socket, err: MibError, settings: UpgradeGuardSettings): void {
  writeErrorResponse(closingResponse(request, socket, settings), err)
}

function asksFor (request: IncomingMessage, protocol: string): boolean {
  return (request.headers.upgrade ?? '').split(',').some((p) => p.trim().toLowerCase() === protocol)
}

function hasBody (request: IncomingMessage): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0
}

/** RFC 6455 §4.2.1, as `ws` checks it: what makes the handshake invalid, or undefined. */
function handshakeProblem (request: IncomingMessage): string | undefined {
  if (request.method !== 'GET') return `method must be GET, not ${request.method ?? '?'}`
  const key = request.headers['sec-websocket-key']
  if (typeof key !== 'string' || !/^[+/0-9A-Za-z]{22}==$/.test(key)) return 'missing or invalid Sec-WebSocket-Key'
  const version = request.headers['sec-websocket-version']
  if (version !== '13' && version !== '8') return 'Sec-WebSocket-Version must be 13'
  return undefined
}
