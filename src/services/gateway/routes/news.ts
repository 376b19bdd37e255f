/** POST /api/v1/news/fetch and GET /api/v1/news/buffer. */
import type { FastifyInstance } from 'fastify'
import { servingSource, type GatewayContext } from '../context.js'
import { JSON_CONTENT_TYPE, envelopeWithRawField } from '../envelope.js'
import { checkHoursBack, checkLimit, parseKeywords, type FetchNewsBody, type NewsBufferQuery } from '../schemas.js'
import { InvalidKeywordsError } from '../errors.js'
import { ensureSucceeded, withStaleness } from './engine-answer.js'

export function registerNewsRoutes (app: FastifyInstance, ctx: GatewayContext): void {
  app.post<{ Body: FetchNewsBody }>('/api/v1/news/fetch', {
    schema: ctx.schemas.fetchNews,
    schemaErrorFormatter: ctx.schemaErrorFormatter
  }, async (request, reply) => {
    const keywords = parseKeywords(request.body.keywords, ctx.options.maxKeywordsPerRequest)
    if (keywords.length === 0) throw new InvalidKeywordsError('must list at least one keyword')
    const sourceId = servingSource('news', request.body.source_id)
    const hoursBack = checkHoursBack(request.body.hours_back, ctx.options.maxHoursBack)
    const result = ensureSucceeded('FetchNewsData', await ctx.fetches.news(keywords, sourceId, hoursBack))
    void reply.type(JSON_CONTENT_TYPE)
    return envelopeWithRawField(result.message || `fetched ${result.count} news items from ${sourceId}`, 'news_items', result.json,
      withStaleness({ source_id: request.body.source_id || sourceId, served_by: sourceId, keywords, hours_back: hoursBack, count: result.count }, result.stale))
  })

  app.get<{ Querystring: NewsBufferQuery }>('/api/v1/news/buffer', {
    schema: ctx.schemas.newsBuffer,
    schemaErrorFormatter: ctx.schemaErrorFormatter
  }, async (request, reply) => {
    // No keywords parameter, or an empty one (?keywords=), means any item.
    const keywords = parseKeywords((request.query.keywords ?? []).filter((item) => item !== ''), ctx.options.maxKeywordsPerRequest)
    const limit = checkLimit(request.query.limit, ctx.options.maxBufferLimit)
    const list = await ctx.reads.news(keywords, limit)
    void reply.type(JSON_CONTENT_TYPE)
    return envelopeWithRawField(`${list.count} buffered news items`, 'news_items', list.json,
      { keywords, limit, count: list.count, age_ms: list.ageMs })
  })
}
