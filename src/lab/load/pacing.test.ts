import { test } from 'node:test'
import assert from 'node:assert/strict'
import { httpFixture } from './fixtures/servers.js'
import { fixtureScript } from './fixtures/run-mib.js'
import { runLoadTest } from './run.js'
import { RateTracker, type Pacing } from './pacing.js'
import { formatRates } from './rates.js'
import type { ExecutorStatus } from './executors/types.js'

const status = (executor: string, pacing: Pacing, intendedIterations = 0): ExecutorStatus => ({
  scenario: executor, executor, activeVus: 0, maxVus: 0, completedIterations: pacing.iterations, interruptedIterations: 0, droppedIterations: 0,
  intendedIterations, lateIterations: 0, queuedIterations: 0, elapsedMs: 0, plannedMs: 0, pacing, state: 'running'
})

test('asked rate = delivered × Σ iteration duration ÷ Σ think time, pooled over the ticks inside the window only', () => {
  const tracker = new RateTracker(1000, 3000)
  // Before the window: counted as the baseline of the cumulative books, not in the window.
  tracker.tick(0, 1000, 50, [status('ramping-vus', { iterations: 50, requests: 50, durationMs: 50 * 350, thinkMs: 50 * 350 })])
  // Two seconds inside: 100 requests each, iterations of 700 ms thinking 350 ms (answers took as long as the think time).
  tracker.tick(1000, 2000, 100, [status('ramping-vus', { iterations: 150, requests: 150, durationMs: 50 * 350 + 100 * 700, thinkMs: 150 * 350 })])
  tracker.tick(2000, 3000, 100, [status('ramping-vus', { iterations: 250, requests: 250, durationMs: 50 * 350 + 200 * 700, thinkMs: 250 * 350 })])
  // Partly outside: ignored.
  tracker.tick(3000, 4000, 999, [status('ramping-vus', { iterations: 999, requests: 999, durationMs: 1e9, thinkMs: 1 })])
  const w = tracker.window()
  assert.deepEqual(w, { fromMs: 1000, toMs: 3000, requests: 200, intendedRequests: 400, thinkPerRequestMs: 350 })
})

test('an arrival-rate scenario asks its schedule\'s iterations; a closed one without think time asks no finite rate', () => {
  const open = new RateTracker(0, 10_000)
  open.tick(0, 1000, 80, [status('constant-arrival-rate', { iterations: 40, requests: 80, durationMs: 4000, thinkMs: 0 }, 50)])
  assert.equal(open.window()?.intendedRequests, 100)
  const greedy = new RateTracker(0, 10_000)
  greedy.tick(0, 1000, 80, [status('constant-vus', { iterations: 80, requests: 80, durationMs: 1000, thinkMs: 0 })])
  assert.equal(greedy.window()?.intendedRequests, null)
  assert.match(formatRates({ peak: undefined, whole: { seconds: 1, deliveredRps: 80, intendedRps: null, share: null, thinkPerRequestMs: 0 } }), /as fast as answered/)
})

for (const workers of [1, 2]) {
  test(`--time-scale keeps the think time: the peak asks VUs ÷ think time and the runner says so (${workers} worker${workers > 1 ? 's' : ''})`, async (t) => {
    const server = await httpFixture((_req, res) => { setTimeout(() => { res.end('ok') }, 20) })
    t.after(async () => { await server.close() })
    const result = await runLoadTest({ script: fixtureScript('paced.ts'), env: { BASE_URL: server.url }, timeScale: 0.5, workers, quiet: true, noSummary: true, handleSignals: false, tickMs: 200 })
    const peak = result.rates.peak
    assert.ok(peak !== undefined, 'the 20-VU hold is measured')
    assert.equal(peak.level, 20)
    assert.equal(peak.unit, 'VUs')
    // The think time asked per request is what the script wrote, not scaled.
    assert.equal(peak.thinkPerRequestMs, 100)
    assert.ok(peak.seconds >= 1 && peak.seconds <= 2, `${peak.seconds} s of the 2 s hold measured in whole ticks`)
    // 20 VUs thinking 100 ms ask ~200 req/s whatever the answers' speed (edges of the window blur it a little).
    assert.ok(peak.intendedRps !== null && peak.intendedRps > 150 && peak.intendedRps < 250, `asked ${peak.intendedRps}`)
    assert.ok(peak.deliveredRps < peak.intendedRps, `delivered ${peak.deliveredRps} < asked ${peak.intendedRps}: answers take time`)
    assert.ok(result.rates.whole !== undefined && result.rates.whole.thinkPerRequestMs === 100)
  })
}

test('--fast-forward scales the think time with the schedule (the old time scale): the same VUs ask 1/F times the rate', async (t) => {
  const server = await httpFixture((_req, res) => { res.end('ok') })
  t.after(async () => { await server.close() })
  const result = await runLoadTest({ script: fixtureScript('paced.ts'), env: { BASE_URL: server.url }, timeScale: 0.5, fastForward: true, workers: 1, quiet: true, noSummary: true, handleSignals: false, tickMs: 200 })
  assert.equal(result.rates.peak?.thinkPerRequestMs, 50)
})
