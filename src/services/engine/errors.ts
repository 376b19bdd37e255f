/**
 * Every error the core engine answers with. The `statusCode` is the HTTP status
 * a REST client of the gateway should see; grpc/status.ts turns it into a gRPC
 * status and the `mib-error-code` / `mib-http-status` trailers.
 */
import { defineError } from '../../errors.js'
import { API_KEY_RULE, KEYWORD_RULE, preview, SYMBOL_RULE } from '../common/domain/index.js'

// Input validation (400 → INVALID_ARGUMENT).
export const UnknownSourceError = defineError('MIB_ERR_ENGINE_UNKNOWN_SOURCE',
  (sourceId: string, known: readonly string[]) => `unknown source_id "${sourceId}" (known: ${known.join(', ')})`)
export const WrongSourceTypeError = defineError('MIB_ERR_ENGINE_WRONG_SOURCE_TYPE',
  (sourceId: string, wanted: string) => `source_id "${sourceId}" does not serve ${wanted}`)
export const SourceIdRequiredError = defineError('MIB_ERR_ENGINE_SOURCE_ID_REQUIRED',
  (known: readonly string[]) => `source_id is required (one of: ${known.join(', ')})`)
export const SymbolsRequiredError = defineError('MIB_ERR_ENGINE_SYMBOLS_REQUIRED',
  () => 'symbols must list at least one symbol')
export const TooManySymbolsError = defineError('MIB_ERR_ENGINE_TOO_MANY_SYMBOLS',
  (count: number, max: number) => `${count} symbols requested, at most ${max} allowed`)
export const InvalidSymbolError = defineError('MIB_ERR_ENGINE_INVALID_SYMBOL',
  (symbol: string) => `invalid symbol "${preview(symbol)}": expected ${SYMBOL_RULE} (e.g. AAPL, BRK-B, ^GSPC)`)
export const KeywordsRequiredError = defineError('MIB_ERR_ENGINE_KEYWORDS_REQUIRED',
  () => 'keywords must list at least one keyword')
export const TooManyKeywordsError = defineError('MIB_ERR_ENGINE_TOO_MANY_KEYWORDS',
  (count: number, max: number) => `${count} keywords given, at most ${max} allowed`)
export const InvalidKeywordError = defineError('MIB_ERR_ENGINE_INVALID_KEYWORD',
  (keyword: string, problem: string) => `invalid keyword "${preview(keyword)}": it ${problem} (a keyword is ${KEYWORD_RULE})`)
export const NewsQueryTooLongError = defineError('MIB_ERR_ENGINE_NEWS_QUERY_TOO_LONG',
  (chars: number, max: number) => `the keywords make a news query of ${chars} characters; the news provider takes at most ${max}: send fewer or shorter keywords`)
export const InvalidLimitError = defineError('MIB_ERR_ENGINE_INVALID_LIMIT',
  (limit: number, max: number) => `limit ${limit} is out of range: expected 1..${max} (0 means the default)`)
export const InvalidHoursBackError = defineError('MIB_ERR_ENGINE_INVALID_HOURS_BACK',
  (hours: number, max: number) => `hours_back ${hours} is out of range: expected 1..${max} (0 means the default)`)
export const InvalidApiKeyError = defineError('MIB_ERR_ENGINE_INVALID_API_KEY',
  () => `api_key must be ${API_KEY_RULE}`)

// Not found / preconditions.
export const SymbolNotFoundError = defineError('MIB_ERR_ENGINE_SYMBOL_NOT_FOUND',
  (symbols: readonly string[]) => `no quote for ${symbols.join(', ')} at the provider`)
export const SourceDisabledError = defineError('MIB_ERR_ENGINE_SOURCE_DISABLED',
  (sourceId: string) => `source "${sourceId}" is disabled in the engine configuration`)

// Upstream failures (5xx): the provider, not the client, is at fault. Transient ones (the
// provider down, failing, slow, throttling, the circuit open) are 503 with Retry-After.
export const UpstreamFailedError = defineError('MIB_ERR_ENGINE_UPSTREAM_FAILED',
  (sourceId: string, detail: string) => `${sourceId} request failed: ${detail}`)
export const UpstreamAuthError = defineError('MIB_ERR_ENGINE_UPSTREAM_AUTH',
  (sourceId: string, detail: string) => `${sourceId} rejected the engine's credentials: ${detail}`)
export const UpstreamMalformedError = defineError('MIB_ERR_ENGINE_UPSTREAM_MALFORMED',
  (sourceId: string, detail: string) => `${sourceId} answered with an unexpected body: ${detail}`)
export const UpstreamUnavailableError = defineError('MIB_ERR_ENGINE_UPSTREAM_UNAVAILABLE',
  (sourceId: string, detail: string) => `${sourceId} is unavailable: ${detail}`)
export const UpstreamRateLimitedError = defineError('MIB_ERR_ENGINE_UPSTREAM_RATE_LIMITED',
  (sourceId: string, retryAfterMs: number | undefined) =>
    `${sourceId} is rate limiting the engine${retryAfterMs === undefined ? '' : ` (retry after ${Math.ceil(retryAfterMs / 1000)} s)`}`)
export const CircuitOpenError = defineError('MIB_ERR_ENGINE_CIRCUIT_OPEN',
  (sourceId: string, retryInMs: number) => `${sourceId} circuit is open after repeated failures; failing fast for another ${retryInMs} ms`)
export const UpstreamTimeoutError = defineError('MIB_ERR_ENGINE_UPSTREAM_TIMEOUT',
  (sourceId: string, timeoutMs: number) => `${sourceId} did not answer within ${timeoutMs} ms`)

// The engine itself.
export const TooManySubscribersError = defineError('MIB_ERR_ENGINE_TOO_MANY_SUBSCRIBERS',
  (max: number) => `the engine already serves ${max} market-data streams`)
export const ShuttingDownError = defineError('MIB_ERR_ENGINE_SHUTTING_DOWN',
  () => 'the engine is shutting down')

/**
 * Attaches structured fields (e.g. `retryAfterS`) to a declared error, so
 * callers branch on data; grpc/status.ts forwards `retryAfterS` as a trailer.
 */
export function withDetails<E extends Error> (err: E, details: Record<string, unknown>): E {
  return Object.assign(err, { details })
}
