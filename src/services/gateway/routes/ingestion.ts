/** GET /api/v1/ingestion/stats: the engine's IngestionStats. */
import type { FastifyInstance } from 'fastify'
import type { GatewayContext } from '../context.js'
import { JSON_CONTENT_TYPE, envelopeWithRawField } from '../envelope.js'

export function registerIngestionRoutes (app: FastifyInstance, ctx: GatewayContext): void {
  app.get('/api/v1/ingestion/stats', async (_request, reply) => {
    const stats = await ctx.reads.stats()
    void reply.type(JSON_CONTENT_TYPE)
    return envelopeWithRawField('ingestion statistics', 'stats', stats.json, { age_ms: stats.ageMs })
  })
}
