import type { FastifyInstance } from 'fastify'
import { VERSION } from '../../common/defaults.js'
import type { SimContext } from '../context.js'

/** GET /health: liveness plus what an operator wants to see first (knobs, clients, data). */
export function registerHealthRoute (app: FastifyInstance, ctx: SimContext): void {
  app.get('/health', async () => ({
    status: 'ok',
    service: 'provider-sim',
    version: VERSION,
    uptimeS: Math.round((Date.now() - ctx.startedAtMs) / 1000),
    seed: ctx.seed,
    symbols: ctx.market.symbols,
    wsClients: ctx.wsClients(),
    newsArticles: ctx.news.size,
    knobs: ctx.knobs()
  }))
}
