/**
 * The knobs that make the simulated upstream slow, failing or chatty. They can
 * change while the simulator runs (PATCH /admin/config, setKnobs()).
 */
import { z } from 'zod'
import { InvalidKnobsError } from './errors.js'

/** Largest median latency accepted, in ms: beyond a minute a test wants a hang, not a delay. */
export const MAX_LATENCY_MEDIAN_MS = 60_000
export const MAX_LATENCY_P99_MS = 120_000
/** Ticks per second per symbol; above this the stream costs more CPU than it can prove anything. */
export const MAX_TICK_RATE_HZ = 1000

const fields = {
  /** Median response delay of the provider endpoints, ms; 0 = no delay. */
  latencyMedianMs: z.number().min(0).max(MAX_LATENCY_MEDIAN_MS),
  /** 99th percentile of the delay, ms; must be >= the median (equal = constant delay). */
  latencyP99Ms: z.number().min(0).max(MAX_LATENCY_P99_MS),
  /** Share of provider calls answered with an injected failure, 0..1. */
  errorRate: z.number().min(0).max(1),
  /** WebSocket ticks per second per symbol; 0 pauses the market. */
  tickRateHz: z.number().min(0).max(MAX_TICK_RATE_HZ)
}

export const knobsPatchSchema = z.object(fields).partial().strict()
export type KnobsPatch = z.input<typeof knobsPatchSchema>

export interface ProviderSimKnobs {
  latencyMedianMs: number
  latencyP99Ms: number
  errorRate: number
  tickRateHz: number
}

export const DEFAULT_KNOBS: Readonly<ProviderSimKnobs> = { latencyMedianMs: 0, latencyP99Ms: 0, errorRate: 0, tickRateHz: 2 }

/**
 * The start-up knobs: every field optional. A p99 left out equals the median,
 * so `--latency-median-ms 50` alone means a constant 50 ms.
 */
export const knobsOptionsSchema = knobsPatchSchema
  // `when` runs the rule even when another field already failed, so every
  // problem is reported in one go.
  .refine((input) => !(typeof input.latencyMedianMs === 'number' && typeof input.latencyP99Ms === 'number' && input.latencyP99Ms < input.latencyMedianMs), {
    message: 'must be >= latencyMedianMs',
    path: ['latencyP99Ms'],
    when: () => true
  })
  .transform((input): ProviderSimKnobs => {
    const latencyMedianMs = input.latencyMedianMs ?? DEFAULT_KNOBS.latencyMedianMs
    return {
      latencyMedianMs,
      latencyP99Ms: input.latencyP99Ms ?? Math.max(latencyMedianMs, DEFAULT_KNOBS.latencyP99Ms),
      errorRate: input.errorRate ?? DEFAULT_KNOBS.errorRate,
      tickRateHz: input.tickRateHz ?? DEFAULT_KNOBS.tickRateHz
    }
  })

/** Rules between fields, checked after every merge. */
export function crossFieldProblems (knobs: ProviderSimKnobs): string[] {
  if (knobs.latencyP99Ms < knobs.latencyMedianMs) {
    return [`latencyP99Ms (${knobs.latencyP99Ms}) must be >= latencyMedianMs (${knobs.latencyMedianMs})`]
  }
  return []
}

/** Merges a patch (unknown input, validated here) into `current`; throws InvalidKnobsError listing every problem. */
export function mergeKnobs (current: ProviderSimKnobs, patch: unknown): ProviderSimKnobs {
  const parsed = knobsPatchSchema.safeParse(patch)
  if (!parsed.success) {
    throw new InvalidKnobsError(parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(body)'}: ${issue.message}`))
  }
  const merged = { ...current }
  for (const [key, value] of Object.entries(parsed.data) as Array<[keyof ProviderSimKnobs, number | undefined]>) {
    if (value !== undefined) merged[key] = value
  }
  const problems = crossFieldProblems(merged)
  if (problems.length > 0) throw new InvalidKnobsError(problems)
  return merged
}
