/**
 * A chaos plan: the faults `mib perf-test --chaos <plan>` injects at the peak,
 * one at a time, each followed by a recovery window. Plans are data: a preset
 * name or a JSON file (docs/chaos.md), validated here once, every problem
 * reported at once with the field that holds it (`faults[1].set.errorRate: …`).
 *
 * Durations are in seconds as a user writes them at time scale 1; schedule.ts
 * scales them.
 */
import { readFile } from 'node:fs/promises'
import { z } from 'zod'
import { serviceNames } from '../../run-dir.js'
import { knobsPatchSchema } from '../../services/provider-sim/knobs.js'
import { ChaosPlanInvalidError, ChaosPlanNotFoundError } from './errors.js'

/** An hour: a fault longer than that is an outage drill, not a load-test step. */
const MAX_SECONDS = 3600
const seconds = z.number().min(0).max(MAX_SECONDS)
const label = z.string().min(1).max(80)

const processFaultSchema = z.object({
  kind: z.literal('process'),
  /** Shown on the charts' band and in the verdict; default e.g. "engine SIGKILL". */
  name: label.optional(),
  service: z.enum(serviceNames),
  /** SIGKILL: a crash. SIGTERM: a graceful stop (the service drains), as a deploy would do. */
  signal: z.enum(['SIGKILL', 'SIGTERM']).default('SIGKILL'),
  /** How long the service stays down after it has exited, before it is started again, s. */
  downS: seconds.default(0),
  /** Recovery window once the service is healthy again, before the next fault, s. */
  recoveryS: seconds.default(30)
}).strict()

const providerFaultSchema = z.object({
  kind: z.literal('provider'),
  name: label.optional(),
  /** Knobs of the provider simulator (docs/provider-sim.md) held for `durationS`; the previous values come back after. */
  set: knobsPatchSchema.refine((knobs) => Object.keys(knobs).length > 0, 'set at least one knob (errorRate, latencyMedianMs, latencyP99Ms, tickRateHz)'),
  durationS: seconds.default(20),
  recoveryS: seconds.default(30)
}).strict()

export const faultSchema = z.discriminatedUnion('kind', [processFaultSchema, providerFaultSchema], {
  error: 'kind must be "process" or "provider"'
})

export const chaosPlanSchema = z.object({
  description: z.string().max(500).optional(),
  faults: z.array(faultSchema).min(1).max(20),
  recovery: z.object({
    /** Recovered = error rate and p99 under their targets for this long, s (scaled; at least 1 s, the series' resolution). */
    holdS: z.number().min(1).max(300).default(5),
    /** Target: recovered at most this long after the failed part is healthy again, s (real time, never scaled). */
    targetS: z.number().min(0).max(300).default(5)
  }).strict().default({ holdS: 5, targetS: 5 })
}).strict()

export type Fault = z.output<typeof faultSchema>
export type ProcessFault = z.output<typeof processFaultSchema>
export type ProviderFault = z.output<typeof providerFaultSchema>
export type ChaosPlan = z.output<typeof chaosPlanSchema> & { source: string }
export type ChaosPlanInput = z.input<typeof chaosPlanSchema>

/** The plan `make chaos-test` runs: the issue's four faults, in this order. */
const DEFAULT_FAULTS: ChaosPlanInput['faults'] = [
  { kind: 'process', service: 'engine', signal: 'SIGKILL', downS: 5, recoveryS: 30 },
  { kind: 'provider', name: 'provider errors 50%', set: { errorRate: 0.5 }, durationS: 20, recoveryS: 30 },
  { kind: 'provider', name: 'provider slow (p99 5 s)', set: { latencyMedianMs: 1000, latencyP99Ms: 5000 }, durationS: 20, recoveryS: 30 },
  { kind: 'process', service: 'gateway', signal: 'SIGTERM', downS: 0, recoveryS: 30 }
]

export const CHAOS_PRESETS: Readonly<Record<string, ChaosPlanInput>> = {
  default: { description: 'engine SIGKILL and restart; provider errors; slow provider; gateway graceful restart', faults: DEFAULT_FAULTS },
  'engine-kill': { faults: [DEFAULT_FAULTS[0] as Fault] },
  'provider-errors': { faults: [DEFAULT_FAULTS[1] as Fault] },
  'provider-slow': { faults: [DEFAULT_FAULTS[2] as Fault] },
  'gateway-restart': { faults: [DEFAULT_FAULTS[3] as Fault] }
}

export const CHAOS_PRESET_NAMES = Object.keys(CHAOS_PRESETS)

/** The label of a fault on the charts and in the verdict. */
export function faultName (fault: Fault): string {
  if (fault.name !== undefined) return fault.name
  if (fault.kind === 'process') return `${fault.service} ${fault.signal}`
  return `provider ${Object.entries(fault.set).map(([k, v]) => `${k}=${String(v)}`).join(' ')}`
}

/** Validates a plan given as data (`source` names it in errors: a file or a preset). */
export function parseChaosPlan (input: unknown, source: string): ChaosPlan {
  const result = chaosPlanSchema.safeParse(input)
  if (!result.success) throw new ChaosPlanInvalidError(source, result.error.issues.map(describeIssue))
  return { ...result.data, source }
}

/** A preset name, else a JSON file. */
export async function loadChaosPlan (ref: string): Promise<ChaosPlan> {
  const preset = CHAOS_PRESETS[ref]
  if (preset !== undefined) return parseChaosPlan(preset, `preset "${ref}"`)
  let text: string
  try {
    text = await readFile(ref, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') throw new ChaosPlanNotFoundError(ref, CHAOS_PRESET_NAMES)
    throw err
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (err) {
    throw new ChaosPlanInvalidError(ref, [`not JSON: ${(err as Error).message}`])
  }
  return parseChaosPlan(json, ref)
}

/** `faults.1.set.errorRate` → `faults[1].set.errorRate`, with the fault's kind when known. */
function describeIssue (issue: z.core.$ZodIssue): string {
  const path = issue.path.map((p, i) => typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`).join('')
  return `${path === '' ? '(plan)' : path}: ${issue.message}`
}
