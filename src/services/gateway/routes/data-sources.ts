/** POST /api/v1/data-sources/connect: asks the engine to connect a source (idempotent). */
import type { FastifyInstance } from 'fastify'
import type { GatewayContext } from '../context.js'
import { envelope } from '../envelope.js'
import { authorizeCredentialChange } from '../operator-auth.js'
import type { ConnectDataSourceBody } from '../schemas.js'

export function registerDataSourceRoutes (app: FastifyInstance, ctx: GatewayContext): void {
  app.post<{ Body: ConnectDataSourceBody }>('/api/v1/data-sources/connect', {
    schema: ctx.schemas.connectDataSource,
    schemaErrorFormatter: ctx.schemaErrorFormatter
  }, async (request, reply) => {
    const { source_id: sourceId, api_key: apiKey = '' } = request.body
    authorizeCredentialChange(request, reply, apiKey, ctx.options.operatorToken)
    const result = await ctx.connects.connect(sourceId, apiKey)
    const message = result.message || (result.connected ? `${sourceId} connected` : `${sourceId} not connected`)
    // success reports the request; whether the source is connected is `connected`; age_ms how old that answer is.
    return envelope(message, { connected: result.connected, source_id: result.source_id }, { age_ms: result.ageMs })
  })
}
