/**
 * What a ticker symbol is, once for every service: the gateway, the engine and
 * the provider simulator accept exactly the same symbols (a copy that disagreed
 * let the gateway reject 16-character symbols the engine served).
 */

/** Longest symbol: Yahoo's longest forms (EURUSD=X, BRK-B, ^GSPC, BTC-USD) fit with room to spare. */
export const SYMBOL_MAX_CHARS = 16

/** Tickers as exchanges and Yahoo write them, upper-case: what the engine and the provider store. */
export const SYMBOL_PATTERN = new RegExp(`^[A-Z0-9^][A-Z0-9.=^-]{0,${SYMBOL_MAX_CHARS - 1}}$`)

/**
 * The same rule before upper-casing (the gateway accepts "aapl" and upper-cases it), as the
 * pattern string a JSON schema carries. It has no escapes, so it compiles alike with or without the u flag.
 */
export const SYMBOL_PATTERN_ANY_CASE = `^[A-Za-z0-9^][A-Za-z0-9.=^-]{0,${SYMBOL_MAX_CHARS - 1}}$`

/** The rule in words, for error messages. */
export const SYMBOL_RULE = `letters, digits, . - = ^; at most ${SYMBOL_MAX_CHARS} characters`

/** Trimmed and upper-cased: the form every service compares and stores. */
export function normaliseSymbolText (raw: string): string {
  return raw.trim().toUpperCase()
}

/** "aapl, msft" → ["AAPL", "MSFT"]: the form of every --symbols flag and *_SYMBOLS variable (blanks dropped). */
export function parseSymbolList (raw: string): string[] {
  return raw.split(',').map(normaliseSymbolText).filter((s) => s !== '')
}
