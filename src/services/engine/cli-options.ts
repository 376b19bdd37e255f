/**
 * `mib engine` flags → engine options. Flags override the environment field by
 * field; numbers stay raw (NaN) so validation names the bad flag; problems are
 * reported with the flag (and variable) the user can fix, all at once.
 */
import { InvalidOptionsError, withFlagName } from '../../options.js'
import { defaultProfiling } from '../common/profiling/index.js'
import { engineOptionsFromEnv, parseEngineOptions, splitList, type EngineOptions } from './config.js'

export interface EngineFlags {
  host?: string
  grpcPort?: string
  adminPort?: string
  providerUrl?: string
  yahooUrl?: string
  newsUrl?: string
  newsApiKey?: string
  streamUrl?: string
  bufferSize?: string
  newsBufferSize?: string
  maxSymbols?: string
  quoteCacheMs?: string
  symbols?: string
  env?: string
  profiling?: boolean
  logLevel?: string
}

const FLAG_OF: Record<string, string> = {
  host: '--host (ENGINE_HOST)',
  grpcPort: '--grpc-port (ENGINE_GRPC_PORT)',
  adminPort: '--admin-port (ENGINE_ADMIN_PORT)',
  providerUrl: '--provider-url (PROVIDER_URL)',
  'yahooFinance.baseUrl': '--yahoo-url (YAHOO_FINANCE_BASE_URL)',
  'newsApi.baseUrl': '--news-url (NEWS_API_BASE_URL)',
  'newsApi.apiKey': '--news-api-key (NEWS_API_KEY)',
  'tickStream.url': '--stream-url (TICK_STREAM_URL)',
  'tickStream.symbols': '--symbols (ENGINE_SYMBOLS)',
  bufferSize: '--buffer-size (ENGINE_BUFFER_SIZE)',
  newsBufferSize: '--news-buffer-size (ENGINE_NEWS_BUFFER_SIZE)',
  maxSymbols: '--max-symbols (ENGINE_MAX_SYMBOLS)',
  quoteCacheMs: '--quote-cache-ms (ENGINE_QUOTE_CACHE_MS)',
  env: '--env (MIB_ENV, NODE_ENV)',
  logLevel: '--log-level (LOG_LEVEL)'
}

/** Validated engine options from the environment with the flags on top. */
export function engineOptionsFromCli (flags: EngineFlags, env: NodeJS.ProcessEnv = process.env): EngineOptions {
  const input = engineOptionsFromEnv(env) as Record<string, unknown>
  const top: Array<[keyof EngineFlags, string, (raw: string) => unknown]> = [
    ['host', 'host', String], ['grpcPort', 'grpcPort', toNumber], ['adminPort', 'adminPort', toNumber],
    ['providerUrl', 'providerUrl', String], ['bufferSize', 'bufferSize', toNumber], ['newsBufferSize', 'newsBufferSize', toNumber],
    ['maxSymbols', 'maxSymbols', toNumber], ['quoteCacheMs', 'quoteCacheMs', toNumber], ['env', 'env', String], ['logLevel', 'logLevel', String]
  ]
  for (const [flag, key, convert] of top) {
    const raw = flags[flag]
    if (typeof raw === 'string') input[key] = convert(raw)
  }
  setNested(input, 'yahooFinance', 'baseUrl', flags.yahooUrl)
  setNested(input, 'newsApi', 'baseUrl', flags.newsUrl)
  setNested(input, 'newsApi', 'apiKey', flags.newsApiKey)
  setNested(input, 'tickStream', 'url', flags.streamUrl)
  setNested(input, 'tickStream', 'symbols', flags.symbols === undefined ? undefined : splitList(flags.symbols))
  input.profiling = defaultProfiling(typeof input.env === 'string' ? input.env : 'development', 'engine', flags.profiling === true)
  try {
    return parseEngineOptions(input)
  } catch (err) {
    if (!(err instanceof InvalidOptionsError)) throw err
    throw new InvalidOptionsError('engine options', err.problems.map((problem) => withFlagName(problem, FLAG_OF)))
  }
}

function setNested (input: Record<string, unknown>, group: string, key: string, value: unknown): void {
  if (value === undefined) return
  input[group] = { ...(input[group] as Record<string, unknown> | undefined), [key]: value }
}

function toNumber (raw: string): number {
  return raw.trim() === '' ? Number.NaN : Number(raw)
}

