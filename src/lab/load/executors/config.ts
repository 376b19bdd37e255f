/**
 * Scenario configuration: one zod schema per executor (k6's keys and defaults),
 * each turned into an internal config whose durations are milliseconds.
 */
import { z } from 'zod'
import { durationMs } from '../duration.js'
import { strictObjectWithHints } from '../strict-object.js'

const stringRecord = z.record(z.string(), z.string())
const positiveInt = z.number().int().positive()
const nonNegativeInt = z.number().int().nonnegative()

export const stageSchema = strictObjectWithHints({
  duration: durationMs,
  target: nonNegativeInt
})
export interface Stage { durationMs: number, target: number }

// Keys every executor accepts (k6: BaseConfig).
const common = {
  startTime: durationMs.default(0),
  gracefulStop: durationMs.default(30_000),
  exec: z.string().min(1).default('default'),
  env: stringRecord.default({}),
  tags: stringRecord.default({})
}

const hints = {
  executor: 'each scenario needs exactly one executor',
  maxVus: 'k6 spells it "maxVUs"',
  preAllocatedVus: 'k6 spells it "preAllocatedVUs"',
  startVus: 'k6 spells it "startVUs"'
}

function base (name: string, raw: { startTime: number, gracefulStop: number, exec: string, env: Record<string, string>, tags: Record<string, string> }): ScenarioBase {
  return { name, startTimeMs: raw.startTime, gracefulStopMs: raw.gracefulStop, exec: raw.exec, env: raw.env, tags: raw.tags }
}

export interface ScenarioBase {
  name: string
  startTimeMs: number
  gracefulStopMs: number
  /** Name of the exported function each iteration calls. */
  exec: string
  env: Record<string, string>
  tags: Record<string, string>
}

export interface SharedIterationsConfig extends ScenarioBase { executor: 'shared-iterations', vus: number, iterations: number, maxDurationMs: number }
export interface PerVuIterationsConfig extends ScenarioBase { executor: 'per-vu-iterations', vus: number, iterations: number, maxDurationMs: number }
export interface ConstantVusConfig extends ScenarioBase { executor: 'constant-vus', vus: number, durationMs: number }
export interface RampingVusConfig extends ScenarioBase { executor: 'ramping-vus', startVus: number, stages: Stage[], gracefulRampDownMs: number }
export interface ArrivalRateBase extends ScenarioBase {
  timeUnitMs: number
  preAllocatedVus: number
  maxVus: number
  /**
   * mib extension: iterations that found no free VU wait in a queue of this
   * size (their latency counted from their intended start) before any is dropped.
   */
  maxQueuedIterations: number
}
export interface ConstantArrivalRateConfig extends ArrivalRateBase { executor: 'constant-arrival-rate', rate: number, durationMs: number }
export interface RampingArrivalRateConfig extends ArrivalRateBase { executor: 'ramping-arrival-rate', startRate: number, stages: Stage[] }

export type ScenarioConfig = SharedIterationsConfig | PerVuIterationsConfig | ConstantVusConfig |
RampingVusConfig | ConstantArrivalRateConfig | RampingArrivalRateConfig
export type ExecutorName = ScenarioConfig['executor']
export type ArrivalRateConfig = ConstantArrivalRateConfig | RampingArrivalRateConfig

const stages = z.array(stageSchema).min(1, 'needs at least one stage')
  .transform((list): Stage[] => list.map((s) => ({ durationMs: s.duration, target: s.target })))

const arrival = {
  timeUnit: durationMs.default(1000).refine((ms) => ms > 0, 'must be more than 0'),
  preAllocatedVUs: nonNegativeInt,
  maxVUs: nonNegativeInt.optional(),
  maxQueuedIterations: nonNegativeInt.optional()
}

function arrivalBase (raw: { timeUnit: number, preAllocatedVUs: number, maxVUs?: number | undefined, maxQueuedIterations?: number | undefined }, peakRate: number): Omit<ArrivalRateBase, keyof ScenarioBase> {
  const maxVus = Math.max(raw.maxVUs ?? raw.preAllocatedVUs, raw.preAllocatedVUs)
  return {
    timeUnitMs: raw.timeUnit,
    preAllocatedVus: raw.preAllocatedVUs,
    maxVus,
    maxQueuedIterations: raw.maxQueuedIterations ?? defaultQueueBound(peakRate, raw.timeUnit)
  }
}

/** Ten seconds of iterations at the peak rate (at least 1000): rides out stalls, bounded in memory (8 bytes each). */
export function defaultQueueBound (peakRate: number, timeUnitMs: number): number {
  return Math.max(1000, Math.ceil(peakRate * 10_000 / timeUnitMs))
}

const sharedIterationsSchema = strictObjectWithHints({
  executor: z.literal('shared-iterations'), ...common,
  vus: positiveInt.default(1), iterations: positiveInt.default(1), maxDuration: durationMs.default(600_000)
}, hints)

const perVuIterationsSchema = strictObjectWithHints({
  executor: z.literal('per-vu-iterations'), ...common,
  vus: positiveInt.default(1), iterations: positiveInt.default(1), maxDuration: durationMs.default(600_000)
}, hints)

const constantVusSchema = strictObjectWithHints({
  executor: z.literal('constant-vus'), ...common,
  vus: positiveInt.default(1), duration: durationMs.refine((ms) => ms > 0, 'must be more than 0')
}, hints)

const rampingVusSchema = strictObjectWithHints({
  executor: z.literal('ramping-vus'), ...common,
  startVUs: nonNegativeInt.default(1), stages, gracefulRampDown: durationMs.default(30_000)
}, hints)

const constantArrivalRateSchema = strictObjectWithHints({
  executor: z.literal('constant-arrival-rate'), ...common, ...arrival,
  rate: z.number().positive(), duration: durationMs.refine((ms) => ms > 0, 'must be more than 0')
}, hints)

const rampingArrivalRateSchema = strictObjectWithHints({
  executor: z.literal('ramping-arrival-rate'), ...common, ...arrival,
  startRate: z.number().nonnegative().default(0), stages
}, hints)

/** A scenario as a script writes it (k6's keys), for the script API's `Options` type. */
export type ScenarioOptions =
  | z.input<typeof sharedIterationsSchema> | z.input<typeof perVuIterationsSchema> | z.input<typeof constantVusSchema>
  | z.input<typeof rampingVusSchema> | z.input<typeof constantArrivalRateSchema> | z.input<typeof rampingArrivalRateSchema>

/** The schema of scenario `name`, picked by its `executor` key, output as the internal config. */
export function scenarioSchema (name: string): z.ZodType<ScenarioConfig> {
  const byExecutor: Record<ExecutorName, z.ZodType<ScenarioConfig>> = {
    'shared-iterations': sharedIterationsSchema.transform((r): SharedIterationsConfig =>
      ({ ...base(name, r), executor: r.executor, vus: r.vus, iterations: r.iterations, maxDurationMs: r.maxDuration })),
    'per-vu-iterations': perVuIterationsSchema.transform((r): PerVuIterationsConfig =>
      ({ ...base(name, r), executor: r.executor, vus: r.vus, iterations: r.iterations, maxDurationMs: r.maxDuration })),
    'constant-vus': constantVusSchema.transform((r): ConstantVusConfig =>
      ({ ...base(name, r), executor: r.executor, vus: r.vus, durationMs: r.duration })),
    'ramping-vus': rampingVusSchema.transform((r): RampingVusConfig =>
      ({ ...base(name, r), executor: r.executor, startVus: r.startVUs, stages: r.stages, gracefulRampDownMs: r.gracefulRampDown })),
    'constant-arrival-rate': constantArrivalRateSchema.transform((r): ConstantArrivalRateConfig =>
      ({ ...base(name, r), ...arrivalBase(r, r.rate), executor: r.executor, rate: r.rate, durationMs: r.duration })),
    'ramping-arrival-rate': rampingArrivalRateSchema.transform((r): RampingArrivalRateConfig => ({
      ...base(name, r), ...arrivalBase(r, Math.max(r.startRate, ...r.stages.map((s) => s.target))),
      executor: r.executor, startRate: r.startRate, stages: r.stages
    }))
  }
  const executors = Object.keys(byExecutor)
  return z.unknown().transform((input, ctx) => {
    const executor = typeof input === 'object' && input !== null ? (input as { executor?: unknown }).executor : undefined
    const schema = typeof executor === 'string' ? byExecutor[executor as ExecutorName] : undefined
    if (schema === undefined) {
      const hint = executor === 'externally-controlled' ? ' (mib load has no REST control API; use ramping-vus)' : ''
      ctx.addIssue({ code: 'custom', path: ['executor'], message: `must be one of ${executors.join(', ')}, got ${JSON.stringify(executor)}${hint}` })
      return z.NEVER
    }
    const result = schema.safeParse(input)
    if (result.success) return result.data
    for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', path: issue.path as PropertyKey[], message: issue.message })
    return z.NEVER
  }) as unknown as z.ZodType<ScenarioConfig>
}

export function isArrivalRate (config: ScenarioConfig): config is ArrivalRateConfig {
  return config.executor === 'constant-arrival-rate' || config.executor === 'ramping-arrival-rate'
}
