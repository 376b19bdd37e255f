/** POST /api/v1/market-data/fetch and GET /api/v1/market-data/buffer. */
import type { FastifyInstance } from 'fastify'
import { servingSource, type GatewayContext } from '../context.js'
import { JSON_CONTENT_TYPE, envelopeWithRawField } from '../envelope.js'
import { checkLimit, normalizeSymbols, type FetchMarketDataBody, type MarketDataBufferQuery } from '../schemas.js'
import { ensureSucceeded, withStaleness } from './engine-answer.js'

export function registerMarketDataRoutes (app: FastifyInstance, ctx: GatewayContext): void {
  app.post<{ Body: FetchMarketDataBody }>('/api/v1/market-data/fetch', {
    schema: ctx.schemas.fetchMarketData,
    schemaErrorFormatter: ctx.schemaErrorFormatter
  }, async (request, reply) => {
    const symbols = normalizeSymbols(request.body.symbols)
    const sourceId = servingSource('market', request.body.source_id)
    const result = ensureSucceeded('FetchMarketData', await ctx.fetches.quotes(symbols, sourceId))
    void reply.type(JSON_CONTENT_TYPE)
    return envelopeWithRawField(result.message || `fetched ${result.count} quotes from ${sourceId}`, 'market_data', result.json,
      withStaleness({ source_id: request.body.source_id || sourceId, served_by: sourceId, requested: symbols.length, count: result.count }, result.stale))
  })

  app.get<{ Querystring: MarketDataBufferQuery }>('/api/v1/market-data/buffer', {
    schema: ctx.schemas.marketDataBuffer,
    schemaErrorFormatter: ctx.schemaErrorFormatter
  }, async (request, reply) => {
    const symbol = (request.query.symbol ?? '').toUpperCase()
    const limit = checkLimit(request.query.limit, ctx.options.maxBufferLimit)
    const list = await ctx.reads.marketData(symbol, limit)
    void reply.type(JSON_CONTENT_TYPE)
    return envelopeWithRawField(`${list.count} buffered quotes`, 'market_data', list.json,
      { symbol: symbol === '' ? null : symbol, limit, count: list.count, age_ms: list.ageMs })
  })
}
