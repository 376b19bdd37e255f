/**
 * Time as the executors see it. Injected so schedules can be verified against
 * a fake clock (see fixtures/fake-clock.ts) instead of wall-clock time.
 */
import { performance } from 'node:perf_hooks'

export type TimerHandle = object

export interface Clock {
  /** Monotonic milliseconds (fractional). Only differences are meaningful. */
  now: () => number
  setTimeout: (callback: () => void, delayMs: number) => TimerHandle
  clearTimeout: (handle: TimerHandle) => void
}

export const realClock: Clock = {
  now: () => performance.now(),
  setTimeout: (callback, delayMs) => setTimeout(callback, Math.max(0, delayMs)),
  clearTimeout: (handle) => { clearTimeout(handle as NodeJS.Timeout) }
}

/** Resolves after `delayMs` on `clock`. */
export function clockDelay (clock: Clock, delayMs: number): Promise<void> {
  return new Promise((resolve) => { clock.setTimeout(resolve, delayMs) })
}
