/**
 * Answer texts both sides of the contract write: the engine in its answers,
 * the gateway when it serves an answer it kept (within the engine's max_age_ms),
 * so a kept answer reads exactly like a fresh one.
 */

/** FetchMarketData's message: `3 quotes from yahoo_finance[; not found: X, Y]`. */
export function quotesMessage (found: number, sourceId: string, missing: readonly string[] = []): string {
  return missing.length === 0 ? `${found} quotes from ${sourceId}` : `${found} quotes from ${sourceId}; not found: ${missing.join(', ')}`
}
