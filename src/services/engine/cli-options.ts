/**
 * The engine's option table: every flag and environment variable of
 * `mib engine`, tied to its option in `engineOptionsSchema` (which holds the
 * bounds and defaults). Flags, env reading, error names, help and the docs'
 * table are derived from it (services/common/config). Flags beat env, env beats defaults.
 */
import {
  defineOptionTable, environmentRow, logLevelRow, parseOptionInput, profilingRow, readOptionInput, type CliFlags
} from '../common/config/index.js'
import { NEWS_API_LIMITS, parseSymbolList } from '../common/domain/index.js'
import { profilingFromInput } from '../common/profiling/options.js'
import { engineOptionsSchema, type EngineOptions, type EngineOptionsInput } from './config.js'

export type EngineFlags = CliFlags

export const ENGINE_OPTIONS = defineOptionTable({
  what: 'engine options',
  schema: engineOptionsSchema,
  rows: [
    { key: 'host', flag: 'host', value: '<host>', env: 'ENGINE_HOST', help: 'address of the gRPC and admin listeners' },
    { key: 'grpcPort', flag: 'grpc-port', kind: 'number', value: '<port>', env: 'ENGINE_GRPC_PORT', help: 'gRPC port; 0 = any free port' },
    { key: 'adminPort', flag: 'admin-port', kind: 'number', value: '<port>', env: 'ENGINE_ADMIN_PORT', help: 'admin HTTP port for /health, /stats, /metrics; 0 = any free port' },
    { key: 'providerUrl', flag: 'provider-url', value: '<url>', env: 'PROVIDER_URL', help: 'base URL of the provider; the default base of every source below' },
    { key: 'yahooFinance.baseUrl', flag: 'yahoo-url', value: '<url>', env: 'YAHOO_FINANCE_BASE_URL', help: 'Yahoo Finance quote API base URL', defaultText: 'the provider URL' },
    { key: 'newsApi.baseUrl', flag: 'news-url', value: '<url>', env: 'NEWS_API_BASE_URL', help: 'NewsAPI base URL', defaultText: 'the provider URL' },
    { key: 'newsApi.apiKey', flag: 'news-api-key', value: '<key>', env: 'NEWS_API_KEY', help: 'NewsAPI key, sent as X-Api-Key (never in the URL)' },
    { key: 'tickStream.url', flag: 'stream-url', value: '<url>', env: 'TICK_STREAM_URL', help: 'tick stream WebSocket URL', defaultText: 'ws://<provider>/v1/stream' },
    { key: 'tickStream.symbols', flag: 'symbols', kind: 'list', parse: parseSymbolList, value: '<list>', env: 'ENGINE_SYMBOLS', help: 'comma-separated symbols subscribed on the tick stream; * = every symbol' },
    { key: 'bufferSize', flag: 'buffer-size', kind: 'number', env: 'ENGINE_BUFFER_SIZE', help: 'ticks kept per symbol (= max_buffer_size)' },
    { key: 'newsBufferSize', flag: 'news-buffer-size', kind: 'number', env: 'ENGINE_NEWS_BUFFER_SIZE', help: 'news items kept' },
    { key: 'maxSymbols', flag: 'max-symbols', kind: 'number', env: 'ENGINE_MAX_SYMBOLS', help: 'symbols buffered at most (memory bound)' },
    { key: 'quoteCacheMs', flag: 'quote-cache-ms', kind: 'number', unit: 'ms', env: 'ENGINE_QUOTE_CACHE_MS', help: 'how long a fetched quote is reused; 0 = off' },
    { key: 'newsCacheMs', kind: 'number', unit: 'ms', env: 'ENGINE_NEWS_CACHE_MS', help: 'how long a FetchNewsData answer is reused; 0 = off' },
    environmentRow,
    profilingRow,
    logLevelRow,
    // Options of startEngine() only (no flag, no variable).
    { key: 'yahooFinance.enabled', help: 'a disabled source answers MIB_ERR_ENGINE_SOURCE_DISABLED' },
    { key: 'newsApi.enabled', help: 'as yahooFinance.enabled' },
    { key: 'tickStream.enabled', help: 'as yahooFinance.enabled' },
    { key: 'newsApi.pageSize', help: `articles asked per FetchNewsData (NewsAPI max ${NEWS_API_LIMITS.maxPageSize})` },
    { key: 'tickStream.connectTimeoutMs', help: 'open + subscribe bound, ms' },
    { key: 'tickStream.heartbeatMs', help: 'ping period, ms; no pong within one period → reconnect' },
    { key: 'tickStream.reconnect.baseDelayMs', help: 'first reconnect delay, ms, doubled per failed attempt (50–100 % jitter)' },
    { key: 'tickStream.reconnect.maxDelayMs', help: 'cap of that delay, ms' },
    { key: 'http.timeoutMs', help: 'whole-attempt timeout (headers + body), ms; a timeout is not retried' },
    { key: 'http.connectTimeoutMs', help: 'TCP connect timeout, ms' },
    { key: 'http.connectionsPerOrigin', help: 'keep-alive sockets per provider (undici Pool)' },
    { key: 'http.keepAliveTimeoutMs', help: 'idle socket lifetime, ms' },
    { key: 'http.maxResponseBytes', help: 'larger provider bodies are refused, bytes' },
    { key: 'retry.maxAttempts', help: 'attempts in total (1 = no retry) of idempotent GETs on connect errors, 429 and 5xx' },
    { key: 'retry.baseDelayMs', help: 'full-jitter backoff, ms: random(0, min(maxDelayMs, baseDelayMs·2^(n-1)))' },
    { key: 'retry.maxDelayMs', help: 'cap of that backoff, ms' },
    { key: 'retry.retryAfterCapMs', help: 'a 429 asking to wait longer (Retry-After) is not retried, ms' },
    { key: 'breaker.consecutiveFailures', help: 'the circuit opens after this many failures in a row…' },
    { key: 'breaker.failureRatio', help: '…or when this share of the calls in the window failed' },
    { key: 'breaker.minimumCalls', help: 'calls in the window before the ratio counts' },
    { key: 'breaker.windowMs', help: 'rolling window of the failure ratio, ms' },
    { key: 'breaker.openMs', help: 'cool-down before a trial call (half_open), ms' },
    { key: 'breaker.halfOpenProbes', help: 'concurrent trial calls' },
    { key: 'streaming.subscriberQueueSize', help: 'ticks queued per slow StreamMarketData subscriber; the oldest are dropped beyond' },
    { key: 'streaming.maxSubscribers', help: 'concurrent StreamMarketData calls' },
    { key: 'rateWindowS', help: 'sliding window of ticks_per_second / news_per_second, s' },
    { key: 'shutdownTimeoutMs', help: 'graceful gRPC drain before forceShutdown, ms' }
  ]
})

/** The options the environment sets (unset variables are left out so defaults apply; values are validated later). */
export function engineOptionsFromEnv (env: NodeJS.ProcessEnv = process.env): EngineOptionsInput {
  return readOptionInput(ENGINE_OPTIONS, {}, env) as EngineOptionsInput
}

/** Validated engine options from the environment with the flags on top; problems name the flag and variable to fix. */
export function engineOptionsFromCli (flags: EngineFlags, env: NodeJS.ProcessEnv = process.env): EngineOptions {
  const input = readOptionInput(ENGINE_OPTIONS, flags, env)
  input.profiling = profilingFromInput(input, 'engine', env)
  return parseOptionInput(ENGINE_OPTIONS, input)
}
