import { strict as assert } from 'node:assert'
import { test } from 'node:test'
import { parseAggregatedLines } from '../../support/window.js'
import { answersBetween, intendedRate, shedBetween, stretchFigures } from './figures.js'

const T0 = Date.parse('2026-01-01T00:00:00.000Z')
const at = (s: number): string => new Date(T0 + s * 1000).toISOString()
const point = (metric: string, s: number, aggregate: Record<string, number>): string =>
  JSON.stringify({ type: 'Point', metric, data: { time: at(s), value: 0, tags: {}, aggregate: { windowMs: 1000, ...aggregate } } })

test('stretchFigures: rate, failures and CPU µs per request over the whole windows inside the stretch', () => {
  const lines: string[] = []
  for (let s = 1; s <= 4; s++) {
    lines.push(point('http_reqs', s, { count: 1000 }))
    lines.push(point('http_req_duration', s, { count: 1000, min: 1, p50: 5, p90: 9, p95: 10, p99: 20, max: 30 }))
    lines.push(point('http_req_failed', s, { passes: s === 2 ? 10 : 0, fails: s === 2 ? 990 : 1000 }))
  }
  // gateway: 40 ticks per second = 0.4 cores; at 1,000 req/s that is 400 µs per request.
  const samples = [0, 1, 2, 3, 4, 5].map((s) => ({ atMs: T0 + s * 1000, ticks: { gateway: s * 40, engine: s * 10 } }))
  // From 0.5 s to 4 s: the windows ending at 2, 3 and 4 s lie inside (the first starts at 0 s).
  const f = stretchFigures(parseAggregatedLines(lines), samples, ['gateway', 'engine', 'absent'], T0 + 500, T0 + 4000)
  assert.ok(f !== undefined)
  assert.equal(f.seconds, 3)
  assert.equal(f.requests, 3000)
  assert.equal(f.ratePerS, 1000)
  assert.equal(f.failed, 10)
  assert.equal(f.failedShare, 10 / 3000)
  assert.ok(Math.abs((f.usPerRequest.gateway as number) - 400) < 1e-6)
  assert.ok(Math.abs((f.usPerRequest.engine as number) - 100) < 1e-6)
  assert.equal(f.usPerRequest.absent, undefined)
  assert.ok(Math.abs((f.p95Ms as number) - 10) < 1e-6)
  assert.equal(stretchFigures(parseAggregatedLines(lines), samples, [], T0 + 4500, T0 + 5000), undefined)
})

const scrape = (rows: Array<[string, string, number]>, shed = 0): string => [
  '# HELP http_requests_total x', '# TYPE http_requests_total counter',
  ...rows.map(([route, status, n]) => `http_requests_total{method="GET",route="${route}",status="${status}",service="gateway"} ${n}`),
  '# HELP gateway_shed_requests_total x', '# TYPE gateway_shed_requests_total counter',
  `gateway_shed_requests_total{reason="concurrency"} ${shed}`, ''
].join('\n')

test('answersBetween: per route and status, after minus before, new series from 0, largest first', () => {
  const before = scrape([['/a', '200', 100], ['/a', '503', 1]])
  const after = scrape([['/a', '200', 150], ['/a', '503', 1], ['/b', '503', 7]])
  assert.deepEqual(answersBetween(before, after), [{ route: '/a', status: '200', count: 50 }, { route: '/b', status: '503', count: 7 }])
})

test('shedBetween: counters named *shed*, after minus before', () => {
  assert.equal(shedBetween(scrape([], 3), scrape([], 10)), 7)
  assert.equal(shedBetween('', ''), 0)
})

test('intendedRate: the seed\'s 1,000 VUs with U(0.1, 0.6) s think time ask ~2,857 req/s', () => {
  assert.ok(Math.abs(intendedRate(1000, { min: 0.1, max: 0.6 }) - 1000 / 0.35) < 1e-9)
})
