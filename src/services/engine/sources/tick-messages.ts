/**
 * Parsing of the provider stream's frames. Hand-written checks instead of a
 * schema library: this runs for every tick, and a frame is four numbers.
 */
import { SYMBOL_MAX_CHARS } from '../../common/domain/symbols.js'

export interface TradeFrame { type: 'trade', symbol: string, price: number, size: number, timestamp: number }
export interface QuoteFrame { type: 'quote', symbol: string, bid: number, ask: number, bidSize: number, askSize: number, timestamp: number }
export interface ControlFrame { type: 'subscribed' | 'unsubscribed' | 'pong' }
export interface ErrorFrame { type: 'error', message: string }
export type StreamFrame = TradeFrame | QuoteFrame | ControlFrame | ErrorFrame

/** The frame, or undefined when it is malformed (the caller counts it). */
export function parseFrame (text: string): StreamFrame | undefined {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof json !== 'object' || json === null) return undefined
  const f = json as Record<string, unknown>
  switch (f.type) {
    case 'trade':
      return isSymbol(f.symbol) && isPositive(f.price) && isNonNegative(f.size) && isNonNegative(f.timestamp)
        ? { type: 'trade', symbol: f.symbol, price: f.price, size: f.size, timestamp: f.timestamp }
        : undefined
    case 'quote':
      return isSymbol(f.symbol) && isNonNegative(f.bid) && isNonNegative(f.ask) && isNonNegative(f.bidSize) && isNonNegative(f.askSize) && isNonNegative(f.timestamp)
        ? { type: 'quote', symbol: f.symbol, bid: f.bid, ask: f.ask, bidSize: f.bidSize, askSize: f.askSize, timestamp: f.timestamp }
        : undefined
    case 'subscribed': case 'unsubscribed': case 'pong':
      return { type: f.type }
    case 'error':
      return { type: 'error', message: typeof f.message === 'string' ? f.message.slice(0, 500) : 'unknown error' }
    default:
      return undefined
  }
}

function isSymbol (v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= SYMBOL_MAX_CHARS
}

function isPositive (v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0
}

function isNonNegative (v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0
}
