/** constant-arrival-rate: `rate` iterations per `timeUnit` for `duration` (k6: constant_arrival_rate.go). */
import { ArrivalRateExecutor } from './arrival-rate.js'
import { constantRate } from './arrival-schedule.js'
import type { ConstantArrivalRateConfig } from './config.js'
import type { ExecutionVu, ScenarioRuntime, Segment } from './types.js'

export function constantArrivalRate<V extends ExecutionVu> (config: ConstantArrivalRateConfig, runtime: ScenarioRuntime<V>, segment: Segment): ArrivalRateExecutor<V> {
  return new ArrivalRateExecutor(config, runtime, segment, constantRate(config.rate, config.timeUnitMs, config.durationMs), config.durationMs)
}
