/**
 * GET /v7/finance/quote?symbols=AAPL,MSFT — Yahoo Finance's quote API shape.
 * Unknown symbols are simply absent from `result`, as Yahoo does.
 */
import type { FastifyInstance } from 'fastify'
import type { SimContext } from '../context.js'
import type { YahooQuote } from '../market.js'
import type { InjectedStatus } from '../faults.js'
import { applyInjectedFaults } from './injected-faults.js'
import { listValue, type RawQuery } from './query-params.js'

/** More symbols than this in one call is a client bug, not a quote request. */
export const MAX_QUOTE_SYMBOLS = 1000

export interface YahooQuoteResponse {
  quoteResponse: {
    result: YahooQuote[] | null
    error: { code: string, description: string } | null
  }
}

export function yahooError (code: string, description: string): YahooQuoteResponse {
  return { quoteResponse: { result: null, error: { code, description } } }
}

const INJECTED: Record<InjectedStatus, YahooQuoteResponse> = {
  500: yahooError('Internal Server Error', 'An internal error occurred (injected by the provider simulator)'),
  503: yahooError('Service Unavailable', 'The service is temporarily unavailable (injected by the provider simulator)'),
  429: yahooError('Too Many Requests', 'Rate limit exceeded (injected by the provider simulator)')
}

export function registerQuoteRoute (app: FastifyInstance, ctx: SimContext): void {
  app.get('/v7/finance/quote', async (request, reply) => {
    if (await applyInjectedFaults(ctx, 'yahoo_quote', reply, (status) => INJECTED[status])) return reply
    const symbols = listValue(request.query as RawQuery, 'symbols')
    if (symbols.length === 0) {
      return await reply.code(400).send(yahooError('Bad Request', 'Missing value for the "symbols" argument'))
    }
    if (symbols.length > MAX_QUOTE_SYMBOLS) {
      return await reply.code(400).send(yahooError('Bad Request', `Too many symbols: at most ${MAX_QUOTE_SYMBOLS} per request`))
    }
    const result: YahooQuote[] = []
    const seen = new Set<string>()
    for (const raw of symbols) {
      const symbol = raw.toUpperCase()
      if (seen.has(symbol)) continue
      seen.add(symbol)
      const quote = ctx.market.quote(symbol)
      if (quote !== undefined) result.push(quote)
    }
    const body: YahooQuoteResponse = { quoteResponse: { result, error: null } }
    return body
  })
}
