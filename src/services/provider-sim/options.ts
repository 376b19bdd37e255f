/**
 * The simulator's options: one strict schema with defaults, validated once at
 * start. Which of them have a flag or an environment variable is said by the
 * option table (cli-options.ts).
 */
import { z } from 'zod'
import { DEFAULT_HOST, DEFAULT_PORTS, DEFAULT_SYMBOLS } from '../common/defaults.js'
import { API_KEY_PATTERN, API_KEY_RULE, environmentSchema, logLevelSchema, SYMBOL_PATTERN, SYMBOL_RULE } from '../common/domain/index.js'
import { profilingSchema } from '../common/profiling/options.js'
import { knobsOptionsSchema } from './knobs.js'

/** Tickers as exchanges and Yahoo write them (BRK-B, BF.B, ^GSPC, EURUSD=X): the rule of every service. */
export const symbolSchema = z.string().regex(SYMBOL_PATTERN, `must be an upper-case ticker (${SYMBOL_RULE})`)

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
  apiKey: z.string().regex(new RegExp(API_KEY_PATTERN), `expected ${API_KEY_RULE}`).optional(),
  news: newsOptionsSchema.prefault({}),
  stream: streamOptionsSchema.prefault({}),
  env: environmentSchema.default('development'),
  /** Default: defaultProfiling(env, 'provider-sim', false). */
  profiling: profilingSchema.optional(),
  /** pino level; default info (silent under env test). */
  logLevel: logLevelSchema.optional()
}).strict()

export type ProviderSimOptionsInput = z.input<typeof providerSimOptionsSchema>
export type ProviderSimOptions = z.output<typeof providerSimOptionsSchema>
