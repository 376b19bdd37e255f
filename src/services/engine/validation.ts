/**
 * Input validation of every RPC, done at the engine whatever the gateway
 * already checked: each function returns the normalised value or throws the
 * declared 400 error, so handlers read as a list of checks.
 */
import { API_KEY_PATTERN, normaliseSymbolText, parseKeywordList, REQUEST_LIMITS, SYMBOL_PATTERN, type KeywordListErrors } from '../common/domain/index.js'
import {
  InvalidApiKeyError, InvalidHoursBackError, InvalidKeywordError, InvalidLimitError, InvalidSymbolError,
  KeywordsRequiredError, SymbolsRequiredError, TooManyKeywordsError, TooManySymbolsError
} from './errors.js'

/** The contract's bounds of one request (shared with the gateway, which may not exceed them). */
export const LIMITS = REQUEST_LIMITS

const API_KEY = new RegExp(API_KEY_PATTERN)
const KEYWORD_ERRORS: KeywordListErrors = {
  invalid: (raw, problem) => new InvalidKeywordError(raw, problem),
  tooMany: (count, max) => new TooManyKeywordsError(count, max)
}

export function normaliseSymbol (raw: string): string {
  const symbol = normaliseSymbolText(raw)
  if (!SYMBOL_PATTERN.test(symbol)) throw new InvalidSymbolError(raw)
  return symbol
}

/** Upper-cased, deduplicated (first occurrence wins), 1..maxSymbols of them. */
export function requireSymbols (raw: readonly string[]): string[] {
  if (raw.length === 0) throw new SymbolsRequiredError()
  return optionalSymbols(raw)
}

/** As requireSymbols, but an empty list is allowed (it means "every symbol"). */
export function optionalSymbols (raw: readonly string[]): string[] {
  if (raw.length > LIMITS.maxSymbols) throw new TooManySymbolsError(raw.length, LIMITS.maxSymbols)
  return [...new Set(raw.map(normaliseSymbol))]
}

/** Empty string → '' (every symbol); otherwise a valid symbol. */
export function optionalSymbol (raw: string): string {
  return raw.trim() === '' ? '' : normaliseSymbol(raw)
}

export function requireKeywords (raw: readonly string[]): string[] {
  if (raw.length === 0) throw new KeywordsRequiredError()
  return optionalKeywords(raw)
}

/** The keyword rule every service shares (common/domain/keywords.ts): normalised, checked, deduplicated, counted. */
export function optionalKeywords (raw: readonly string[]): string[] {
  return parseKeywordList(raw, LIMITS.maxKeywords, KEYWORD_ERRORS)
}

/** 0 (proto default: unset) → the default; otherwise 1..maxLimit. */
export function limitOrDefault (limit: number): number {
  if (limit === 0) return LIMITS.defaultLimit
  if (!Number.isInteger(limit) || limit < 1 || limit > LIMITS.maxLimit) throw new InvalidLimitError(limit, LIMITS.maxLimit)
  return limit
}

export function hoursBackOrDefault (hours: number): number {
  if (hours === 0) return LIMITS.defaultHoursBack
  if (!Number.isInteger(hours) || hours < 1 || hours > LIMITS.maxHoursBack) throw new InvalidHoursBackError(hours, LIMITS.maxHoursBack)
  return hours
}

/** '' → undefined (keep the current key); otherwise a header-safe token. */
export function optionalApiKey (raw: string): string | undefined {
  if (raw === '') return undefined
  if (!API_KEY.test(raw)) throw new InvalidApiKeyError()
  return raw
}
