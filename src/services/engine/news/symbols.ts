/**
 * Finds the tickers an article is about: cashtags ($AAPL), exchange notation
 * (NASDAQ: AAPL), bare upper-case tickers the engine knows, and company names.
 * Bare upper-case words are matched only against known tickers so that "CEO"
 * or "USA" never become symbols; single-letter tickers (V) need a cashtag or
 * exchange notation for the same reason.
 */
const COMPANY_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['apple', 'AAPL'], ['alphabet', 'GOOGL'], ['google', 'GOOGL'], ['microsoft', 'MSFT'], ['amazon', 'AMZN'],
  ['tesla', 'TSLA'], ['meta', 'META'], ['facebook', 'META'], ['nvidia', 'NVDA'], ['jpmorgan', 'JPM'],
  ['visa', 'V'], ['netflix', 'NFLX'], ['intel', 'INTC'], ['amd', 'AMD'], ['walmart', 'WMT'], ['disney', 'DIS'],
  ['boeing', 'BA'], ['exxon', 'XOM'], ['chevron', 'CVX'], ['pfizer', 'PFE'], ['coca-cola', 'KO'], ['berkshire', 'BRK.B'],
  ['salesforce', 'CRM'], ['oracle', 'ORCL'], ['mastercard', 'MA'], ['goldman', 'GS']
]
const PHRASES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bjohnson\s*(?:&|and)\s*johnson\b|\bj&j\b/i, 'JNJ'],
  [/\bjp\s*morgan\b/i, 'JPM'],
  [/\bbank of america\b/i, 'BAC']
]
const NAME_TO_TICKER = new Map(COMPANY_NAMES)
const CASHTAG = /\$([A-Z]{1,5}(?:\.[A-Z])?)\b/g
const EXCHANGE = /\b(?:NASDAQ|NYSE|AMEX)\s*:\s*([A-Z]{1,5}(?:\.[A-Z])?)\b/g
const UPPER_WORD = /\b[A-Z]{2,5}\b/g

export class SymbolExtractor {
  readonly #knownTickers: Set<string>

  constructor (extraTickers: Iterable<string> = []) {
    this.#knownTickers = new Set([...COMPANY_NAMES.map(([, t]) => t), ...extraTickers])
  }

  /** Tickers in `text` (original case) and its lowercase `words`, in order of first appearance. */
  extract (text: string, words: readonly string[]): string[] {
    const found = new Set<string>()
    for (const m of text.matchAll(CASHTAG)) found.add(m[1] as string)
    for (const m of text.matchAll(EXCHANGE)) found.add(m[1] as string)
    for (const m of text.matchAll(UPPER_WORD)) if (this.#knownTickers.has(m[0])) found.add(m[0])
    for (const word of words) {
      const ticker = NAME_TO_TICKER.get(word)
      if (ticker !== undefined) found.add(ticker)
    }
    for (const [pattern, ticker] of PHRASES) if (pattern.test(text)) found.add(ticker)
    return [...found]
  }
}
