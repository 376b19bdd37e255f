import { test } from 'node:test'
import assert from 'node:assert/strict'
import { CircuitBreaker, type CircuitState } from './circuit-breaker.js'
import { parseEngineOptions, type BreakerSettings } from '../config.js'

const settings: BreakerSettings = { consecutiveFailures: 3, failureRatio: 0.5, minimumCalls: 10, windowMs: 10_000, openMs: 1_000, halfOpenProbes: 1 }

function setup (overrides: Partial<BreakerSettings> = {}): { breaker: CircuitBreaker, clock: { now: number }, transitions: string[] } {
  const clock = { now: 1_000_000 }
  const breaker = new CircuitBreaker('yahoo_finance', { ...settings, ...overrides }, () => clock.now)
  const transitions: string[] = []
  breaker.onStateChange((state: CircuitState, previous: CircuitState) => transitions.push(`${previous}->${state}`))
  return { breaker, clock, transitions }
}

function fail (breaker: CircuitBreaker, times = 1): void {
  for (let i = 0; i < times; i++) breaker.failure(breaker.acquire())
}

test('consecutive failures open the circuit, which then fails fast with MIB_ERR_ENGINE_CIRCUIT_OPEN', () => {
  const { breaker, clock } = setup()
  fail(breaker, 2)
  assert.equal(breaker.state, 'closed')
  fail(breaker)
  assert.equal(breaker.state, 'open')
  clock.now += 400
  assert.throws(() => breaker.acquire(), (err: Error & { code: string, statusCode: number }) => {
    assert.equal(err.code, 'MIB_ERR_ENGINE_CIRCUIT_OPEN')
    assert.equal(err.statusCode, 503)
    assert.match(err.message, /600 ms/)
    return true
  })
})

test('a success resets the consecutive-failure count', () => {
  const { breaker } = setup()
  fail(breaker, 2)
  breaker.success(breaker.acquire())
  fail(breaker, 2)
  assert.equal(breaker.state, 'closed')
})

test('a failure ratio over the window opens the circuit once enough calls were seen', () => {
  const { breaker, clock } = setup({ consecutiveFailures: 1000 })
  for (let i = 0; i < 4; i++) { fail(breaker); breaker.success(breaker.acquire()) }
  assert.equal(breaker.state, 'closed') // 8 calls < minimumCalls
  fail(breaker)
  assert.equal(breaker.state, 'closed') // 9 calls
  fail(breaker)
  assert.equal(breaker.state, 'open') // 10 calls, 6 failures
  // Calls older than the window no longer count.
  const fresh = setup({ consecutiveFailures: 1000 })
  for (let i = 0; i < 9; i++) fail(fresh.breaker)
  fresh.clock.now += 20_000
  fail(fresh.breaker)
  assert.equal(fresh.breaker.state, 'closed')
  assert.ok(clock.now > 0)
})

test('after the cool-down one probe goes through: success closes, failure re-opens', () => {
  const { breaker, clock, transitions } = setup()
  fail(breaker, 3)
  clock.now += 1_000
  assert.equal(breaker.state, 'half_open')
  const probe = breaker.acquire()
  assert.throws(() => breaker.acquire(), /circuit is open/) // only one probe at a time
  breaker.failure(probe)
  assert.equal(breaker.state, 'open')
  clock.now += 1_000
  breaker.success(breaker.acquire())
  assert.equal(breaker.state, 'closed')
  assert.deepEqual(transitions, ['closed->open', 'open->half_open', 'half_open->open', 'open->half_open', 'half_open->closed'])
})

test('a cancelled probe frees its slot without deciding the state', () => {
  const { breaker, clock } = setup()
  fail(breaker, 3)
  clock.now += 1_000
  breaker.cancel(breaker.acquire())
  assert.equal(breaker.state, 'half_open')
  breaker.success(breaker.acquire())
  assert.equal(breaker.state, 'closed')
})

test('a slow call that started before the circuit opened cannot close it when it lands', () => {
  const { breaker } = setup()
  const slow = breaker.acquire()
  fail(breaker, 3)
  breaker.success(slow)
  assert.equal(breaker.state, 'open')
})

test('regression: with the default 5 s cool-down every call failed fast for up to 5 s after the provider was back (the chaos run\'s "provider errors" did not recover in its window); the default lets a trial call through 1 s after opening', () => {
  const defaults = parseEngineOptions({}).breaker
  const clock = { now: 1_000_000 }
  const breaker = new CircuitBreaker('yahoo_finance', defaults, () => clock.now)
  fail(breaker, defaults.consecutiveFailures)
  assert.equal(breaker.state, 'open')
  clock.now += 999
  assert.throws(() => breaker.acquire(), { code: 'MIB_ERR_ENGINE_CIRCUIT_OPEN' })
  clock.now += 1
  const probe = breaker.acquire()
  breaker.success(probe)
  assert.equal(breaker.state, 'closed', 'one good trial call closes it')
})
