import type { CoreEngineServiceHandlers } from '../../../common/contract/index.js'
import type { EngineContext } from '../../context.js'
import { SymbolNotFoundError } from '../../errors.js'
import { YAHOO_SOURCE_ID, YahooFinanceSource } from '../../sources/yahoo-finance.js'
import { limitOrDefault, optionalSymbol, requireSymbols } from '../../validation.js'
import { unary } from '../unary.js'

export function marketDataHandlers (ctx: EngineContext): Pick<CoreEngineServiceHandlers, 'FetchMarketData' | 'GetMarketDataBuffer'> {
  return {
    FetchMarketData: unary('FetchMarketData', ctx, async (request) => {
      const symbols = requireSymbols(request.symbols)
      // The tick stream is a market-data source too, but it streams: it cannot answer a quote request.
      const source = ctx.registry.usable(request.source_id, YAHOO_SOURCE_ID, (s) => s instanceof YahooFinanceSource, 'quote fetches (streams are read with StreamMarketData or GetMarketDataBuffer)')
      const { quotes, missing } = await ctx.marketData.fetch(source, symbols)
      if (quotes.length === 0) throw new SymbolNotFoundError(missing)
      const message = missing.length === 0
        ? `${quotes.length} quotes from ${source.id}`
        : `${quotes.length} quotes from ${source.id}; not found: ${missing.join(', ')}`
      return { success: true, message, market_data: quotes }
    }),

    GetMarketDataBuffer: unary('GetMarketDataBuffer', ctx, (request) => {
      const symbol = optionalSymbol(request.symbol)
      const limit = limitOrDefault(request.limit)
      const { market } = ctx.ingestion
      const ticks = symbol === '' ? market.readAll(limit) : market.read(symbol, limit)
      return { success: true, message: `${ticks.length} ticks${symbol === '' ? '' : ` of ${symbol}`}`, market_data: ticks }
    })
  }
}
