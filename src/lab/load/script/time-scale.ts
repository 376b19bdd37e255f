/**
 * --time-scale F: the test plays F times as long. Every duration of the
 * schedule (durations, stages, startTime, gracefulStop, gracefulRampDown,
 * maxDuration, timeUnit) and every sleep() is multiplied by F; VU counts and
 * iteration counts stay, so the same iterations happen in F times the time
 * (request rates × 1/F). Timeouts (HTTP, setup, teardown) are not scaled.
 */
import type { ScenarioConfig, Stage } from '../executors/config.js'

export function scaleScenario (config: ScenarioConfig, factor: number): ScenarioConfig {
  if (factor === 1) return config
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
      return { ...base, durationMs: ms(base.durationMs), timeUnitMs: ms(base.timeUnitMs) }
    case 'ramping-arrival-rate':
      return { ...base, stages: stages(base.stages), timeUnitMs: ms(base.timeUnitMs) }
  }
}
