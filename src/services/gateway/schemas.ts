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
import {
  API_KEY_RULE, KEYWORD_RULE, OPTIONAL_API_KEY_PATTERN, parseKeywordList, preview, REQUEST_LIMITS, SYMBOL_PATTERN_ANY_CASE, SYMBOL_RULE, type KeywordListErrors
} from '../common/domain/index.js'
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

type Limits = Pick<GatewayOptions, 'maxSymbolsPerRequest' | 'maxKeywordsPerRequest' | 'maxBufferLimit' | 'maxHoursBack' | 'defaultMarketDataLimit' | 'defaultNewsLimit'>

interface FieldRule {
  error: new (detail: string) => MibError
  /** The rule in words, for the error message. */
  rule: (limits: Limits) => string
}

const FIELD_RULES: Record<string, FieldRule> = {
  symbols: { error: InvalidSymbolsError, rule: (l) => `must be a non-empty array of at most ${l.maxSymbolsPerRequest} ticker symbols such as "AAPL" (${SYMBOL_RULE})` },
  symbol: { error: InvalidSymbolError, rule: () => `must be a ticker symbol such as "AAPL" (${SYMBOL_RULE})` },
  keywords: { error: InvalidKeywordsError, rule: (l) => `must be a non-empty array of at most ${l.maxKeywordsPerRequest} keywords (each ${KEYWORD_RULE})` },
  source_id: { error: InvalidSourceIdError, rule: () => 'must be a source identifier such as "yahoo_finance" (letters, digits, _ . -; at most 64 characters)' },
  limit: { error: InvalidLimitError, rule: (l) => `must be an integer from 1 to ${l.maxBufferLimit}` },
  hours_back: { error: InvalidHoursBackError, rule: (l) => `must be an integer from 1 to ${l.maxHoursBack}` },
  api_key: { error: InvalidApiKeyError, rule: () => `must be empty (the configured key) or ${API_KEY_RULE}` }
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
          // Checked by the keyword rule after commas split the items (parseKeywords), as the engine checks them:
          // the count is of distinct keywords, so no maxItems here (the body limit bounds the array).
          keywords: { type: 'array', minItems: 1, items: { type: 'string' } },
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
          keywords: { type: 'array', items: { type: 'string' } },
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
          api_key: { type: 'string', pattern: OPTIONAL_API_KEY_PATTERN }
        }
      }
    }
  }
}

/** Upper-cased, de-duplicated, order kept: the engine sees each symbol once. */
export function normalizeSymbols (symbols: readonly string[]): string[] {
  return [...new Set(symbols.map((s) => s.toUpperCase()))]
}

/** Comma-separated items split into keywords; blank parts between commas ("a,,b", "a,") are dropped. */
function splitOnCommas (raw: readonly string[]): string[] {
  return raw.flatMap((item) => item.includes(',') ? item.split(',').filter((part) => part.trim() !== '') : [item])
}

const keywordErrors = (maxKeywords: number): KeywordListErrors => ({
  invalid: (raw, problem) => new InvalidKeywordsError(`must each be ${KEYWORD_RULE}: "${preview(raw)}" ${problem}`),
  tooMany: (count) => new InvalidKeywordsError(`must list at most ${maxKeywords} keywords (got ${count})`)
})

/**
 * `["stock,market", "Tech"]` → `["stock", "market", "Tech"]`: split on commas, then
 * the keyword rule every service shares (common/domain/keywords.ts): normalised,
 * checked, deduplicated case-insensitively, at most `maxKeywords`. So the engine
 * gets only keywords it takes, in the form it would make of them.
 */
export function parseKeywords (raw: readonly string[], maxKeywords: number): string[] {
  return parseKeywordList(splitOnCommas(raw), maxKeywords, keywordErrors(maxKeywords))
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

// The request shapes the schemas above guarantee (after ajv's defaults and coercion).
export interface FetchMarketDataBody { symbols: string[], source_id?: string }
export interface FetchNewsBody { keywords: string[], source_id?: string, hours_back: number }
export interface MarketDataBufferQuery { symbol?: string, limit: number }
export interface NewsBufferQuery { keywords?: string[], limit: number }
export interface ConnectDataSourceBody { source_id: string, api_key?: string }
