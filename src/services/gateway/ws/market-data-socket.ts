/**
 * WebSocket /api/v1/ws/market-data: one session per socket, speaking the
 * protocol of protocol.ts, fed by the hub. `?symbols=AAPL,MSFT` subscribes at
 * connect time. Server → client frames:
 *   {"type":"connected","max_symbols":N,"timestamp":...}
 *   {"type":"subscribed"|"unsubscribed","symbols":[changed],"subscriptions":[all]}
 *   {"type":"pong","timestamp":...}
 *   {"type":"tick","symbol":...,"price":...,...MarketData}
 *   {"type":"error","error":"MIB_ERR_GATEWAY_WS_...","message":"..."}
 *   {"type":"status","engine_stream":"down"|"up","timestamp":...}  (to sockets following a symbol)
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type WebSocket from 'ws'
// Brings the `websocket: true` route option into Fastify's types.
import type {} from '@fastify/websocket'
import { MibError } from '../../../errors.js'
import { InternalError } from '../../common/errors.js'
import type { Logger } from '../../common/logger.js'
import type { GatewayMetrics } from '../metrics.js'
import { WsInvalidMessageError, WsUpgradeRequiredError } from '../errors.js'
import { CLOSE_CODES, ClientSession, type MarketDataHub } from './hub.js'
import { parseClientMessage } from './protocol.js'

export const MARKET_DATA_WS_PATH = '/api/v1/ws/market-data'

export interface MarketDataSocketSettings {
  hub: MarketDataHub
  metrics: GatewayMetrics
  logger: Logger
  maxConnections: number
  maxSymbolsPerSocket: number
}

export function registerMarketDataSocket (app: FastifyInstance, settings: MarketDataSocketSettings): void {
  app.route({
    method: 'GET',
    url: MARKET_DATA_WS_PATH,
    // A plain request (no upgrade) gets our envelope, not the plugin's empty 404.
    handler: async (_request, reply) => {
      void reply.header('upgrade', 'websocket')
      throw new WsUpgradeRequiredError(MARKET_DATA_WS_PATH)
    },
    wsHandler: (socket: WebSocket, request: FastifyRequest) => {
      openSession(socket, request, settings)
    }
  })
}

function openSession (socket: WebSocket, request: FastifyRequest, settings: MarketDataSocketSettings): void {
  const { hub, metrics } = settings
  if (hub.size >= settings.maxConnections) {
    metrics.wsRejectedConnections.inc({ reason: 'max_connections' })
    socket.close(CLOSE_CODES.TRY_AGAIN_LATER, 'too many connections')
    return
  }
  const session = new ClientSession(socket)
  hub.add(session)
  socket.on('pong', () => { session.alive = true })
  socket.on('close', () => { hub.remove(session) })
  socket.on('error', (err) => { settings.logger.debug({ err }, 'websocket error') })
  socket.on('message', (data, isBinary) => {
    metrics.wsMessagesReceived.inc()
    session.alive = true
    handleMessage(session, isBinary ? undefined : rawText(data), settings)
  })
  hub.reply(session, 'connected', { type: 'connected', max_symbols: settings.maxSymbolsPerSocket, timestamp: Date.now() })
  const initial = symbolsFromQuery(request.query)
  if (initial !== undefined) handleMessage(session, JSON.stringify({ action: 'subscribe', symbols: initial }), settings)
}

function handleMessage (session: ClientSession, text: string | undefined, { hub, logger }: MarketDataSocketSettings): void {
  try {
    if (text === undefined) throw new WsInvalidMessageError('binary frames are not supported; send JSON text')
    const message = parseClientMessage(text)
    switch (message.action) {
      case 'ping':
        hub.reply(session, 'pong', { type: 'pong', timestamp: Date.now() })
        return
      case 'subscribe':
        hub.reply(session, 'ack', { type: 'subscribed', ...hub.subscribe(session, message.symbols) })
        return
      case 'unsubscribe':
        hub.reply(session, 'ack', { type: 'unsubscribed', ...hub.unsubscribe(session, message.symbols) })
    }
  } catch (err) {
    // A throw here would escape the socket's event handler and crash the process: answer instead.
    if (!(err instanceof MibError)) logger.error({ err }, 'websocket message handling failed')
    const reported = err instanceof MibError ? err : new InternalError()
    hub.reply(session, 'error', { type: 'error', error: reported.code, message: reported.message })
  }
}

function rawText (data: WebSocket.RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8')
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  return Buffer.from(data).toString('utf8')
}

function symbolsFromQuery (query: unknown): string[] | undefined {
  const raw = (query as Record<string, unknown> | undefined)?.symbols
  const parts = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string').flatMap((v) => v.split(','))
  const symbols = parts.map((s) => s.trim()).filter((s) => s !== '')
  return symbols.length > 0 ? symbols : undefined
}
