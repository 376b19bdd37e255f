/**
 * Yahoo Finance's quote API (GET /v7/finance/quote?symbols=A,B), the format the
 * provider simulator serves too. Unknown symbols are absent from `result`.
 */
import { z } from 'zod'
import { UpstreamMalformedError } from '../errors.js'
import type { UpstreamCaller } from '../http-client/upstream-caller.js'
import type { SourceType, Tick } from '../model.js'
import { HttpSource } from './http-source.js'

const quoteSchema = z.looseObject({
  symbol: z.string().min(1),
  regularMarketPrice: z.number(),
  regularMarketVolume: z.number().optional(),
  /** Epoch seconds. */
  regularMarketTime: z.number().optional()
})

const responseSchema = z.looseObject({
  quoteResponse: z.looseObject({
    result: z.array(z.unknown()).nullable(),
    error: z.unknown().optional()
  })
})

/** Yahoo field → additional_data key (snake_case like the rest of the contract). */
const ADDITIONAL_FIELDS: ReadonlyArray<readonly [string, string]> = [
  ['bid', 'bid'], ['ask', 'ask'], ['bidSize', 'bid_size'], ['askSize', 'ask_size'],
  ['regularMarketChange', 'change'], ['regularMarketChangePercent', 'change_percent'],
  ['regularMarketDayHigh', 'day_high'], ['regularMarketDayLow', 'day_low'],
  ['regularMarketOpen', 'open'], ['regularMarketPreviousClose', 'previous_close'],
  ['marketCap', 'market_cap'], ['fiftyTwoWeekHigh', 'fifty_two_week_high'], ['fiftyTwoWeekLow', 'fifty_two_week_low']
]

export const YAHOO_SOURCE_ID = 'yahoo_finance'

/** Yahoo's error body: {"quoteResponse":{"result":null,"error":{"code","description"}}}. */
export function describeYahooError (body: unknown): string {
  const error = (body as { quoteResponse?: { error?: { code?: unknown, description?: unknown } } } | undefined)?.quoteResponse?.error
  if (error !== undefined && error !== null) return `${String(error.code ?? 'error')}: ${String(error.description ?? '')}`
  return typeof body === 'string' ? body : 'no error description'
}

export class YahooFinanceSource extends HttpSource {
  readonly id = YAHOO_SOURCE_ID
  readonly type: SourceType = 'market_data'
  readonly #probeSymbol: string

  constructor (caller: UpstreamCaller, enabled: boolean, probeSymbol: string) {
    super(caller, enabled)
    this.#probeSymbol = probeSymbol
  }

  /** Quotes of `symbols` that the provider knows, keyed by symbol. */
  async fetchQuotes (symbols: readonly string[], signal?: AbortSignal): Promise<Map<string, Tick>> {
    const body = await this.caller.getJson({ path: '/v7/finance/quote', query: { symbols: symbols.join(',') }, signal })
    this.markReached()
    return this.#parse(body)
  }

  protected async probe (_apiKey: string | undefined): Promise<string> {
    // Yahoo's quote API takes no key: a key given to ConnectDataSource is accepted and ignored.
    await this.fetchQuotes([this.#probeSymbol])
    return `${this.id} connected`
  }

  #parse (body: unknown): Map<string, Tick> {
    const parsed = responseSchema.safeParse(body)
    if (!parsed.success) throw new UpstreamMalformedError(this.id, 'no quoteResponse.result')
    const quotes = new Map<string, Tick>()
    const now = Date.now()
    for (const raw of parsed.data.quoteResponse.result ?? []) {
      const quote = quoteSchema.safeParse(raw)
      // A result entry without a price is as good as absent (Yahoo does this for delisted symbols).
      if (!quote.success) continue
      quotes.set(quote.data.symbol.toUpperCase(), toTick(quote.data, raw as Record<string, unknown>, now))
    }
    return quotes
  }
}

function toTick (quote: z.output<typeof quoteSchema>, raw: Record<string, unknown>, now: number): Tick {
  const additional: Record<string, number> = {}
  for (const [field, key] of ADDITIONAL_FIELDS) {
    const value = raw[field]
    if (typeof value === 'number' && Number.isFinite(value)) additional[key] = value
  }
  return {
    symbol: quote.symbol.toUpperCase(),
    price: quote.regularMarketPrice,
    volume: quote.regularMarketVolume ?? 0,
    timestamp: quote.regularMarketTime === undefined ? now : Math.round(quote.regularMarketTime * 1000),
    source: YAHOO_SOURCE_ID,
    additional_data: additional
  }
}
