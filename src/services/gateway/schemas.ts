/**
 * JSON schemas of the REST routes (compiled once by Fastify's ajv: the cheapest
 * validation on the hot path) and the formatter that turns the first schema
 * violation into a field-specific, stable error code.
 *
 * Fastify's ajv coerces types (`"50"` → 50, `"AAPL"` → `["AAPL"]`), which is what
 * query strings need and harmless for bodies.
 */
import type { FastifySchemaValidationError } from 'fastify'
import type { MibError } from '../../errors.js'
import { REQUEST_LIMITS, SYMBOL_PATTERN_ANY_CASE, SYMBOL_RULE } from '../common/domain/index.js'
import type { GatewayOptions } from './config.js'
import {
  InvalidApiKeyError, InvalidBodyError, InvalidHoursBackError, InvalidKeywordsError, InvalidLimitError,
  InvalidSourceIdError, InvalidSymbolError, InvalidSymbolsError
} from './errors.js'

/** Ticker symbols as Yahoo writes them: AAPL, BRK-B, ^GSPC, EURUSD=X, BTC-USD (upper-cased by the gateway); the rule of every service. */
export const SYMBOL_PATTERN = SYMBOL_PATTERN_ANY_CASE
/** A symbol, or empty (= every symbol). */
const OPTIONAL_SYMBOL_PATTERN = `^(${SYMBOL_PATTERN.slice(1, -1)})?$`
const SOURCE_ID_PATTERN = '^[A-Za-z0-9_.-]{0,64}$'
/** At least one letter or digit (what the engine can match on). */
const KEYWORD_PATTERN = '[\\p{L}\\p{N}]'
const KEYWORD_REGEX = new RegExp(KEYWORD_PATTERN, 'u')
export const MAX_KEYWORD_CHARS = REQUEST_LIMITS.maxKeywordChars
const MAX_API_KEY_CHARS = 256

type Limits = Pick<GatewayOptions, 'maxSymbolsPerRequest' | 'maxKeywordsPerRequest' | 'maxBufferLimit' | 'maxHoursBack' | 'defaultMarketDataLimit' | 'defaultNewsLimit'>

interface FieldRule {
  error: new (detail: string) => MibError
  /** The rule in words, for the error message. */
  rule: (limits: Limits) => string
}

const FIELD_RULES: Record<string, FieldRule> = {
  symbols: { error: InvalidSymbolsError, rule: (l) => `must be a non-empty array of at most ${l.maxSymbolsPerRequest} ticker symbols such as "AAPL" (${SYMBOL_RULE})` },
  symbol: { error: InvalidSymbolError, rule: () => `must be a ticker symbol such as "AAPL" (${SYMBOL_RULE})` },
  keywords: { error: InvalidKeywordsError, rule: (l) => `must be a non-empty array of at most ${l.maxKeywordsPerRequest} keywords (each with a letter or digit) of at most ${MAX_KEYWORD_CHARS} characters` },
  source_id: { error: InvalidSourceIdError, rule: () => 'must be a source identifier such as "yahoo_finance" (letters, digits, _ . -; at most 64 characters)' },
  limit: { error: InvalidLimitError, rule: (l) => `must be an integer from 1 to ${l.maxBufferLimit}` },
  hours_back: { error: InvalidHoursBackError, rule: (l) => `must be an integer from 1 to ${l.maxHoursBack}` },
  api_key: { error: InvalidApiKeyError, rule: () => `must be a string of at most ${MAX_API_KEY_CHARS} characters` }
}

/** The top-level field an ajv error is about: `/symbols/0` → symbols; required → the missing one. */
function fieldOf (error: FastifySchemaValidationError): string | undefined {
  if (error.keyword === 'required' && typeof error.params.missingProperty === 'string') return error.params.missingProperty
  const first = error.instancePath.split('/')[1]
  return first === undefined || first === '' ? undefined : first
}

function describe (error: FastifySchemaValidationError, field: string): string {
  if (error.keyword === 'required') return 'is required'
  const where = error.instancePath.slice(1).replaceAll('/', '.') || field
  return `${where} ${error.message ?? 'is invalid'}`
}

export type SchemaErrorFormatter = (errors: FastifySchemaValidationError[], dataVar: string) => Error

/** Maps the first schema violation onto the error of its field (fallback: invalid body). */
export function schemaErrorFormatter (limits: Limits): SchemaErrorFormatter {
  return (errors, dataVar) => {
    const first = errors[0]
    if (first === undefined) return new InvalidBodyError('is invalid')
    const field = fieldOf(first)
    const rule = field === undefined ? undefined : FIELD_RULES[field]
    if (field === undefined || rule === undefined) {
      const what = dataVar === 'body' ? 'must be a JSON object' : `${dataVar} is invalid`
      return new InvalidBodyError(`${what} (${first.message ?? first.keyword})`)
    }
    return new rule.error(`${rule.rule(limits)} (${describe(first, field)})`)
  }
}

const sourceId = { type: 'string', pattern: SOURCE_ID_PATTERN } as const
const limitOf = (max: number, fallback: number): Record<string, unknown> => ({ type: 'integer', minimum: 1, maximum: max, default: fallback })

export interface RouteSchemas {
  fetchMarketData: { body: Record<string, unknown> }
  fetchNews: { body: Record<string, unknown> }
  marketDataBuffer: { querystring: Record<string, unknown> }
  newsBuffer: { querystring: Record<string, unknown> }
  connectDataSource: { body: Record<string, unknown> }
}

/** Built once from the options (the bounds live in the schemas, not in handlers). */
export function buildRouteSchemas (limits: Limits): RouteSchemas {
  return {
    fetchMarketData: {
      body: {
        type: 'object',
        required: ['symbols'],
        properties: {
          symbols: { type: 'array', minItems: 1, maxItems: limits.maxSymbolsPerRequest, items: { type: 'string', pattern: SYMBOL_PATTERN } },
          source_id: sourceId
        }
      }
    },
    fetchNews: {
      body: {
        type: 'object',
        required: ['keywords'],
        properties: {
          keywords: { type: 'array', minItems: 1, maxItems: limits.maxKeywordsPerRequest, items: { type: 'string', maxLength: MAX_KEYWORD_CHARS, pattern: KEYWORD_PATTERN } },
          source_id: sourceId,
          hours_back: { type: 'integer', minimum: 1, maximum: limits.maxHoursBack, default: REQUEST_LIMITS.defaultHoursBack }
        }
      }
    },
    marketDataBuffer: {
      querystring: {
        type: 'object',
        properties: {
          // Empty means every symbol, like no symbol at all.
          symbol: { type: 'string', pattern: OPTIONAL_SYMBOL_PATTERN },
          limit: limitOf(limits.maxBufferLimit, limits.defaultMarketDataLimit)
        }
      }
    },
    newsBuffer: {
      querystring: {
        type: 'object',
        properties: {
          // Repeated (?keywords=a&keywords=b) or comma-separated (?keywords=a,b); split by the handler.
          keywords: { type: 'array', maxItems: limits.maxKeywordsPerRequest, items: { type: 'string', maxLength: MAX_KEYWORD_CHARS * limits.maxKeywordsPerRequest } },
          limit: limitOf(limits.maxBufferLimit, limits.defaultNewsLimit)
        }
      }
    },
    connectDataSource: {
      body: {
        type: 'object',
        required: ['source_id'],
        properties: {
          source_id: { type: 'string', minLength: 1, pattern: SOURCE_ID_PATTERN },
          api_key: { type: 'string', maxLength: MAX_API_KEY_CHARS }
        }
      }
    }
  }
}

/** Upper-cased, de-duplicated, order kept: the engine sees each symbol once. */
export function normalizeSymbols (symbols: readonly string[]): string[] {
  return [...new Set(symbols.map((s) => s.toUpperCase()))]
}

/**
 * Splits `["stock,market", "tech"]` into `["stock", "market", "tech"]`: trimmed,
 * de-duplicated (case-insensitively), blanks dropped. Bounds are checked by the caller.
 */
export function splitKeywords (raw: readonly string[]): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const part of raw.flatMap((k) => k.split(','))) {
    const keyword = part.trim()
    const key = keyword.toLowerCase()
    if (keyword === '' || seen.has(key)) continue
    seen.add(key)
    out.push(keyword)
  }
  return out
}

/**
 * Regression: ajv lets Infinity (`?limit=1e400`, or `1e400` in a JSON body)
 * through `integer`/`maximum`; the engine must never see it. Cheap enough to check again.
 */
function checkInteger (value: number, max: number, error: new (detail: string) => MibError): number {
  if (!Number.isSafeInteger(value) || value < 1 || value > max) throw new error(`must be an integer from 1 to ${max}`)
  return value
}

export function checkLimit (limit: number, maxLimit: number): number {
  return checkInteger(limit, maxLimit, InvalidLimitError)
}

export function checkHoursBack (hoursBack: number, maxHoursBack: number): number {
  return checkInteger(hoursBack, maxHoursBack, InvalidHoursBackError)
}

/** Keywords from a query string after splitting: same bounds as the body's. */
export function checkKeywords (keywords: readonly string[], maxKeywords: number): void {
  if (keywords.length > maxKeywords) throw new InvalidKeywordsError(`must list at most ${maxKeywords} keywords (got ${keywords.length})`)
  for (const keyword of keywords) {
    if (keyword.length > MAX_KEYWORD_CHARS || !KEYWORD_REGEX.test(keyword)) {
      throw new InvalidKeywordsError(`must each have a letter or digit and at most ${MAX_KEYWORD_CHARS} characters (got "${keyword.slice(0, MAX_KEYWORD_CHARS)}")`)
    }
  }
}

// The request shapes the schemas above guarantee (after ajv's defaults and coercion).
export interface FetchMarketDataBody { symbols: string[], source_id?: string }
export interface FetchNewsBody { keywords: string[], source_id?: string, hours_back: number }
export interface MarketDataBufferQuery { symbol?: string, limit: number }
export interface NewsBufferQuery { keywords?: string[], limit: number }
export interface ConnectDataSourceBody { source_id: string, api_key?: string }
