/**
 * Bounded retries with exponential backoff and full jitter (AWS architecture
 * blog, "Exponential Backoff And Jitter"): the delay before retry n is
 * random(0, min(maxDelayMs, baseDelayMs·2^(n-1))), so synchronized clients
 * spread out instead of retrying in waves. An attempt asks for a retry by
 * throwing RetryableFailure (optionally with the server's Retry-After); any
 * other error ends the loop at once. The caller decides what is retryable,
 * which keeps non-idempotent calls out by construction.
 */
import { setTimeout as sleepFor } from 'node:timers/promises'
import type { RetryPolicy } from '../config.js'

export class RetryableFailure extends Error {
  /** What the caller gets when no attempt is left. */
  readonly error: Error
  /** The server's Retry-After, ms: the delay is at least this. */
  readonly retryAfterMs: number | undefined

  constructor (error: Error, retryAfterMs?: number) {
    super(error.message, { cause: error })
    this.name = 'RetryableFailure'
    this.error = error
    this.retryAfterMs = retryAfterMs
  }
}

export interface RetryHooks {
  signal?: AbortSignal | undefined
  /** 0..1; injectable for tests. */
  random?: () => number
  onRetry?: (error: Error, attempt: number, delayMs: number) => void
}

export async function withRetry<T> (attempt: (attemptNo: number) => Promise<T>, policy: RetryPolicy, hooks: RetryHooks = {}): Promise<T> {
  const random = hooks.random ?? Math.random
  for (let attemptNo = 1; ; attemptNo++) {
    try {
      return await attempt(attemptNo)
    } catch (err) {
      if (!(err instanceof RetryableFailure)) throw err
      const delayMs = retryDelayMs(policy, attemptNo, err.retryAfterMs, random)
      if (attemptNo >= policy.maxAttempts || delayMs === undefined) throw err.error
      hooks.onRetry?.(err.error, attemptNo, delayMs)
      if (delayMs > 0) await sleepFor(delayMs, undefined, { signal: hooks.signal })
    }
  }
}

/** The delay before the retry after `attemptNo`, or undefined when Retry-After exceeds the cap. */
export function retryDelayMs (policy: RetryPolicy, attemptNo: number, retryAfterMs: number | undefined, random: () => number): number | undefined {
  if (retryAfterMs !== undefined && retryAfterMs > policy.retryAfterCapMs) return undefined
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attemptNo - 1))
  const jittered = Math.floor(random() * ceiling)
  return Math.max(jittered, retryAfterMs ?? 0)
}

/** Retry-After as ms: delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or unparsable. */
export function parseRetryAfterMs (value: string | string[] | undefined, now = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value
  if (raw === undefined || raw.trim() === '') return undefined
  const trimmed = raw.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}
