/** One executor per k6 load model; `createExecutor` picks it from the scenario's config. */
import { ConstantVusExecutor } from './constant-vus.js'
import { RampingVusExecutor } from './ramping-vus.js'
import { PerVuIterationsExecutor } from './per-vu-iterations.js'
import { SharedIterationsExecutor } from './shared-iterations.js'
import { constantArrivalRate } from './constant-arrival-rate.js'
import { rampingArrivalRate } from './ramping-arrival-rate.js'
import type { ScenarioConfig } from './config.js'
import type { ExecutionVu, Executor, ScenarioRuntime, Segment } from './types.js'

export function createExecutor<V extends ExecutionVu> (config: ScenarioConfig, runtime: ScenarioRuntime<V>, segment: Segment): Executor {
  switch (config.executor) {
    case 'constant-vus': return new ConstantVusExecutor(config, runtime, segment)
    case 'ramping-vus': return new RampingVusExecutor(config, runtime, segment)
    case 'per-vu-iterations': return new PerVuIterationsExecutor(config, runtime, segment)
    case 'shared-iterations': return new SharedIterationsExecutor(config, runtime, segment)
    case 'constant-arrival-rate': return constantArrivalRate(config, runtime, segment)
    case 'ramping-arrival-rate': return rampingArrivalRate(config, runtime, segment)
  }
}

export * from './types.js'
export * from './config.js'
export { rampingVuSteps, vusAt, type VuStep } from './ramp-steps.js'
export { ArrivalSchedule, constantRate, rampingRate } from './arrival-schedule.js'
