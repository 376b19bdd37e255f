/**
 * The simulator's option table: every flag and environment variable of
 * `mib provider-sim`, tied to its option in `providerSimOptionsSchema` (which
 * holds the bounds and defaults). Flags, env reading, error names, help and the
 * docs' table are derived from it (services/common/config). Flags beat env, env beats defaults.
 */
import {
  defineOptionTable, environmentRow, logLevelRow, parseOptionInput, profilingRow, readOptionInput, type CliFlags
} from '../common/config/index.js'
import { parseSymbolList } from '../common/domain/symbols.js'
import { profilingFromInput } from '../common/profiling/options.js'
import { providerSimOptionsSchema, type ProviderSimOptionsInput } from './options.js'

export type ProviderSimFlags = CliFlags

export const PROVIDER_SIM_OPTIONS = defineOptionTable({
  what: 'provider-sim options',
  schema: providerSimOptionsSchema,
  rows: [
    { key: 'host', flag: 'host', value: '<host>', env: 'PROVIDER_SIM_HOST', help: 'address to bind' },
    { key: 'port', flag: 'port', kind: 'number', value: '<port>', env: 'PROVIDER_SIM_PORT', help: 'port to bind; 0 = any free port' },
    { key: 'seed', flag: 'seed', kind: 'number', env: 'PROVIDER_SIM_SEED', help: 'seed of all generated data, 0..4294967295' },
    { key: 'symbols', flag: 'symbols', kind: 'list', parse: parseSymbolList, value: '<list>', env: 'PROVIDER_SIM_SYMBOLS', help: 'the symbol universe: comma-separated, upper-cased, 1..1000 tickers, no duplicates' },
    { key: 'knobs.latencyMedianMs', flag: 'latency-median-ms', kind: 'number', unit: 'ms', env: 'PROVIDER_SIM_LATENCY_MEDIAN_MS', help: 'median injected latency of the provider endpoints, 0..60000' },
    { key: 'knobs.latencyP99Ms', flag: 'latency-p99-ms', kind: 'number', unit: 'ms', env: 'PROVIDER_SIM_LATENCY_P99_MS', help: 'p99 of the injected latency, >= median, ..120000', defaultText: '= median' },
    { key: 'knobs.errorRate', flag: 'error-rate', kind: 'number', value: '<0..1>', env: 'PROVIDER_SIM_ERROR_RATE', help: 'share of provider calls failed on purpose' },
    { key: 'knobs.tickRateHz', flag: 'tick-rate', kind: 'number', unit: 'hz', env: 'PROVIDER_SIM_TICK_RATE_HZ', help: 'stream ticks per second per symbol, 0..1000; 0 pauses the market' },
    { key: 'apiKey', flag: 'api-key', value: '<key>', env: 'PROVIDER_SIM_API_KEY', help: 'when set, /v2/everything accepts only this key', defaultText: 'any key' },
    environmentRow,
    { ...profilingRow, defaultText: 'off in production (admin port 6062)' },
    logLevelRow,
    // Options of startProviderSim() only (no flag, no variable).
    { key: 'news.articlesPerHour', help: 'new articles per hour of simulated wall-clock time' },
    { key: 'news.historyDays', help: 'days of history that exist from start-up on' },
    { key: 'news.maxArticles', help: 'ring cap of the history; the oldest articles fall off beyond it' },
    { key: 'stream.maxBufferedBytes', help: 'unsent bytes per stream client before its ticks are dropped' },
    { key: 'stream.slowConsumerTimeoutMs', help: 'a client over that bound this long is closed with 1013, ms' },
    { key: 'stream.heartbeatIntervalMs', help: 'ping period, ms; a client that misses one ping is terminated' },
    { key: 'stream.maxClients', help: 'concurrent stream clients; beyond it new ones are closed with 1013' },
    { key: 'stream.maxMessageBytes', help: 'largest client message accepted, bytes; bigger ones close the socket with 1009' }
  ]
})

/** The options the environment sets (unset variables are left out; bad values are kept for validation to report). */
export function providerSimOptionsFromEnv (env: NodeJS.ProcessEnv = process.env): ProviderSimOptionsInput {
  return readOptionInput(PROVIDER_SIM_OPTIONS, {}, env) as ProviderSimOptionsInput
}

/** Validated options from the environment with the flags on top; a problem names the flag and variable to fix. */
export function providerSimOptionsFromCli (flags: ProviderSimFlags, env: NodeJS.ProcessEnv = process.env): ProviderSimOptionsInput {
  const input = readOptionInput(PROVIDER_SIM_OPTIONS, flags, env)
  input.profiling = profilingFromInput(input, 'provider-sim', env)
  return parseOptionInput(PROVIDER_SIM_OPTIONS, input)
}
