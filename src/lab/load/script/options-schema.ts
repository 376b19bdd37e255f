/**
 * The script's `options` export (k6's option names and defaults), validated once
 * with every problem reported together. Execution shortcuts (vus, duration,
 * iterations, stages) become one scenario named "default", as in k6.
 */
import { z } from 'zod'
import { durationMs } from '../duration.js'
import { strictObjectWithHints } from '../strict-object.js'
import { scenarioSchema, stageSchema, type ScenarioConfig, type ScenarioOptions, type Stage } from '../executors/config.js'

const SCENARIO_NAME = /^[0-9A-Za-z_-]+$/

const thresholdEntry = z.union([
  z.string(),
  z.object({ threshold: z.string(), abortOnFail: z.boolean().optional(), delayAbortEval: z.string().optional() }).strict()
])

// k6 options accepted so k6 scripts run unchanged, without effect here (docs/load.md lists them).
const ignoredK6Keys = {
  ext: z.unknown().optional(),
  cloud: z.unknown().optional(),
  httpDebug: z.unknown().optional(),
  systemTags: z.unknown().optional(),
  noUsageReport: z.unknown().optional(),
  noColor: z.unknown().optional(),
  consoleOutput: z.unknown().optional(),
  linger: z.unknown().optional(),
  compatibilityMode: z.unknown().optional(),
  tlsVersion: z.unknown().optional(),
  tlsCipherSuites: z.unknown().optional()
}

const unsupported = (instead: string): string => `a k6 option mib load does not support; ${instead}`
const topLevelHints: Record<string, string> = {
  hosts: unsupported('point the URL at the address instead'),
  dns: unsupported('the OS resolver is used'),
  executor: 'the executor belongs inside a scenario: options.scenarios.<name>.executor',
  rps: unsupported('use a constant-arrival-rate scenario'),
  minIterationDuration: unsupported('end the iteration with sleep()'),
  vu: 'did you mean "vus"?',
  VUs: 'k6 spells it "vus"'
}

export const optionsSchema = strictObjectWithHints({
  vus: z.number().int().nonnegative().optional(),
  duration: durationMs.optional(),
  iterations: z.number().int().positive().optional(),
  stages: z.array(stageSchema).min(1).optional(),
  // Parsed field by field so a bad scenario is reported along with every other problem.
  scenarios: z.record(z.string(), z.unknown()).transform(parseScenarios).optional(),
  thresholds: z.record(z.string(), z.union([thresholdEntry, z.array(thresholdEntry)])).optional(),
  setupTimeout: durationMs.default(60_000),
  teardownTimeout: durationMs.default(60_000),
  summaryTrendStats: z.array(z.string()).optional(),
  summaryTimeUnit: z.enum(['s', 'ms', 'us']).optional(),
  /** Tags added to every sample of the test. */
  tags: z.record(z.string(), z.string()).default({}),
  userAgent: z.string().default('mib-load/1.0 (k6-compatible)'),
  insecureSkipTLSVerify: z.boolean().default(false),
  noConnectionReuse: z.boolean().default(false),
  noVUConnectionReuse: z.boolean().default(false),
  discardResponseBodies: z.boolean().default(false),
  /** k6's `throw`: network errors throw instead of returning status 0. */
  throw: z.boolean().default(false),
  maxRedirects: z.number().int().nonnegative().default(10),
  /** k6: requests of one http.batch in flight at once (read by k6/http's batch; batchPerHost is not enforced). */
  batch: z.number().int().positive().default(20),
  batchPerHost: z.number().int().nonnegative().optional(),
  /** k6: keep a VU's cookies across its iterations (k6/http's jar). */
  noCookiesReset: z.boolean().default(false),
  /**
   * mib extension: "pooled" (default; the VUs of a worker share keep-alive
   * connections, as many as requests in flight) or "per-vu" (k6: one
   * connection per VU and origin). See http/connections.ts.
   */
  connectionModel: z.enum(['pooled', 'per-vu']).default('pooled'),
  ...ignoredK6Keys
}, topLevelHints).superRefine((options, ctx) => {
  const shortcuts = (['duration', 'iterations', 'stages'] as const).filter((k) => options[k] !== undefined)
  if (options.scenarios !== undefined) {
    for (const key of shortcuts) {
      ctx.addIssue({ code: 'custom', path: [key], message: 'cannot be combined with scenarios (move it into a scenario)' })
    }
  }
  if (options.stages !== undefined && (options.duration !== undefined || options.iterations !== undefined)) {
    ctx.addIssue({ code: 'custom', path: ['stages'], message: 'cannot be combined with duration or iterations (pick one execution shortcut)' })
  }
  if (options.duration === 0) ctx.addIssue({ code: 'custom', path: ['duration'], message: 'must be more than 0' })
}).transform(({ scenarios, vus, duration, iterations, stages, ...rest }) => ({
  ...rest,
  scenarios: scenarios ?? [scenarioFromShortcuts({ vus, duration, iterations, stages })]
}))

export type ScriptOptionsInput = z.input<typeof optionsSchema>

/** The script's `options`, typed for script authors: k6's keys, scenarios by executor. */
export type Options = Omit<ScriptOptionsInput, 'scenarios'> & { scenarios?: Record<string, ScenarioOptions> }
export type ValidatedOptions = z.output<typeof optionsSchema>

function parseScenarios (raw: Record<string, unknown>, ctx: z.RefinementCtx): ScenarioConfig[] {
  const list: ScenarioConfig[] = []
  if (Object.keys(raw).length === 0) ctx.addIssue({ code: 'custom', message: 'needs at least one scenario' })
  for (const [name, value] of Object.entries(raw)) {
    if (!SCENARIO_NAME.test(name)) ctx.addIssue({ code: 'custom', path: [name], message: 'scenario names may only contain letters, digits, "_" and "-"' })
    const result = scenarioSchema(name).safeParse(value)
    if (result.success) { list.push(result.data); continue }
    for (const issue of result.error.issues) {
      ctx.addIssue({ code: 'custom', path: [name, ...issue.path as PropertyKey[]], message: issue.message })
    }
  }
  return list
}

/** k6's rules for the execution shortcuts. */
function scenarioFromShortcuts (options: { vus?: number | undefined, duration?: number | undefined, iterations?: number | undefined, stages?: Array<{ duration: number, target: number }> | undefined }): ScenarioConfig {
  const base = { name: 'default', startTimeMs: 0, gracefulStopMs: 30_000, exec: 'default', env: {}, tags: {} }
  const vus = Math.max(1, options.vus ?? 1)
  if (options.iterations !== undefined) {
    return { ...base, executor: 'shared-iterations', vus: Math.min(vus, options.iterations), iterations: options.iterations, maxDurationMs: options.duration ?? 600_000 }
  }
  if (options.duration !== undefined) return { ...base, executor: 'constant-vus', vus, durationMs: options.duration }
  if (options.stages !== undefined) {
    const stages: Stage[] = options.stages.map((s) => ({ durationMs: s.duration, target: s.target }))
    return { ...base, executor: 'ramping-vus', startVus: options.vus ?? 1, stages, gracefulRampDownMs: 30_000 }
  }
  return { ...base, executor: 'per-vu-iterations', vus, iterations: 1, maxDurationMs: 600_000 }
}
