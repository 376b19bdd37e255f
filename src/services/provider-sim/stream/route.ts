import type { FastifyInstance } from 'fastify'
import { UpgradeRequiredError } from '../errors.js'
import type { StreamHub } from './hub.js'
import { listValue, type RawQuery } from '../routes/query-params.js'

export const STREAM_PATH = '/v1/stream'

/** GET /v1/stream (WebSocket): `?symbols=AAPL,MSFT` subscribes at connect ("*" = all). */
export function registerStreamRoute (app: FastifyInstance, hub: StreamHub): void {
  app.route({
    method: 'GET',
    url: STREAM_PATH,
    // A plain HTTP GET gets a 426 that says what to do, rather than a bare 404.
    handler: async () => { throw new UpgradeRequiredError(STREAM_PATH) },
    wsHandler: (socket, request) => {
      hub.accept(socket, listValue(request.query as RawQuery, 'symbols'))
    }
  })
}
