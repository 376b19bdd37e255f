/** per-vu-iterations: each VU runs the same number of iterations, within maxDuration (k6: per_vu_iterations.go). */
import { ExecutorBase } from './executor-base.js'
import { shareOf } from './segment.js'
import type { PerVuIterationsConfig } from './config.js'
import type { ExecutionVu, ScenarioRuntime, Segment } from './types.js'

export class PerVuIterationsExecutor<V extends ExecutionVu> extends ExecutorBase<PerVuIterationsConfig, V> {
  readonly maxVus: number
  readonly plannedMs: number

  constructor (config: PerVuIterationsConfig, runtime: ScenarioRuntime<V>, segment: Segment) {
    super(config, runtime, segment)
    this.maxVus = shareOf(config.vus, segment)
    this.plannedMs = config.maxDurationMs
  }

  protected async schedule (): Promise<void> {
    const loops: Array<Promise<boolean>> = []
    for (let i = 0; i < this.maxVus; i++) {
      let left = this.config.iterations
      loops.push(this.loop(this.acquire(), () => left-- > 0))
    }
    await Promise.race([Promise.all(loops), this.waitOrEnd(this.plannedMs)])
  }
}
