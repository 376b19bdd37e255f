/**
 * --time-scale F: the schedule plays F times as long. Every duration of the
 * schedule (durations, stages, startTime, gracefulStop, gracefulRampDown,
 * maxDuration) is multiplied by F; VU counts, iteration counts and rates
 * stay, and sleep() keeps the script's think time, so each VU and each
 * arrival-rate scenario asks the same request rate at any scale: a faithful
 * miniature of the test.
 *
 * --fast-forward F (`fastForward`): everything plays F times as fast or slow —
 * the schedule, sleep() (the VU resources' `sleepScale`) and arrival-rate
 * timeUnits — so the same iterations happen in F times the time and request
 * rates are multiplied by 1/F. Timeouts (HTTP, setup, teardown) are never scaled.
 */
import type { ScenarioConfig, Stage } from '../executors/config.js'

export function scaleScenario (config: ScenarioConfig, factor: number, fastForward = false): ScenarioConfig {
  if (factor === 1) return config
  const unit = (value: number): number => fastForward ? value * factor : value
  const ms = (value: number): number => value * factor
  const stages = (list: Stage[]): Stage[] => list.map((s) => ({ durationMs: ms(s.durationMs), target: s.target }))
  const base = { ...config, startTimeMs: ms(config.startTimeMs), gracefulStopMs: ms(config.gracefulStopMs) }
  switch (base.executor) {
    case 'shared-iterations':
    case 'per-vu-iterations':
      return { ...base, maxDurationMs: ms(base.maxDurationMs) }
    case 'constant-vus':
      return { ...base, durationMs: ms(base.durationMs) }
    case 'ramping-vus':
      return { ...base, stages: stages(base.stages), gracefulRampDownMs: ms(base.gracefulRampDownMs) }
    case 'constant-arrival-rate':
      return { ...base, durationMs: ms(base.durationMs), timeUnitMs: unit(base.timeUnitMs) }
    case 'ramping-arrival-rate':
      return { ...base, stages: stages(base.stages), timeUnitMs: unit(base.timeUnitMs) }
  }
}

/** What sleep() is multiplied by: 1 (think time as written) unless fast-forwarding. */
export function sleepScaleOf (timeScale: number, fastForward: boolean): number {
  return fastForward ? timeScale : 1
}
