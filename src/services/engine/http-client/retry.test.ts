import { test } from 'node:test'
import assert from 'node:assert/strict'
import { RetryableFailure, parseRetryAfterMs, retryDelayMs, withRetry } from './retry.js'
import type { RetryPolicy } from '../config.js'

const policy: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 4, retryAfterCapMs: 50 }

test('a retryable failure is retried up to maxAttempts, then its error surfaces', async () => {
  let calls = 0
  const boom = new Error('upstream 503')
  await assert.rejects(withRetry(async () => { calls++; throw new RetryableFailure(boom) }, policy), boom)
  assert.equal(calls, 3)
})

test('a later success ends the retries and any other error is not retried', async () => {
  let calls = 0
  assert.equal(await withRetry(async () => { if (++calls < 2) throw new RetryableFailure(new Error('x')); return 'ok' }, policy), 'ok')
  assert.equal(calls, 2)
  calls = 0
  await assert.rejects(withRetry(async () => { calls++; throw new Error('400 bad request') }, policy), /400/)
  assert.equal(calls, 1)
})

test('backoff grows exponentially with full jitter and stays under maxDelayMs', () => {
  const p = { ...policy, baseDelayMs: 100, maxDelayMs: 1_000 }
  assert.equal(retryDelayMs(p, 1, undefined, () => 0.999), 99)
  assert.equal(retryDelayMs(p, 3, undefined, () => 0.999), 399)
  assert.equal(retryDelayMs(p, 10, undefined, () => 0.999), 999)
  assert.equal(retryDelayMs(p, 10, undefined, () => 0), 0)
})

test('Retry-After sets a floor on the delay, and one above the cap is not retried at all', async () => {
  assert.equal(retryDelayMs(policy, 1, 30, () => 0.5), 30)
  assert.equal(retryDelayMs(policy, 1, 51, () => 0.5), undefined)
  let calls = 0
  const limited = new Error('429')
  await assert.rejects(withRetry(async () => { calls++; throw new RetryableFailure(limited, 60_000) }, policy), limited)
  assert.equal(calls, 1)
})

test('Retry-After is parsed from delta-seconds and HTTP dates', () => {
  assert.equal(parseRetryAfterMs('3'), 3_000)
  assert.equal(parseRetryAfterMs(new Date(10_000).toUTCString(), 4_000), 6_000)
  assert.equal(parseRetryAfterMs('soon'), undefined)
  assert.equal(parseRetryAfterMs(undefined), undefined)
})

test('an aborted signal interrupts the backoff sleep', async () => {
  const controller = new AbortController()
  const slow = { ...policy, baseDelayMs: 60_000, maxDelayMs: 60_000 }
  const pending = withRetry(async () => { throw new RetryableFailure(new Error('x')) }, slow, { signal: controller.signal, random: () => 1 })
  setImmediate(() => controller.abort())
  await assert.rejects(pending, { name: 'AbortError' })
})
