/**
 * `mib provider-sim` flags → options: flags override the environment, and a
 * problem names the flag (and env var) to fix, not the option path.
 */
import { InvalidOptionsError, parseOptions, withFlagName } from '../../options.js'
import { defaultProfiling } from '../common/profiling/options.js'
import { providerSimOptionsFromEnv, providerSimOptionsSchema, symbolList, type ProviderSimOptionsInput } from './index.js'

export interface ProviderSimFlags {
  host?: string
  port?: string
  seed?: string
  symbols?: string
  latencyMedianMs?: string
  latencyP99Ms?: string
  errorRate?: string
  tickRate?: string
  apiKey?: string
  env?: string
  profiling?: boolean
  logLevel?: string
}

/** Option paths as the user typed them, so a problem names the flag to fix. */
const FLAG_OF: Record<string, string> = {
  host: '--host (PROVIDER_SIM_HOST)',
  port: '--port (PROVIDER_SIM_PORT)',
  seed: '--seed (PROVIDER_SIM_SEED)',
  symbols: '--symbols (PROVIDER_SIM_SYMBOLS)',
  'knobs.latencyMedianMs': '--latency-median-ms (PROVIDER_SIM_LATENCY_MEDIAN_MS)',
  'knobs.latencyP99Ms': '--latency-p99-ms (PROVIDER_SIM_LATENCY_P99_MS)',
  'knobs.errorRate': '--error-rate (PROVIDER_SIM_ERROR_RATE)',
  'knobs.tickRateHz': '--tick-rate (PROVIDER_SIM_TICK_RATE_HZ)',
  apiKey: '--api-key (PROVIDER_SIM_API_KEY)',
  env: '--env (MIB_ENV)',
  logLevel: '--log-level'
}

export function providerSimOptionsFromCli (flags: ProviderSimFlags, env: NodeJS.ProcessEnv = process.env): ProviderSimOptionsInput {
  return parseWithFlagNames(withFlags(providerSimOptionsFromEnv(env), flags))
}

/** Flags override the environment; numbers stay raw (NaN) so validation names them. */
function withFlags (fromEnv: ProviderSimOptionsInput, flags: ProviderSimFlags): ProviderSimOptionsInput {
  const input: Record<string, unknown> = { ...fromEnv }
  const knobs: Record<string, unknown> = { ...fromEnv.knobs }
  if (flags.host !== undefined) input.host = flags.host
  if (flags.port !== undefined) input.port = toNumber(flags.port)
  if (flags.seed !== undefined) input.seed = toNumber(flags.seed)
  if (flags.symbols !== undefined) input.symbols = symbolList(flags.symbols) ?? []
  if (flags.apiKey !== undefined) input.apiKey = flags.apiKey
  if (flags.env !== undefined) input.env = flags.env
  if (flags.logLevel !== undefined) input.logLevel = flags.logLevel
  if (flags.latencyMedianMs !== undefined) knobs.latencyMedianMs = toNumber(flags.latencyMedianMs)
  if (flags.latencyP99Ms !== undefined) knobs.latencyP99Ms = toNumber(flags.latencyP99Ms)
  if (flags.errorRate !== undefined) knobs.errorRate = toNumber(flags.errorRate)
  if (flags.tickRate !== undefined) knobs.tickRateHz = toNumber(flags.tickRate)
  if (Object.keys(knobs).length > 0) input.knobs = knobs
  input.profiling = defaultProfiling(typeof input.env === 'string' ? input.env : 'development', 'provider-sim', flags.profiling === true)
  return input as ProviderSimOptionsInput
}

function toNumber (raw: string): number {
  return raw.trim() === '' ? Number.NaN : Number(raw)
}

function parseWithFlagNames (input: ProviderSimOptionsInput): ProviderSimOptionsInput {
  try {
    return parseOptions(providerSimOptionsSchema, input, 'provider-sim options')
  } catch (err) {
    if (!(err instanceof InvalidOptionsError)) throw err
    throw new InvalidOptionsError('provider-sim options', err.problems.map((problem) => withFlagName(problem, FLAG_OF)))
  }
}

