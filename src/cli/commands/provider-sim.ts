import type { Command } from 'commander'
import { InvalidOptionsError, parseOptions, withFlagName } from '../../options.js'
import { defaultProfiling } from '../../services/common/profiling/index.js'
import { closeOnSignals } from '../../services/common/shutdown.js'
import {
  providerSimOptionsFromEnv, providerSimOptionsSchema, startProviderSim, symbolList, type ProviderSimOptionsInput
} from '../../services/provider-sim/index.js'

interface ProviderSimFlags {
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

export function registerProviderSim (program: Command): void {
  program.command('provider-sim')
    .description('Run the provider simulator (Yahoo Finance / NewsAPI stand-in, WebSocket ticks)')
    .option('--host <host>', 'address to bind (env PROVIDER_SIM_HOST; default 127.0.0.1)')
    .option('--port <port>', 'port to bind, 0 = any free (env PROVIDER_SIM_PORT; default 8090)')
    .option('--seed <n>', 'seed of all generated data, 0..4294967295 (env PROVIDER_SIM_SEED; default 42)')
    .option('--symbols <list>', 'comma-separated symbol universe (env PROVIDER_SIM_SYMBOLS; default AAPL,GOOGL,MSFT,AMZN,TSLA,META,NVDA,JPM,JNJ,V)')
    .option('--latency-median-ms <ms>', 'median injected latency of the provider endpoints (env PROVIDER_SIM_LATENCY_MEDIAN_MS; default 0)')
    .option('--latency-p99-ms <ms>', 'p99 injected latency, >= median (env PROVIDER_SIM_LATENCY_P99_MS; default = median)')
    .option('--error-rate <0..1>', 'share of provider calls failed on purpose (env PROVIDER_SIM_ERROR_RATE; default 0)')
    .option('--tick-rate <hz>', 'stream ticks per second per symbol, 0 = paused (env PROVIDER_SIM_TICK_RATE_HZ; default 2)')
    .option('--api-key <key>', 'require this NewsAPI key on /v2/everything (env PROVIDER_SIM_API_KEY; default: any key)')
    .option('--env <env>', 'development | production (env MIB_ENV, NODE_ENV; default development)')
    .option('--profiling', 'production: expose /debug/pprof on the token-protected loopback admin listener')
    .option('--log-level <level>', 'fatal | error | warn | info | debug | trace | silent')
    .action(async (flags: ProviderSimFlags) => {
      const input = withFlags(providerSimOptionsFromEnv(process.env), flags)
      const options = parseWithFlagNames(input)
      const sim = await startProviderSim(options)
      closeOnSignals(sim.close, sim.logger)
    })
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

