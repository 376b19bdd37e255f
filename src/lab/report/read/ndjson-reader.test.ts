import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { FREEZE_AFTER_S, K6Aggregator, readK6Ndjson } from './ndjson-reader.js'
import { TrendStats } from './stats.js'
import { DEFAULT_MAX_TAG_VALUES } from '../../load/metrics/index.js'
import { fixtureNdjson, T0, FIXTURE_SECONDS } from '../fixtures/k6-run.js'

/** HDR histograms keep 3 significant digits: a percentile is exact to 0.1 %. */
function near (actual: number | null, expected: number): void {
  assert.ok(actual !== null, `expected ${expected}, got null`)
  assert.ok(Math.abs(actual - expected) <= expected * 0.001 + 1e-9, `expected ${expected} ± 0.1 %, got ${actual}`)
}

test('trend percentiles are within HDR precision of the exact values, min and max are exact', () => {
  const trend = new TrendStats()
  for (let v = 1; v <= 1000; v++) trend.record(v / 10) // 0.1 … 100.0 ms
  near(trend.percentile(50), 50)
  near(trend.percentile(95), 95)
  near(trend.percentile(99), 99)
  assert.equal(trend.min, 0.1)
  assert.equal(trend.max, 100)
  assert.equal(trend.percentile(100), 100)
  near(trend.mean, 50.05)
  assert.equal(new TrendStats().percentile(95), null)
})

test('the k6 NDJSON fixture is read into the known per-operation, per-second and error figures', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mib-ndjson-'))
  try {
    const file = join(dir, 'out.ndjson.gz')
    await writeFile(file, gzipSync(fixtureNdjson()))
    const k6 = await readK6Ndjson(file)
    const quotes = k6.operations.get('quotes')
    const news = k6.operations.get('news')
    assert.equal(quotes?.duration.count, 100)
    near(quotes?.duration.percentile(95) ?? null, 95)
    near(quotes?.duration.percentile(50) ?? null, 50)
    assert.equal(quotes?.duration.max, 100)
    assert.equal(news?.duration.count, 50)
    assert.equal(news?.failed.rate, 0.1)
    const duration = k6.stats.get('http_req_duration')
    assert.equal(duration?.type, 'trend')
    if (duration?.type === 'trend') near(duration.stats.percentile(95), 208)
    assert.equal(k6.seconds.length, FIXTURE_SECONDS)
    assert.deepEqual(k6.seconds.map((s) => s.requests), Array(FIXTURE_SECONDS).fill(15))
    assert.deepEqual(k6.seconds.map((s) => s.vus), [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000])
    k6.seconds.forEach((s, i) => near(s.latency.percentile(95), 200 + i))
    assert.equal(k6.seconds[0]?.time, T0 / 1000)
    assert.deepEqual(k6.errors, [{ operation: 'news', status: '503', errorCode: '1503', count: 5 }])
    assert.deepEqual(k6.checks.get('status is 200'), { passes: 145, fails: 5 })
    assert.equal(k6.malformedLines, 0)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

test('a cut or garbled line is counted and skipped, the rest is still read', () => {
  const agg = new K6Aggregator()
  const lines = fixtureNdjson().trim().split('\n')
  lines.splice(6, 0, '{"type":"Point","data":{"time":"2026-11', 'not json', '{"type":"Point","data":{"time":"yesterday","value":1},"metric":"vus"}')
  for (const line of lines) agg.line(line)
  const result = agg.result()
  assert.equal(result.malformedLines, 3)
  assert.equal(result.firstMalformedLine, 7)
  assert.equal(result.operations.get('quotes')?.duration.count, 100)
})

test('seconds long past are frozen to their chart percentiles; a point arriving later still counts in the totals', () => {
  const agg = new K6Aggregator()
  const line = (second: number, ms: number): string => JSON.stringify({ type: 'Point', metric: 'http_req_duration', data: { time: new Date(T0 + second * 1000).toISOString(), value: ms, tags: { name: 'x' } } })
  for (let v = 1; v <= 100; v++) agg.line(line(0, v))
  agg.line(line(FREEZE_AFTER_S + 1, 5)) // freezes second 0
  agg.line(line(0, 1000)) // too late for second 0's chart
  const result = agg.result()
  near(result.seconds[0]?.latency.percentile(95) ?? null, 95)
  assert.equal(result.lateLatencyPoints, 1)
  assert.equal(result.operations.get('x')?.duration.count, 102)
  assert.equal(result.operations.get('x')?.duration.max, 1000)
})

test('a tracked submetric selector aggregates only the matching points', () => {
  const agg = new K6Aggregator({ track: ['http_req_duration{name:news}', 'http_req_failed{name:news,status:503}'] })
  for (const line of fixtureNdjson().split('\n')) agg.line(line)
  const news = agg.stats.get('http_req_duration{name:news}')
  assert.equal(news?.type === 'trend' ? news.stats.count : -1, 50)
  const failed = agg.stats.get('http_req_failed{name:news,status:503}')
  assert.equal(failed?.type === 'rate' ? failed.stats.rate : -1, 1)
})

test('operations past the runner\'s limit of distinct names count in the totals only, so unnamed URLs cannot exhaust memory', () => {
  const agg = new K6Aggregator()
  const t0 = Date.UTC(2026, 10, 28)
  for (let i = 0; i < DEFAULT_MAX_TAG_VALUES + 5; i++) {
    const tags = { url: `http://127.0.0.1/items/${i}`, status: '200' }
    agg.line(JSON.stringify({ type: 'Point', metric: 'http_req_duration', data: { time: new Date(t0 + i).toISOString(), value: 10, tags } }))
    agg.line(JSON.stringify({ type: 'Point', metric: 'http_req_failed', data: { time: new Date(t0 + i).toISOString(), value: 0, tags } }))
  }
  const result = agg.result()
  assert.equal(result.operations.size, DEFAULT_MAX_TAG_VALUES)
  assert.equal(result.operationsOverflow, 5)
  const duration = result.stats.get('http_req_duration')
  assert.equal(duration?.type === 'trend' ? duration.stats.count : -1, DEFAULT_MAX_TAG_VALUES + 5)
})
