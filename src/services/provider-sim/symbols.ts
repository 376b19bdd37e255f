/**
 * The symbol universe: plausible reference figures for the default symbols,
 * and deterministic made-up ones for any other ticker a user configures.
 */
import { hashString, mulberry32 } from './prng.js'

export interface SymbolProfile {
  symbol: string
  shortName: string
  longName: string
  exchange: string
  fullExchangeName: string
  /** Reference price in USD around which a session opens. */
  referencePrice: number
  /** Annualised drift of the geometric Brownian motion (0.08 = 8 %/year). */
  drift: number
  /** Annualised volatility (0.30 = 30 %/year). */
  volatility: number
  /** Typical shares traded per day; the session's volume starts at a fraction of it. */
  averageDailyVolume: number
  /** Quoted bid/ask spread in basis points of the price. */
  spreadBps: number
  /** For marketCap = price × shares. */
  sharesOutstanding: number
}

type Known = Omit<SymbolProfile, 'symbol' | 'fullExchangeName'>

const NASDAQ = 'NMS'
const NYSE = 'NYQ'
const EXCHANGE_NAMES: Record<string, string> = { [NASDAQ]: 'NasdaqGS', [NYSE]: 'NYSE' }

// Rough late-2020s figures: the point is plausibility, not accuracy.
const KNOWN: Record<string, Known> = {
  AAPL: { shortName: 'Apple Inc.', longName: 'Apple Inc.', exchange: NASDAQ, referencePrice: 189.5, drift: 0.10, volatility: 0.26, averageDailyVolume: 55_000_000, spreadBps: 1, sharesOutstanding: 15_500_000_000 },
  GOOGL: { shortName: 'Alphabet Inc.', longName: 'Alphabet Inc.', exchange: NASDAQ, referencePrice: 141.2, drift: 0.10, volatility: 0.30, averageDailyVolume: 28_000_000, spreadBps: 1.5, sharesOutstanding: 12_400_000_000 },
  MSFT: { shortName: 'Microsoft Corporation', longName: 'Microsoft Corporation', exchange: NASDAQ, referencePrice: 378.9, drift: 0.11, volatility: 0.24, averageDailyVolume: 22_000_000, spreadBps: 1, sharesOutstanding: 7_430_000_000 },
  AMZN: { shortName: 'Amazon.com, Inc.', longName: 'Amazon.com, Inc.', exchange: NASDAQ, referencePrice: 153.4, drift: 0.12, volatility: 0.32, averageDailyVolume: 45_000_000, spreadBps: 1.5, sharesOutstanding: 10_400_000_000 },
  TSLA: { shortName: 'Tesla, Inc.', longName: 'Tesla, Inc.', exchange: NASDAQ, referencePrice: 242.7, drift: 0.08, volatility: 0.55, averageDailyVolume: 110_000_000, spreadBps: 2, sharesOutstanding: 3_180_000_000 },
  META: { shortName: 'Meta Platforms, Inc.', longName: 'Meta Platforms, Inc.', exchange: NASDAQ, referencePrice: 334.9, drift: 0.12, volatility: 0.38, averageDailyVolume: 17_000_000, spreadBps: 2, sharesOutstanding: 2_560_000_000 },
  NVDA: { shortName: 'NVIDIA Corporation', longName: 'NVIDIA Corporation', exchange: NASDAQ, referencePrice: 481.6, drift: 0.15, volatility: 0.50, averageDailyVolume: 42_000_000, spreadBps: 2, sharesOutstanding: 2_470_000_000 },
  JPM: { shortName: 'JPMorgan Chase & Co.', longName: 'JPMorgan Chase & Co.', exchange: NYSE, referencePrice: 170.1, drift: 0.07, volatility: 0.22, averageDailyVolume: 9_000_000, spreadBps: 2, sharesOutstanding: 2_880_000_000 },
  JNJ: { shortName: 'Johnson & Johnson', longName: 'Johnson & Johnson', exchange: NYSE, referencePrice: 156.3, drift: 0.05, volatility: 0.16, averageDailyVolume: 7_000_000, spreadBps: 2, sharesOutstanding: 2_410_000_000 },
  V: { shortName: 'Visa Inc.', longName: 'Visa Inc.', exchange: NYSE, referencePrice: 260.4, drift: 0.09, volatility: 0.20, averageDailyVolume: 6_500_000, spreadBps: 2, sharesOutstanding: 2_010_000_000 }
}

/**
 * The profile of `symbol`. Unknown tickers get figures drawn from a hash of the
 * ticker alone, so they are the same in every run and under every seed.
 */
export function profileFor (symbol: string): SymbolProfile {
  const known = KNOWN[symbol]
  if (known !== undefined) return { symbol, ...known, fullExchangeName: EXCHANGE_NAMES[known.exchange] ?? known.exchange }
  const random = mulberry32(hashString(`profile:${symbol}`))
  const exchange = random() < 0.5 ? NASDAQ : NYSE
  const name = `${symbol} Holdings Inc.`
  return {
    symbol,
    shortName: name,
    longName: name,
    exchange,
    fullExchangeName: EXCHANGE_NAMES[exchange] ?? exchange,
    // Log-uniform between $10 and $500: most listed prices sit in that band.
    referencePrice: round2(Math.exp(Math.log(10) + random() * Math.log(50))),
    drift: 0.04 + random() * 0.08,
    volatility: 0.18 + random() * 0.37,
    averageDailyVolume: Math.round(1_000_000 + random() * 30_000_000),
    spreadBps: 2 + Math.round(random() * 8),
    sharesOutstanding: Math.round(50_000_000 + random() * 2_000_000_000)
  }
}

export function round2 (value: number): number {
  return Math.round(value * 100) / 100
}
