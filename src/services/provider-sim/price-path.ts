/**
 * One symbol's simulated session: a geometric Brownian motion for the mid
 * price, a bid/ask spread around it, trades at the touch, and volume that
 * accumulates trade by trade.
 *
 * The state after n steps is a pure function of (profile, seed, n): every draw
 * comes from one seeded stream per symbol, consumed in a fixed order. That is
 * what makes runs reproducible and the path testable without a clock.
 */
import { normalSource, randomInt, streamFor, type Random } from './prng.js'
import { round2, type SymbolProfile } from './symbols.js'

/** Trading seconds in a year (252 sessions of 6.5 h): one step is one trading second. */
export const TRADING_SECONDS_PER_YEAR = 252 * 6.5 * 3600
export const STEP_YEARS = 1 / TRADING_SECONDS_PER_YEAR

export interface Trade { price: number, size: number }

export interface SymbolState {
  symbol: string
  step: number
  /** Unrounded mid price of the GBM. */
  mid: number
  last: Trade
  bid: number
  ask: number
  bidSize: number
  askSize: number
  open: number
  previousClose: number
  dayHigh: number
  dayLow: number
  volume: number
}

export class PricePath {
  readonly #profile: SymbolProfile
  readonly #random: Random
  readonly #normal: () => number
  readonly #state: SymbolState

  constructor (profile: SymbolProfile, seed: number) {
    this.#profile = profile
    this.#random = streamFor(seed, `price:${profile.symbol}`)
    this.#normal = normalSource(this.#random)
    this.#state = this.#openSession()
    this.#quoteAround(this.#state.mid)
  }

  /** Replays `steps` steps from the start: the reference the live path must match. */
  static at (profile: SymbolProfile, seed: number, steps: number): PricePath {
    const path = new PricePath(profile, seed)
    for (let i = 0; i < steps; i++) path.advance()
    return path
  }

  get state (): Readonly<SymbolState> {
    return this.#state
  }

  /** Moves one step (one trading second) forward and returns the new state. */
  advance (): Readonly<SymbolState> {
    const s = this.#state
    const { drift, volatility } = this.#profile
    const z = this.#normal()
    s.mid *= Math.exp((drift - volatility * volatility / 2) * STEP_YEARS + volatility * Math.sqrt(STEP_YEARS) * z)
    this.#quoteAround(s.mid)
    s.last = this.#trade()
    s.volume += s.last.size
    s.dayHigh = Math.max(s.dayHigh, s.last.price)
    s.dayLow = Math.min(s.dayLow, s.last.price)
    s.step++
    return s
  }

  #openSession (): SymbolState {
    const { referencePrice, volatility, averageDailyVolume, symbol } = this.#profile
    const dailyVolatility = volatility / Math.sqrt(252)
    // The session starts part-way through the day: yesterday's close, today's
    // open and the current mid are each one seeded move apart.
    const previousClose = referencePrice * Math.exp(0.03 * this.#normal())
    const open = previousClose * Math.exp(dailyVolatility * 0.3 * this.#normal())
    const mid = open * Math.exp(dailyVolatility * 0.5 * this.#normal())
    const volume = Math.round(averageDailyVolume * (0.2 + 0.3 * this.#random()))
    const price = round2(mid)
    const state: SymbolState = {
      symbol,
      step: 0,
      mid,
      last: { price, size: 100 },
      bid: price,
      ask: price,
      bidSize: 100,
      askSize: 100,
      open: round2(open),
      previousClose: round2(previousClose),
      dayHigh: round2(Math.max(open, mid) * (1 + dailyVolatility * 0.2 * this.#random())),
      dayLow: round2(Math.min(open, mid) * (1 - dailyVolatility * 0.2 * this.#random())),
      volume
    }
    return state
  }

  #quoteAround (mid: number): void {
    const s = this.#state
    // Spreads breathe a little (up to +50 %) and never go below one cent.
    const half = Math.max(0.005, mid * this.#profile.spreadBps / 20_000 * (1 + 0.5 * this.#random()))
    s.bid = round2(mid - half)
    s.ask = Math.max(round2(mid + half), round2(s.bid + 0.01))
    s.bidSize = 100 * randomInt(this.#random, 1, 20)
    s.askSize = 100 * randomInt(this.#random, 1, 20)
  }

  #trade (): Trade {
    const s = this.#state
    const side = this.#random()
    const price = side < 0.45 ? s.bid : side < 0.9 ? s.ask : round2((s.bid + s.ask) / 2)
    const lot = this.#random()
    // About one trade in five is an odd lot; round lots are roughly exponential in size.
    const size = lot < 0.2
      ? randomInt(this.#random, 1, 99)
      : 100 * Math.min(50, Math.max(1, Math.ceil(-Math.log(1 - this.#random()) * 3)))
    return { price, size }
  }
}
