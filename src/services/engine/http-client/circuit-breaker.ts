/**
 * A circuit breaker per upstream source.
 *
 *   closed ──(N consecutive failures, or failure ratio ≥ r over the window with ≥ m calls)──▶ open
 *   open ──(openMs elapsed)──▶ half_open ──(a probe succeeds)──▶ closed
 *                                        └─(a probe fails)────▶ open
 *
 * While open every call fails fast with CircuitOpenError (no network). In
 * half_open only `halfOpenProbes` calls are let through at a time. Each call
 * gets a permit stamped with the breaker's generation, so a slow call that
 * started before a transition cannot flip the new state when it lands.
 */
import type { BreakerSettings } from '../config.js'
import { CircuitOpenError, withDetails } from '../errors.js'
import type { Clock } from '../rate-window.js'

export type CircuitState = 'closed' | 'open' | 'half_open'

/** Numeric encoding of the state for the Prometheus gauge. */
export const CIRCUIT_STATE_VALUE: Record<CircuitState, number> = { closed: 0, half_open: 1, open: 2 }

const BUCKETS = 10

/** A permit: the generation it was issued in (compared on release). */
export type Permit = number

export type StateListener = (state: CircuitState, previous: CircuitState) => void

export class CircuitBreaker {
  readonly name: string
  readonly #settings: BreakerSettings
  readonly #clock: Clock
  #state: CircuitState = 'closed'
  #generation = 0
  #consecutiveFailures = 0
  #openedAt = 0
  #probesInFlight = 0
  readonly #bucketMs: number
  readonly #bucketIds = new Float64Array(BUCKETS).fill(-1)
  readonly #calls = new Float64Array(BUCKETS)
  readonly #failures = new Float64Array(BUCKETS)
  readonly #listeners: StateListener[] = []

  constructor (name: string, settings: BreakerSettings, clock: Clock = Date.now) {
    this.name = name
    this.#settings = settings
    this.#clock = clock
    this.#bucketMs = Math.max(1, settings.windowMs / BUCKETS)
  }

  /** The current state; an open circuit whose cool-down is over reads as half_open. */
  get state (): CircuitState {
    if (this.#state === 'open' && this.#clock() - this.#openedAt >= this.#settings.openMs) this.#transition('half_open')
    return this.#state
  }

  onStateChange (listener: StateListener): void {
    this.#listeners.push(listener)
  }

  /** Lets a call through or throws CircuitOpenError (fail fast, no network). */
  acquire (): Permit {
    const state = this.state
    if (state === 'open') throw this.#openError(this.retryInMs())
    if (state === 'half_open') {
      if (this.#probesInFlight >= this.#settings.halfOpenProbes) throw this.#openError(0)
      this.#probesInFlight++
    }
    return this.#generation
  }

  /** The call reached a healthy upstream (any answer that is not an upstream fault). */
  success (permit: Permit): void {
    if (!this.#release(permit)) return
    this.#record(false)
    this.#consecutiveFailures = 0
    if (this.#state === 'half_open') this.#transition('closed')
  }

  /** The call failed because of the upstream (connect error, timeout, 5xx, 429). */
  failure (permit: Permit): void {
    if (!this.#release(permit)) return
    this.#record(true)
    this.#consecutiveFailures++
    if (this.#state === 'half_open' || this.#shouldOpen()) this.#transition('open')
  }

  /** The call ended without telling anything about the upstream (e.g. the caller cancelled). */
  cancel (permit: Permit): void {
    this.#release(permit)
  }

  /** ms until an open circuit lets a probe through (0 when not open). */
  retryInMs (): number {
    if (this.#state !== 'open') return 0
    return Math.max(0, this.#openedAt + this.#settings.openMs - this.#clock())
  }

  #openError (retryInMs: number): Error {
    return withDetails(new CircuitOpenError(this.name, retryInMs), { retryAfterS: Math.max(1, Math.ceil(retryInMs / 1000)) })
  }

  /** Returns false for a permit of an earlier generation (stale: ignored). */
  #release (permit: Permit): boolean {
    if (permit !== this.#generation) return false
    if (this.#state === 'half_open' && this.#probesInFlight > 0) this.#probesInFlight--
    return true
  }

  #shouldOpen (): boolean {
    if (this.#consecutiveFailures >= this.#settings.consecutiveFailures) return true
    const now = Math.floor(this.#clock() / this.#bucketMs)
    let calls = 0
    let failures = 0
    for (let i = 0; i < BUCKETS; i++) {
      if ((this.#bucketIds[i] as number) > now - BUCKETS) {
        calls += this.#calls[i] as number
        failures += this.#failures[i] as number
      }
    }
    return calls >= this.#settings.minimumCalls && failures / calls >= this.#settings.failureRatio
  }

  #record (failed: boolean): void {
    const id = Math.floor(this.#clock() / this.#bucketMs)
    const i = id % BUCKETS
    if (this.#bucketIds[i] !== id) {
      this.#bucketIds[i] = id
      this.#calls[i] = 0
      this.#failures[i] = 0
    }
    this.#calls[i] = (this.#calls[i] as number) + 1
    if (failed) this.#failures[i] = (this.#failures[i] as number) + 1
  }

  #transition (next: CircuitState): void {
    const previous = this.#state
    if (previous === next) return
    this.#state = next
    this.#generation++
    this.#probesInFlight = 0
    if (next === 'open') this.#openedAt = this.#clock()
    if (next === 'closed') {
      this.#consecutiveFailures = 0
      this.#bucketIds.fill(-1)
    }
    for (const listener of this.#listeners) listener(next, previous)
  }
}
