/** ramping-arrival-rate: the rate moves linearly between stage targets (k6: ramping_arrival_rate.go). */
import { ArrivalRateExecutor } from './arrival-rate.js'
import { rampingRate, totalDurationMs } from './arrival-schedule.js'
import type { RampingArrivalRateConfig } from './config.js'
import type { ExecutionVu, ScenarioRuntime, Segment } from './types.js'

export function rampingArrivalRate<V extends ExecutionVu> (config: RampingArrivalRateConfig, runtime: ScenarioRuntime<V>, segment: Segment): ArrivalRateExecutor<V> {
  const rate = rampingRate(config.startRate, config.stages, config.timeUnitMs)
  return new ArrivalRateExecutor(config, runtime, segment, rate, totalDurationMs(rate))
}
