/**
 * The engine's in-memory records. They are shaped exactly like the contract's
 * messages (snake_case) so a buffer read is sent as-is, without a copy per call.
 */
import type { MarketData, NewsItem } from '../common/contract/index.js'

export interface Tick {
  symbol: string
  price: number
  volume: number
  /** Unix epoch ms. */
  timestamp: number
  /** Source id: yahoo_finance, tick_stream... */
  source: string
  /** bid, ask, change, change_percent, day_high, day_low, open, previous_close... */
  additional_data: Record<string, number>
}

export interface Article {
  title: string
  content: string
  source: string
  /** Unix epoch ms. */
  timestamp: number
  sentiment_score: number
  relevance_score: number
  url: string
  symbols: string[]
  keywords: string[]
}

// Compile-time proof that records are valid contract messages.
export const tickIsMarketData = (t: Tick): MarketData => t
export const articleIsNewsItem = (a: Article): NewsItem => a

export type SourceType = 'market_data' | 'news'
