/**
 * The simulator's options: one strict schema with defaults, validated once at
 * start, plus the environment reader the CLI layers its flags over.
 */
import { z } from 'zod'
import { DEFAULT_HOST, DEFAULT_PORTS, DEFAULT_SYMBOLS } from '../common/defaults.js'
import { profilingSchema } from '../common/profiling/index.js'
import { envNumber } from '../../options.js'
import { knobsOptionsSchema } from './knobs.js'

/** Tickers as exchanges and Yahoo write them: BRK-B, BF.B, ^GSPC, EURUSD=X. */
const SYMBOL_PATTERN = /^[A-Z0-9^][A-Z0-9.\-=^]{0,15}$/

export const symbolSchema = z.string().regex(SYMBOL_PATTERN, 'must be an upper-case ticker of 1-16 characters (A-Z, 0-9, . - = ^)')

export const newsOptionsSchema = z.object({
  /** New articles per hour of simulated wall-clock time. */
  articlesPerHour: z.number().positive().max(3600).default(20),
  /** Days of history that exist from start-up on. */
  historyDays: z.number().positive().max(30).default(7),
  /** Ring cap of the history; the oldest articles fall off beyond it. */
  maxArticles: z.number().int().min(1).max(100_000).default(5000)
}).strict()

export const streamOptionsSchema = z.object({
  /** Unsent bytes per client before its ticks are dropped (1 MiB). */
  maxBufferedBytes: z.number().int().min(1024).max(256 * 1024 * 1024).default(1024 * 1024),
  /** A client over the buffer bound this long is closed with 1013 (10 s). */
  slowConsumerTimeoutMs: z.number().int().min(0).max(600_000).default(10_000),
  /** Ping period, ms (30 s); a client that misses one ping is terminated. */
  heartbeatIntervalMs: z.number().int().min(100).max(600_000).default(30_000),
  /** Concurrent stream clients; beyond it new ones are closed with 1013. */
  maxClients: z.number().int().min(1).max(1_000_000).default(10_000),
  /** Largest client message accepted, bytes (64 KiB); bigger ones close the socket with 1009. */
  maxMessageBytes: z.number().int().min(256).max(16 * 1024 * 1024).default(64 * 1024)
}).strict()

export const providerSimOptionsSchema = z.object({
  host: z.string().min(1).default(DEFAULT_HOST),
  port: z.number().int().min(0).max(65535).default(DEFAULT_PORTS.providerSim),
  /** Seed of every generated price, trade, article and injected fault. */
  seed: z.number().int().min(0).max(0xffff_ffff).default(42),
  symbols: z.array(symbolSchema).min(1).max(1000)
    .refine((list) => new Set(list).size === list.length, 'must not contain duplicates')
    .default([...DEFAULT_SYMBOLS]),
  knobs: knobsOptionsSchema.prefault({}),
  /** When set, /v2/everything answers 401 apiKeyInvalid to any other key. */
  apiKey: z.string().min(1).max(256).optional(),
  news: newsOptionsSchema.prefault({}),
  stream: streamOptionsSchema.prefault({}),
  env: z.enum(['development', 'production', 'test']).default('development'),
  /** Default: defaultProfiling(env, 'provider-sim', false). */
  profiling: profilingSchema.optional(),
  /** pino level; default info (silent under env test). */
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional()
}).strict()

export type ProviderSimOptionsInput = z.input<typeof providerSimOptionsSchema>
export type ProviderSimOptions = z.output<typeof providerSimOptionsSchema>

const ENVIRONMENTS = new Set(['development', 'production', 'test'])

/**
 * Options from PROVIDER_SIM_* (and MIB_ENV / NODE_ENV). Only variables that are
 * set appear; bad values are kept (as NaN or raw text) so validation reports them.
 */
export function providerSimOptionsFromEnv (env: NodeJS.ProcessEnv = process.env): ProviderSimOptionsInput {
  const input: Record<string, unknown> = {}
  const knobs: Record<string, unknown> = {}
  setIfDefined(input, 'host', nonEmpty(env.PROVIDER_SIM_HOST))
  setIfDefined(input, 'port', envNumber(env, 'PROVIDER_SIM_PORT'))
  setIfDefined(input, 'seed', envNumber(env, 'PROVIDER_SIM_SEED'))
  setIfDefined(input, 'symbols', symbolList(env.PROVIDER_SIM_SYMBOLS))
  setIfDefined(input, 'apiKey', nonEmpty(env.PROVIDER_SIM_API_KEY))
  setIfDefined(knobs, 'latencyMedianMs', envNumber(env, 'PROVIDER_SIM_LATENCY_MEDIAN_MS'))
  setIfDefined(knobs, 'latencyP99Ms', envNumber(env, 'PROVIDER_SIM_LATENCY_P99_MS'))
  setIfDefined(knobs, 'errorRate', envNumber(env, 'PROVIDER_SIM_ERROR_RATE'))
  setIfDefined(knobs, 'tickRateHz', envNumber(env, 'PROVIDER_SIM_TICK_RATE_HZ'))
  if (Object.keys(knobs).length > 0) input.knobs = knobs
  // MIB_ENV is ours and must be valid; NODE_ENV is shared with other tools, so
  // a value we do not know (staging, …) is ignored rather than fatal.
  const nodeEnv = nonEmpty(env.NODE_ENV)
  setIfDefined(input, 'env', nonEmpty(env.MIB_ENV) ?? (nodeEnv !== undefined && ENVIRONMENTS.has(nodeEnv) ? nodeEnv : undefined))
  return input as ProviderSimOptionsInput
}

/** "AAPL, msft" → ["AAPL", "MSFT"]: the form of --symbols and PROVIDER_SIM_SYMBOLS. */
export function symbolList (raw: string | undefined): string[] | undefined {
  if (raw === undefined || raw.trim() === '') return undefined
  return raw.split(',').map((s) => s.trim().toUpperCase()).filter((s) => s.length > 0)
}

function nonEmpty (value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value
}

function setIfDefined (target: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) target[key] = value
}
