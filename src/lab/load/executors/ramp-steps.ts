/**
 * The VU count of a ramping-vus scenario over time: linear interpolation
 * between stage targets, as whole VUs. Going up, VU k joins when the line
 * reaches k; going down, the count drops to k when the line reaches k (k6).
 */
import type { Stage } from './config.js'

export interface VuStep {
  /** Ms from the scenario start. */
  atMs: number
  vus: number
}

export function rampingVuSteps (startVus: number, stages: Stage[]): VuStep[] {
  const steps: VuStep[] = [{ atMs: 0, vus: startVus }]
  let from = startVus
  let at = 0
  for (const { durationMs, target } of stages) {
    if (durationMs === 0 || target === from) {
      if (target !== from) steps.push({ atMs: at, vus: target })
    } else if (target > from) {
      for (let k = from + 1; k <= target; k++) steps.push({ atMs: at + (k - from) / (target - from) * durationMs, vus: k })
    } else {
      for (let k = from - 1; k >= target; k--) steps.push({ atMs: at + (from - k) / (from - target) * durationMs, vus: k })
    }
    from = target
    at += durationMs
  }
  return steps
}

/** The VU count the steps prescribe at `atMs`. */
export function vusAt (steps: VuStep[], atMs: number): number {
  let vus = 0
  for (const step of steps) {
    if (step.atMs > atMs) break
    vus = step.vus
  }
  return vus
}

export function maxVusOf (steps: VuStep[]): number {
  return steps.reduce((max, s) => Math.max(max, s.vus), 0)
}
