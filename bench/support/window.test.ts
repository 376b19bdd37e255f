// Run: node scripts/run-tests.mjs bench/support
import { strict as assert } from 'node:assert'
import { test } from 'node:test'
import { PRESETS } from '../../load-testing/presets.js'
import { parseMachineStat, parseProcessStat } from './proc.js'
import { coresOver, mixtureQuantile, originMs, parseAggregatedLines, plateauOf, scenarioStages, windowsInside } from './window.js'

test('parseProcessStat: utime + stime, a command name with spaces and parentheses', () => {
  const stat = '4242 (node (mib) x) S 1 4242 4242 0 -1 4194304 100 0 0 0 1234 567 0 0 20 0 11 0 100 1000 200'
  assert.equal(parseProcessStat(stat), 1234 + 567)
  assert.equal(parseProcessStat('garbage'), undefined)
})

test('parseMachineStat: busy, idle (with iowait) and steal from the cpu line', () => {
  const text = 'cpu  100 5 50 1000 20 3 2 7 0 0\ncpu0 50 2 25 500 10 1 1 3 0 0\n'
  assert.deepEqual(parseMachineStat(text), { busy: 100 + 5 + 50 + 3 + 2, idle: 1020, steal: 7 })
})

test('the standard preset plateau: 1,000 VUs from 4.5 min to 9.5 min, × the time scale', () => {
  const shape = scenarioStages(PRESETS.standard as Record<string, unknown>)
  assert.deepEqual(plateauOf(shape, 1), { startS: 270, endS: 570, vus: 1000 })
  const scaled = plateauOf(shape, 0.1)
  assert.ok(Math.abs(scaled.startS - 27) < 1e-9 && Math.abs(scaled.endS - 57) < 1e-9)
  assert.deepEqual(plateauOf(scenarioStages(PRESETS.light as Record<string, unknown>), 0.5), { startS: 0, endS: 150, vus: 100 })
})

test('coresOver interpolates between samples', () => {
  const samples = [
    { atMs: 0, ticks: { p: 0 } },
    { atMs: 1000, ticks: { p: 100 } }, // one core
    { atMs: 2000, ticks: { p: 150 } } // half a core
  ]
  assert.equal(coresOver(samples, 'p', 0, 2000), 0.75)
  assert.equal(coresOver(samples, 'p', 500, 1500), 0.75)
  assert.equal(coresOver(samples, 'p', 1000, 2000), 0.5)
  assert.equal(coresOver(samples, 'p', 0, 3000), undefined)
  assert.equal(coresOver(samples, 'q', 0, 1000), undefined)
})

test('aggregated output: whole-metric points only, origin, windows inside', () => {
  const line = (metric: string, time: string, tags: Record<string, string> = {}): string =>
    JSON.stringify({ type: 'Point', metric, data: { time, value: 1, tags, aggregate: { count: 10, windowMs: 1000 } } })
  const points = parseAggregatedLines([
    line('http_reqs', '2026-01-01T00:00:01.000Z'),
    line('http_reqs', '2026-01-01T00:00:02.000Z'),
    line('http_reqs', '2026-01-01T00:00:03.000Z'),
    line('http_reqs', '2026-01-01T00:00:02.000Z', { name: 'health' }),
    '{"type":"Metric","metric":"http_reqs","data":{}}',
    'not json'
  ])
  assert.equal(points.length, 3)
  const t0 = Date.parse('2026-01-01T00:00:00.000Z')
  assert.equal(originMs(points), t0)
  assert.deepEqual(windowsInside(points, 'http_reqs', t0 + 500, t0 + 3000).map((p) => p.endMs - t0), [2000, 3000])
})

test('mixtureQuantile: alike windows give their own quantile; a slow window pulls it up', () => {
  const w = { count: 100, min: 1, p50: 10, p90: 20, p95: 30, p99: 50, max: 100 }
  assert.ok(Math.abs((mixtureQuantile([w, w, w], 0.95) as number) - 30) < 1e-6)
  const slow = { count: 100, min: 200, p50: 300, p90: 400, p95: 450, p99: 500, max: 600 }
  // Half the samples are ≥ 200 ms: the union's p95 is the slow window's p90.
  assert.ok(Math.abs((mixtureQuantile([w, slow], 0.95) as number) - 400) < 1e-6)
  assert.equal(mixtureQuantile([], 0.95), undefined)
})
