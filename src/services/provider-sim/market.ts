/**
 * The simulated market: one price path per symbol of the universe, advanced
 * together one step per tick, and read by the quote endpoint and the stream.
 */
import { PricePath, type SymbolState } from './price-path.js'
import { profileFor, round2, type SymbolProfile } from './symbols.js'

/** A quote in the shape of Yahoo Finance's /v7/finance/quote result entries. */
export interface YahooQuote {
  symbol: string
  shortName: string
  longName: string
  currency: 'USD'
  quoteType: 'EQUITY'
  marketState: 'REGULAR'
  exchange: string
  fullExchangeName: string
  regularMarketPrice: number
  regularMarketVolume: number
  /** Epoch seconds, as Yahoo sends it. */
  regularMarketTime: number
  regularMarketChange: number
  regularMarketChangePercent: number
  regularMarketOpen: number
  regularMarketDayHigh: number
  regularMarketDayLow: number
  regularMarketPreviousClose: number
  bid: number
  ask: number
  bidSize: number
  askSize: number
  marketCap: number
  fiftyTwoWeekHigh: number
  fiftyTwoWeekLow: number
  averageDailyVolume3Month: number
}

interface Listed { profile: SymbolProfile, path: PricePath }

export class Market {
  readonly symbols: readonly string[]
  readonly #listed = new Map<string, Listed>()
  #lastStepAtMs: number

  constructor (symbols: readonly string[], seed: number, nowMs = Date.now()) {
    this.symbols = [...symbols]
    for (const symbol of symbols) {
      const profile = profileFor(symbol)
      this.#listed.set(symbol, { profile, path: new PricePath(profile, seed) })
    }
    this.#lastStepAtMs = nowMs
  }

  has (symbol: string): boolean {
    return this.#listed.has(symbol)
  }

  /** The live state of `symbol` (undefined when not listed). */
  stateOf (symbol: string): Readonly<SymbolState> | undefined {
    return this.#listed.get(symbol)?.path.state
  }

  /** Advances every symbol one step; the states are live views, valid until the next step. */
  step (nowMs = Date.now()): Array<Readonly<SymbolState>> {
    this.#lastStepAtMs = nowMs
    const states: Array<Readonly<SymbolState>> = []
    for (const { path } of this.#listed.values()) states.push(path.advance())
    return states
  }

  get lastStepAtMs (): number {
    return this.#lastStepAtMs
  }

  quote (symbol: string): YahooQuote | undefined {
    const listed = this.#listed.get(symbol)
    if (listed === undefined) return undefined
    const { profile } = listed
    const s = listed.path.state
    const price = s.last.price
    const change = price - s.previousClose
    return {
      symbol,
      shortName: profile.shortName,
      longName: profile.longName,
      currency: 'USD',
      quoteType: 'EQUITY',
      marketState: 'REGULAR',
      exchange: profile.exchange,
      fullExchangeName: profile.fullExchangeName,
      regularMarketPrice: price,
      regularMarketVolume: s.volume,
      regularMarketTime: Math.floor(this.#lastStepAtMs / 1000),
      regularMarketChange: round2(change),
      regularMarketChangePercent: Math.round(change / s.previousClose * 10_000) / 100,
      regularMarketOpen: s.open,
      regularMarketDayHigh: Math.max(s.dayHigh, price),
      regularMarketDayLow: Math.min(s.dayLow, price),
      regularMarketPreviousClose: s.previousClose,
      bid: s.bid,
      ask: s.ask,
      bidSize: s.bidSize,
      askSize: s.askSize,
      marketCap: Math.round(price * profile.sharesOutstanding),
      // A year's range that always contains today's: about one annual sigma around yesterday's close.
      fiftyTwoWeekHigh: round2(Math.max(s.dayHigh, price, s.previousClose * (1 + profile.volatility * 0.8))),
      fiftyTwoWeekLow: round2(Math.min(s.dayLow, price, s.previousClose * (1 - profile.volatility * 0.6))),
      averageDailyVolume3Month: profile.averageDailyVolume
    }
  }
}
