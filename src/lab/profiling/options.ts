import { z } from 'zod'
import { PROFILE_KINDS } from './kinds.js'

/** The services reject windows above this (MIB_ERR_PROFILING_BAD_SECONDS); checked here first. */
export const MAX_WINDOW_SECONDS = 300

/** Default window per kind when --seconds is not given: Go's 30 s for CPU, short for the heavy trace. */
export const DEFAULT_SECONDS = { cpu: 30, trace: 5, block: 5, all: 30 } as const
/** A trace inside `all` is capped here: tracing is the costliest thing we ask for (async_hooks categories far more). */
export const DEFAULT_TRACE_SECONDS_IN_ALL = 5

const seconds = z.number().positive().max(MAX_WINDOW_SECONDS)

export const collectOptionsSchema = z.object({
  kind: z.enum([...PROFILE_KINDS, 'all']),
  /** Window for cpu, block and trace, in seconds. */
  seconds: seconds.optional(),
  /** Window of the trace when kind is `all`. */
  traceSeconds: seconds.default(DEFAULT_TRACE_SECONDS_IN_ALL),
  /** CPU sampling rate in Hz (service default 100). */
  hz: z.number().int().min(1).max(1000).optional(),
  /** gateway | engine | provider-sim | a URL; every recorded service when absent. */
  service: z.string().min(1).optional(),
  out: z.string().min(1).optional(),
  token: z.string().min(1).optional(),
  runDir: z.string().min(1).optional()
}).strict()

export type CollectOptions = z.output<typeof collectOptionsSchema>

const sampleIndex = z.string().min(1).optional()
const rows = z.number().int().positive()

/** `mib profile top`. */
export const readOptionsSchema = z.object({
  /** Rows to print. */
  n: rows.default(20),
  cum: z.boolean().default(false),
  sampleIndex
}).strict()

export type ReadOptions = z.output<typeof readOptionsSchema>

/** `mib profile diff`: rows per direction, fewer by default (two lists are printed). */
export const diffOptionsSchema = readOptionsSchema.extend({ n: rows.default(15) })

/** `mib profile flame`. */
export const flameOptionsSchema = z.object({
  /** The HTML file to write. */
  output: z.string().min(1),
  sampleIndex,
  /** Page title; the profile's file name when absent. */
  title: z.string().optional()
}).strict()

export type FlameCommandOptions = z.output<typeof flameOptionsSchema>

/** `mib profile urls`. */
export const urlsOptionsSchema = z.object({
  service: z.string().min(1).optional(),
  runDir: z.string().min(1).optional(),
  json: z.boolean().default(false)
}).strict()

export type UrlsOptions = z.input<typeof urlsOptionsSchema>
