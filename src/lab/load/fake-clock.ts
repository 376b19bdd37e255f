/**
 * A deterministic clock for tests: time moves only through `advance()`, which
 * fires due timers in order and lets promise continuations run between them,
 * so async code driven by timers behaves as it would in real time.
 */
import { setImmediate as nextMacrotask } from 'node:timers/promises'
import type { Clock, TimerHandle } from './clock.js'

interface FakeTimer { at: number, seq: number, callback: () => void, cancelled: boolean }

export class FakeClock implements Clock {
  #now = 0
  #seq = 0
  #timers: FakeTimer[] = []

  now = (): number => this.#now

  setTimeout = (callback: () => void, delayMs: number): TimerHandle => {
    const timer: FakeTimer = { at: this.#now + Math.max(0, delayMs), seq: this.#seq++, callback, cancelled: false }
    this.#timers.push(timer)
    return timer
  }

  clearTimeout = (handle: TimerHandle): void => {
    (handle as FakeTimer).cancelled = true
  }

  /** Pending (not cancelled) timers. */
  get pendingTimers (): number {
    return this.#timers.filter((t) => !t.cancelled).length
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  async advance (ms: number): Promise<void> {
    const target = this.#now + ms
    await settle()
    for (;;) {
      const next = this.#nextDue(target)
      if (next === undefined) break
      this.#now = next.at
      next.cancelled = true
      next.callback()
      await settle()
    }
    this.#now = target
    await settle()
  }

  /** Advances in `stepMs` steps until `done()` or `limitMs` elapsed; returns the time spent. */
  async runUntil (done: () => boolean, limitMs: number, stepMs = 10): Promise<number> {
    const start = this.#now
    while (!done() && this.#now - start < limitMs) await this.advance(stepMs)
    return this.#now - start
  }

  #nextDue (limit: number): FakeTimer | undefined {
    this.#timers = this.#timers.filter((t) => !t.cancelled)
    let best: FakeTimer | undefined
    for (const t of this.#timers) {
      if (t.at > limit) continue
      if (best === undefined || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t
    }
    return best
  }
}

// Promise chains may be several microtasks deep; a macrotask boundary drains them all.
async function settle (): Promise<void> {
  await nextMacrotask()
}
