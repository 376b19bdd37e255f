/**
 * k6/metrics: custom Counter, Gauge, Rate and Trend. Create them at module
 * level (k6's init context) so thresholds can refer to them; `add` tags each
 * sample with the VU's tags plus the ones given.
 */
import { maybeCurrentVu } from '../vu/context.js'
import { threadState } from '../runtime/thread-state.js'
import type { Metric, MetricType, Tags } from '../metrics/index.js'
import type { Emitter } from '../runtime/emitter.js'
import { tagsWith } from '../tags.js'

abstract class CustomMetric {
  readonly name: string
  readonly #metric: Metric
  readonly #emitter: Emitter

  protected constructor (name: string, type: MetricType, isTime: boolean) {
    const { emitter } = threadState(`new ${type[0]?.toUpperCase() ?? ''}${type.slice(1)}("${name}")`)
    this.name = name
    this.#emitter = emitter
    this.#metric = emitter.registry.define(name, type, isTime ? 'time' : 'default')
  }

  protected record (value: number, tags: Record<string, string> | undefined): void {
    const vu = maybeCurrentVu()
    const base: Tags = vu?.tags ?? {}
    this.#emitter.add(this.#metric, value, tags === undefined ? base : tagsWith({}, base, tags))
  }
}

export class Counter extends CustomMetric {
  constructor (name: string, isTime = false) { super(name, 'counter', isTime) }
  add (value: number, tags?: Record<string, string>): void { this.record(value, tags) }
}

export class Gauge extends CustomMetric {
  constructor (name: string, isTime = false) { super(name, 'gauge', isTime) }
  add (value: number, tags?: Record<string, string>): void { this.record(value, tags) }
}

/** Non-zero (or true) counts as a pass. */
export class Rate extends CustomMetric {
  constructor (name: string) { super(name, 'rate', false) }
  add (value: number | boolean, tags?: Record<string, string>): void { this.record(value === true ? 1 : value === false ? 0 : (value !== 0 ? 1 : 0), tags) }
}

export class Trend extends CustomMetric {
  constructor (name: string, isTime = false) { super(name, 'trend', isTime) }
  add (value: number, tags?: Record<string, string>): void { this.record(value, tags) }
}
