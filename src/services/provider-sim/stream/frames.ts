/**
 * Server → client frames. Tick frames are built by hand from validated numbers
 * and pre-encoded symbols: they are serialised once per tick and sent to every
 * subscriber, so this is the stream's hot path.
 */
import type { SymbolState } from '../price-path.js'

export function tradeFrame (symbolJson: string, state: Readonly<SymbolState>, timestampMs: number): string {
  return `{"type":"trade","symbol":${symbolJson},"price":${state.last.price},"size":${state.last.size},"timestamp":${timestampMs}}`
}

export function quoteFrame (symbolJson: string, state: Readonly<SymbolState>, timestampMs: number): string {
  return `{"type":"quote","symbol":${symbolJson},"bid":${state.bid},"ask":${state.ask},"bidSize":${state.bidSize},"askSize":${state.askSize},"timestamp":${timestampMs}}`
}

export function subscribedFrame (symbols: readonly string[]): string {
  return JSON.stringify({ type: 'subscribed', symbols })
}

export function errorFrame (message: string): string {
  return JSON.stringify({ type: 'error', message })
}

export function pongFrame (timestampMs: number): string {
  return JSON.stringify({ type: 'pong', timestamp: timestampMs })
}
