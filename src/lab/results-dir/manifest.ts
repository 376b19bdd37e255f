/**
 * `manifest.json`: what a run was (commit, options, stages, machine, times) and,
 * once analyzed, its verdict. Several writers patch it (the runner, the workflow,
 * `mib results analyze`), so unknown keys are kept, never rejected.
 */
import { z } from 'zod'
import { machineSchema, gitSchema } from './machine.js'

export const MANIFEST_SCHEMA_VERSION = 1

/**
 * A stage as a k6 script writes it: `duration` is a k6 duration ("1m30s") or
 * seconds; `durationMs` (the runner's resolved form) is accepted instead.
 */
export const stageSchema = z.looseObject({
  duration: z.union([z.string(), z.number().nonnegative()]).optional(),
  durationMs: z.number().nonnegative().optional(),
  target: z.number().optional(),
  name: z.string().optional()
}).refine((s) => s.duration !== undefined || s.durationMs !== undefined, 'a stage needs a duration (or durationMs)')
export type Stage = z.output<typeof stageSchema>

export const verdictStatuses = ['pass', 'fail', 'inconclusive'] as const
export type VerdictStatus = typeof verdictStatuses[number]

export const manifestVerdictSchema = z.object({
  status: z.enum(verdictStatuses),
  analyzedAt: z.string(),
  /** Names of the failed targets and thresholds. */
  failed: z.array(z.string()),
  notMeasured: z.array(z.string()),
  /** Why the run is incomplete (stopped before the test ended): absent for a complete run. */
  incomplete: z.array(z.string()).optional(),
  baseline: z.string().optional(),
  regressions: z.number().int().nonnegative().optional(),
  /** A chaos run's resilience verdict, judged apart from `status`. */
  resilience: z.object({ status: z.enum(verdictStatuses), failed: z.array(z.string()), recoveryRegressions: z.number().int().nonnegative().optional() }).optional()
})
export type ManifestVerdict = z.output<typeof manifestVerdictSchema>

const rateSummarySchema = z.object({
  seconds: z.number(),
  deliveredRps: z.number(),
  intendedRps: z.number().nullable(),
  share: z.number().nullable(),
  thinkPerRequestMs: z.number().nullable()
})

/**
 * The request rate asked and delivered, as the runner measured it (lab/load
 * pacing.ts): at the peak (epoch ms of the measured span) and over the test.
 */
export const manifestRatesSchema = z.object({
  peak: rateSummarySchema.extend({ fromMs: z.number(), toMs: z.number(), level: z.number(), unit: z.string() }).optional(),
  whole: rateSummarySchema.optional()
})
export type ManifestRates = z.output<typeof manifestRatesSchema>

/**
 * The profiles taken during the run and when (epoch ms): the report compares
 * this window with the rest of the peak (the observer effect).
 */
export const manifestProfilingSchema = z.object({
  fromMs: z.number(),
  toMs: z.number(),
  collections: z.array(z.object({ service: z.string(), kind: z.string(), ok: z.boolean(), fromMs: z.number(), toMs: z.number() }))
})
export type ManifestProfiling = z.output<typeof manifestProfilingSchema>

export const manifestSchema = z.looseObject({
  schemaVersion: z.number().int(),
  id: z.string(),
  label: z.string(),
  createdAt: z.string(),
  /** When the load started and ended (ISO); set by the runner. */
  startedAt: z.string().optional(),
  endedAt: z.string().optional(),
  git: gitSchema.nullable(),
  machine: machineSchema,
  preset: z.string().optional(),
  /** Factor applied to every stage duration: effective duration = duration × timeScale. */
  timeScale: z.number().positive().optional(),
  /** --fast-forward: sleep() and arrival-rate time units were scaled by timeScale too (request rates × 1/timeScale). */
  fastForward: z.boolean().optional(),
  /** Request rate asked and delivered (set by the runner at the end of the test). */
  rates: manifestRatesSchema.optional(),
  /** Profiles collected during the load (set by the perf-test workflow). */
  profiling: manifestProfilingSchema.optional(),
  /** The script's stages, unscaled; stage boundaries are marked on the report's charts. */
  stages: z.array(stageSchema).optional(),
  /** The script's thresholds (k6 form), evaluated from the NDJSON when no summary export exists. */
  thresholds: z.record(z.string(), z.array(z.string())).optional(),
  /** The runner's / workflow's options, as given. */
  options: z.record(z.string(), z.unknown()).optional(),
  /** Role → file name inside the run dir, when not the default (see RUN_FILES). */
  files: z.record(z.string(), z.string()).optional(),
  verdict: manifestVerdictSchema.optional()
})
export type Manifest = z.output<typeof manifestSchema>
export type ManifestPatch = Partial<Omit<Manifest, 'schemaVersion' | 'id' | 'createdAt'>> & Record<string, unknown>
