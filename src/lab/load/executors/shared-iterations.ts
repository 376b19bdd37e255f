/** shared-iterations: VUs take iterations from one shared count until it runs out or maxDuration passes (k6: shared_iterations.go). */
import { ExecutorBase } from './executor-base.js'
import { shareOf } from './segment.js'
import type { SharedIterationsConfig } from './config.js'
import type { ExecutionVu, ScenarioRuntime, Segment } from './types.js'

export class SharedIterationsExecutor<V extends ExecutionVu> extends ExecutorBase<SharedIterationsConfig, V> {
  readonly maxVus: number
  readonly plannedMs: number
  readonly #iterations: number

  constructor (config: SharedIterationsConfig, runtime: ScenarioRuntime<V>, segment: Segment) {
    super(config, runtime, segment)
    this.#iterations = shareOf(config.iterations, segment)
    // More VUs than iterations would only idle (k6 rejects that config; we clamp).
    this.maxVus = Math.min(shareOf(config.vus, segment), this.#iterations)
    this.plannedMs = config.maxDurationMs
  }

  protected async schedule (): Promise<void> {
    let left = this.#iterations
    const claim = (): boolean => left-- > 0
    const loops: Array<Promise<boolean>> = []
    for (let i = 0; i < this.maxVus; i++) loops.push(this.loop(this.acquire(), claim))
    await Promise.race([Promise.all(loops), this.waitOrEnd(this.plannedMs)])
  }
}
