/**
 * Decides, per provider call, how long to wait and whether to fail, from the
 * current knobs. Draws come from a seeded stream so a run's fault pattern is
 * reproducible too (given the same order of requests).
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { normalSource, streamFor, type Random } from './prng.js'
import type { ProviderSimKnobs } from './knobs.js'

/** z-score of the 99th percentile of a standard normal. */
const Z_P99 = 2.3263478740408408
/** No single injected delay exceeds this, whatever the tail parameters say. */
export const MAX_DELAY_MS = 120_000

export type InjectedStatus = 500 | 503 | 429

export interface FaultPlan {
  delayMs: number
  /** Set when this call must fail with that status. */
  failWith: InjectedStatus | undefined
}

/**
 * A log-normal delay with the given median and p99: ln(delay) ~ N(mu, sigma)
 * with mu = ln(median) and sigma = ln(p99 / median) / z99. A median of 0 means
 * no delay at all.
 */
export function sampleLatencyMs (medianMs: number, p99Ms: number, standardNormal: number): number {
  if (medianMs <= 0) return 0
  const sigma = p99Ms > medianMs ? Math.log(p99Ms / medianMs) / Z_P99 : 0
  return Math.min(MAX_DELAY_MS, medianMs * Math.exp(sigma * standardNormal))
}

export class FaultInjector {
  readonly #random: Random
  readonly #normal: () => number
  readonly #knobs: () => ProviderSimKnobs

  constructor (seed: number, knobs: () => ProviderSimKnobs) {
    this.#random = streamFor(seed, 'faults')
    this.#normal = normalSource(streamFor(seed, 'latency'))
    this.#knobs = knobs
  }

  plan (): FaultPlan {
    const { latencyMedianMs, latencyP99Ms, errorRate } = this.#knobs()
    const delayMs = sampleLatencyMs(latencyMedianMs, latencyP99Ms, latencyMedianMs > 0 ? this.#normal() : 0)
    const failWith = errorRate > 0 && this.#random() < errorRate ? this.#failureKind() : undefined
    return { delayMs, failWith }
  }

  // Most upstream failures are plain 500s; overload (503) and throttling (429)
  // are rarer but are the ones a client must handle differently (retry, back off).
  #failureKind (): InjectedStatus {
    const r = this.#random()
    return r < 0.6 ? 500 : r < 0.85 ? 503 : 429
  }
}

/** Waits `ms`, or less when `signal` aborts (shutdown must not wait for injected delays). */
export async function delay (ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return
  try {
    await sleep(ms, undefined, { signal })
  } catch (err) {
    if (!signal.aborted) throw err
  }
}
