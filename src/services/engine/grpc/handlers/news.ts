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
      const items = await ctx.news.fetch(source, keywords, hoursBack)
      return { success: true, message: `${items.length} articles from ${source.id} (last ${hoursBack} h)`, news_items: items }
    }),

    GetNewsBuffer: unary('GetNewsBuffer', ctx, (request) => {
      const keywords = optionalKeywords(request.keywords)
      const limit = limitOrDefault(request.limit)
      const items = ctx.news.read(keywords, limit)
      return { success: true, message: `${items.length} articles`, news_items: items }
    })
  }
}
