import type { CoreEngineServiceHandlers } from '../../../common/contract/index.js'
import type { EngineContext } from '../../context.js'
import { quotesMessage } from '../../../common/contract/messages.js'
import { SymbolNotFoundError } from '../../errors.js'
import { jsonArrayBytes, tickJson, tickJsonBytes } from '../../json-items.js'
import { YAHOO_SOURCE_ID, YahooFinanceSource } from '../../sources/yahoo-finance.js'
import { limitOrDefault, optionalSymbol, requireSymbols } from '../../validation.js'
import { unary } from '../unary.js'

export function marketDataHandlers (ctx: EngineContext): Pick<CoreEngineServiceHandlers, 'FetchMarketData' | 'GetMarketDataBuffer'> {
  return {
    FetchMarketData: unary('FetchMarketData', ctx, async (request) => {
      const symbols = requireSymbols(request.symbols)
      // The tick stream is a market-data source too, but it streams: it cannot answer a quote request.
      const source = ctx.registry.usable(request.source_id, YAHOO_SOURCE_ID, (s) => s instanceof YahooFinanceSource, 'quote fetches (streams are read with StreamMarketData or GetMarketDataBuffer)')
      const { quotes, missing, maxAgeMs, quoteMaxAgeMs } = await ctx.marketData.fetch(source, symbols)
      if (quotes.length === 0) throw new SymbolNotFoundError(missing)
      const message = quotesMessage(quotes.length, source.id, missing)
      const freshness = { max_age_ms: maxAgeMs, quote_max_age_ms: quoteMaxAgeMs }
      return request.json_items
        ? { success: true, message, market_data_json: quotes.map(tickJsonBytes), ...freshness }
        : { success: true, message, market_data: quotes, ...freshness }
    }),

    GetMarketDataBuffer: unary('GetMarketDataBuffer', ctx, (request) => {
      const symbol = optionalSymbol(request.symbol)
      const limit = limitOrDefault(request.limit)
      const { market } = ctx.ingestion
      const ticks = symbol === '' ? market.readAll(limit) : market.read(symbol, limit)
      const message = `${ticks.length} ticks${symbol === '' ? '' : ` of ${symbol}`}`
      return request.json_items
        ? { success: true, message, market_data_json: jsonArrayBytes(ticks.map(tickJson)), count: ticks.length }
        : { success: true, message, market_data: ticks, count: ticks.length }
    })
  }
}
