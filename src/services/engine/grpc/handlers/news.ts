import type { CoreEngineServiceHandlers } from '../../../common/contract/index.js'
import type { EngineContext } from '../../context.js'
import { NEWS_SOURCE_ID, NewsApiSource } from '../../sources/news-api.js'
import { hoursBackOrDefault, limitOrDefault, optionalKeywords, requireKeywords } from '../../validation.js'
import { unary } from '../unary.js'

export function newsHandlers (ctx: EngineContext): Pick<CoreEngineServiceHandlers, 'FetchNewsData' | 'GetNewsBuffer'> {
  return {
    FetchNewsData: unary('FetchNewsData', ctx, async (request) => {
      const keywords = requireKeywords(request.keywords)
      const hoursBack = hoursBackOrDefault(request.hours_back)
      const source = ctx.registry.usable(request.source_id, NEWS_SOURCE_ID, (s) => s instanceof NewsApiSource, 'news searches')
      const answer = await ctx.news.fetchAnswer(source, keywords, hoursBack)
      const count = answer.articles.length
      const message = `${count} articles from ${source.id} (last ${hoursBack} h)`
      const maxAgeMs = ctx.news.maxAgeMs(answer)
      return request.json_items
        ? { success: true, message, news_items_json: ctx.news.answerJson(answer), count, max_age_ms: maxAgeMs }
        : { success: true, message, news_items: answer.articles, count, max_age_ms: maxAgeMs }
    }),

    GetNewsBuffer: unary('GetNewsBuffer', ctx, (request) => {
      const keywords = optionalKeywords(request.keywords)
      const limit = limitOrDefault(request.limit)
      if (request.json_items) {
        const { json, count } = ctx.news.readJson(keywords, limit)
        return { success: true, message: `${count} articles`, news_items_json: json, count }
      }
      const items = ctx.news.read(keywords, limit)
      return { success: true, message: `${items.length} articles`, news_items: items, count: items.length }
    })
  }
}
