import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ScenarioRunner, type ExecFunction } from './scenario-runner.js'
import { ErrorLog } from './error-log.js'
import { createTestVu } from '../fixtures/test-vu.js'
import { FakeClock } from '../fixtures/fake-clock.js'
import { sleep } from '../api/sleep.js'
import type { ScenarioConfig } from '../executors/config.js'

const base = { gracefulStopMs: 30_000, env: {}, tags: {} }

function setup (scenarios: ScenarioConfig[], functions: Record<string, ExecFunction>): { runner: ScenarioRunner, clock: FakeClock, stat: (key: string, s: string) => number | undefined, errors: string[] } {
  const clock = new FakeClock()
  const tv = createTestVu({ clock })
  const errors: string[] = []
  const runner = new ScenarioRunner({ scenarios, functions, segment: { index: 0, count: 1 }, resources: tv.vu.resources, setupData: { token: 't' }, errors: new ErrorLog((line) => errors.push(line)) })
  return { runner, clock, stat: tv.stat, errors }
}

test('scenarios start at their startTime, run their exec function with the setup data, and count iterations', async () => {
  const calls: Array<[string, number, unknown]> = []
  const { runner, clock, stat } = setup([
    { ...base, name: 'a', executor: 'per-vu-iterations', vus: 2, iterations: 2, maxDurationMs: 60_000, startTimeMs: 0, exec: 'first' },
    { ...base, name: 'b', executor: 'shared-iterations', vus: 1, iterations: 3, maxDurationMs: 60_000, startTimeMs: 5000, exec: 'second' }
  ], {
    first: async (data) => { calls.push(['first', clock.now(), data]); await sleep(1) },
    second: async () => { calls.push(['second', clock.now(), undefined]); await sleep(1) }
  })
  const done = runner.run()
  await clock.advance(20_000)
  await done
  assert.deepEqual(calls.filter((c) => c[0] === 'first').map((c) => c[1]), [0, 0, 1000, 1000])
  assert.deepEqual(calls.filter((c) => c[0] === 'second').map((c) => c[1]), [5000, 6000, 7000])
  assert.deepEqual(calls[0]?.[2], { token: 't' })
  assert.equal(stat('iterations', 'count'), 7)
  assert.equal(stat('iteration_duration', 'avg'), 1000)
  assert.deepEqual(runner.status().map((s) => s.state), ['done', 'done'])
})

test('stop() before a scenario\'s startTime skips it; running iterations finish', async () => {
  const { runner, clock, stat } = setup([
    { ...base, name: 'now', executor: 'constant-vus', vus: 1, durationMs: 60_000, startTimeMs: 0, exec: 'default' },
    { ...base, name: 'later', executor: 'constant-vus', vus: 1, durationMs: 60_000, startTimeMs: 10_000, exec: 'default' }
  ], { default: async () => { await sleep(0.4) } })
  const done = runner.run()
  await clock.advance(1000)
  runner.stop()
  await clock.advance(1000)
  await done
  assert.deepEqual(runner.status().map((s) => s.state), ['done', 'waiting'])
  assert.equal(stat('iterations', 'count'), 3, 'at 0, 400 and 800 ms; the last ends at 1200 within gracefulStop')
})

test('an iteration that throws is counted and reported; an interrupted one is not counted', async () => {
  const { runner, clock, stat, errors } = setup([
    { ...base, name: 'x', executor: 'per-vu-iterations', vus: 1, iterations: 2, maxDurationMs: 60_000, startTimeMs: 0, exec: 'default', gracefulStopMs: 0 }
  ], { default: async () => { await sleep(0.1); throw new Error('broken iteration') } })
  const done = runner.run()
  await clock.advance(5000)
  await done
  assert.equal(stat('iterations', 'count'), 2)
  assert.equal(runner.status()[0]?.completedIterations, 2)
  assert.match(errors[0] ?? '', /iteration of scenario x: Error: broken iteration/)

  const slow = setup([
    { ...base, name: 'y', executor: 'constant-vus', vus: 1, durationMs: 1000, startTimeMs: 0, exec: 'default', gracefulStopMs: 500 }
  ], { default: async () => { await sleep(60) } })
  const slowDone = slow.runner.run()
  await slow.clock.advance(5000)
  await slowDone
  assert.equal(slow.stat('iterations', 'count'), 0, 'interrupted iterations are not iterations')
  assert.equal(slow.runner.status()[0]?.interruptedIterations, 1)
})
