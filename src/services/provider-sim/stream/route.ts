import type { FastifyInstance } from 'fastify'
import type { StreamHub } from './hub.js'
import { listValue, type RawQuery } from '../routes/query-params.js'

/** GET /v1/stream (WebSocket): `?symbols=AAPL,MSFT` subscribes at connect ("*" = all). */
export function registerStreamRoute (app: FastifyInstance, hub: StreamHub): void {
  app.get('/v1/stream', { websocket: true }, (socket, request) => {
    hub.accept(socket, listValue(request.query as RawQuery, 'symbols'))
  })
}
