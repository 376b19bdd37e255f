/** constant-vus: a fixed number of VUs loop for a duration (k6: constant_vus.go). */
import { ExecutorBase } from './executor-base.js'
import { shareOf } from './segment.js'
import type { ConstantVusConfig } from './config.js'
import type { ExecutionVu, ScenarioRuntime, Segment } from './types.js'

export class ConstantVusExecutor<V extends ExecutionVu> extends ExecutorBase<ConstantVusConfig, V> {
  readonly maxVus: number
  readonly plannedMs: number

  constructor (config: ConstantVusConfig, runtime: ScenarioRuntime<V>, segment: Segment) {
    super(config, runtime, segment)
    this.maxVus = shareOf(config.vus, segment)
    this.plannedMs = config.durationMs
  }

  protected async schedule (): Promise<void> {
    for (let i = 0; i < this.maxVus; i++) void this.loop(this.acquire(), () => true)
    await this.waitOrEnd(this.plannedMs)
  }
}
