/**
 * When the iterations of an arrival-rate scenario are due. The rate is
 * piecewise linear (one segment per stage); iteration i (0-based) is due when
 * the integral of the rate reaches i, so a constant rate r starts iterations at
 * 0, 1/r, 2/r, ... and a ramp spreads them along its slope.
 */
import type { Stage } from './config.js'
import type { Segment } from './types.js'

export interface RateSegment {
  durationMs: number
  /** Iterations per millisecond at the start and at the end of the segment. */
  fromPerMs: number
  toPerMs: number
}

export function constantRate (rate: number, timeUnitMs: number, durationMs: number): RateSegment[] {
  const perMs = rate / timeUnitMs
  return [{ durationMs, fromPerMs: perMs, toPerMs: perMs }]
}

export function rampingRate (startRate: number, stages: Stage[], timeUnitMs: number): RateSegment[] {
  let from = startRate / timeUnitMs
  return stages.map((stage) => {
    const to = stage.target / timeUnitMs
    const segment = { durationMs: stage.durationMs, fromPerMs: stage.durationMs === 0 ? to : from, toPerMs: to }
    from = to
    return segment
  })
}

export function totalDurationMs (segments: RateSegment[]): number {
  return segments.reduce((sum, s) => sum + s.durationMs, 0)
}

/** Iterations started over a segment (the integral of its rate). */
function segmentCount (s: RateSegment): number {
  return (s.fromPerMs + s.toPerMs) / 2 * s.durationMs
}

/** Iterates the due times (ms from the scenario start) of the iterations `segment` owns. */
export class ArrivalSchedule {
  readonly #segments: RateSegment[]
  readonly #step: number
  #next: number
  #segmentIndex = 0
  #segmentStartMs = 0
  #segmentStartCount = 0

  constructor (segments: RateSegment[], segment: Segment) {
    this.#segments = segments
    this.#step = segment.count
    this.#next = segment.index
  }

  /** Due time of the next iteration of this worker, or undefined when the schedule is over. */
  next (): number | undefined {
    const target = this.#next
    for (;;) {
      const s = this.#segments[this.#segmentIndex]
      if (s === undefined) return undefined
      const count = segmentCount(s)
      const into = target - this.#segmentStartCount
      if (into < count) {
        const at = this.#segmentStartMs + offsetFor(s, into)
        this.#next += this.#step
        return at
      }
      this.#segmentIndex++
      this.#segmentStartMs += s.durationMs
      this.#segmentStartCount += count
    }
  }

  /** Every remaining due time (tests and small schedules only). */
  drain (): number[] {
    const out: number[] = []
    for (let t = this.next(); t !== undefined; t = this.next()) out.push(t)
    return out
  }
}

/**
 * Time into segment `s` at which `x` iterations have been started:
 * solves from·t + (to − from)·t²/(2D) = x. Written as 2x / (from + √(from² + 2·slope·x))
 * so it stays exact when the slope is 0 and stable when it is negative.
 */
function offsetFor (s: RateSegment, x: number): number {
  if (x <= 0) return 0
  const slope = (s.toPerMs - s.fromPerMs) / s.durationMs
  const root = Math.sqrt(Math.max(0, s.fromPerMs * s.fromPerMs + 2 * slope * x))
  const t = 2 * x / (s.fromPerMs + root)
  return Math.min(t, s.durationMs)
}
