import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { analyzeRun, type Analysis, type LatencySummary } from '../analyze/analysis.js'
import { readAggregates } from './aggregate-reader.js'
import { readK6Ndjson } from './ndjson-reader.js'
import { TWIN_SECONDS, TWIN_T0, writeTwinRuns, type TwinRuns } from '../fixtures/twin-run.js'
import type { RunDir } from '../../results-dir/index.js'

async function withTwins<T> (fn: (twins: TwinRuns) => Promise<T>, options: { gzip?: boolean } = {}): Promise<T> {
  const root = await mkdtemp(join(tmpdir(), 'mib-twins-'))
  try {
    return await fn(await writeTwinRuns(root, options))
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}

async function analyze (run: RunDir): Promise<Analysis> {
  return await analyzeRun({ runId: run.id, dir: run.dir, manifest: await run.readManifest() })
}

/** Within `relative` of the expected value (HDR precision), both null, or both equal. */
function close (actual: number | null | undefined, expected: number | null | undefined, relative: number, what: string): void {
  if (expected === null || expected === undefined) { assert.equal(actual ?? null, expected ?? null, what); return }
  assert.ok(actual !== null && actual !== undefined, `${what}: expected ${expected}, got ${String(actual)}`)
  assert.ok(Math.abs(actual - expected) <= Math.abs(expected) * relative + 1e-9, `${what}: expected ${expected} ± ${relative * 100} %, got ${actual}`)
}

function sameLatency (actual: LatencySummary | null | undefined, expected: LatencySummary | null | undefined, relative: number, what: string): void {
  assert.ok(actual !== null && actual !== undefined && expected !== null && expected !== undefined, `${what}: both have latency`)
  close(actual.avg, expected.avg, 1e-9, `${what} avg`)
  assert.equal(actual.min, expected.min, `${what} min (exact)`)
  assert.equal(actual.max, expected.max, `${what} max (exact)`)
  for (const p of ['p50', 'p90', 'p95', 'p99'] as const) close(actual[p], expected[p], relative, `${what} ${p}`)
}

/** Whole metrics and sub-metrics keep 3 significant digits (0.1 %); per-operation histograms 2 (1 %). */
const WHOLE = 0.001
const PER_OPERATION = 0.01

test('the report figures from the aggregates agree with those from k6 JSON lines of the same run', async () => {
  await withTwins(async ({ ndjson, aggregates }) => {
    const raw = await analyze(ndjson)
    const agg = await analyze(aggregates)
    assert.match(agg.sources.ndjson ?? '', /aggregates\.ndjson$/)
    assert.match(raw.sources.ndjson ?? '', /results\.ndjson$/)
    assert.deepEqual(agg.warnings, [])

    assert.equal(agg.overall.requests, raw.overall.requests)
    assert.equal(agg.overall.requests, TWIN_SECONDS * 175)
    assert.equal(agg.overall.failedRequests, raw.overall.failedRequests)
    assert.equal(agg.overall.errorRate, raw.overall.errorRate)
    assert.equal(agg.overall.maxVus, raw.overall.maxVus)
    assert.equal(agg.overall.peakRps, raw.overall.peakRps)
    assert.deepEqual(agg.overall.checks, raw.overall.checks)
    sameLatency(agg.overall.latency, raw.overall.latency, WHOLE, 'overall')
    // The windows' histograms merge bucket for bucket into the one the JSON lines fill: equal percentiles, not merely close.
    assert.deepEqual({ ...agg.overall.latency, avg: null }, { ...raw.overall.latency, avg: null })

    assert.deepEqual(agg.operations.map((o) => [o.name, o.requests, o.errorRate]), raw.operations.map((o) => [o.name, o.requests, o.errorRate]))
    for (const [i, op] of agg.operations.entries()) sameLatency(op.latency, raw.operations[i]?.latency, PER_OPERATION, op.name)

    assert.equal(agg.timeline.time[0], TWIN_T0 / 1000)
    assert.deepEqual(agg.timeline.time, raw.timeline.time)
    assert.deepEqual(agg.timeline.rps, raw.timeline.rps)
    assert.deepEqual(agg.timeline.vus, raw.timeline.vus)
    assert.deepEqual(agg.timeline.errorRate, raw.timeline.errorRate)
    for (const p of ['p50', 'p95', 'p99'] as const) agg.timeline[p].forEach((v, i) => { close(v, raw.timeline[p][i], WHOLE, `second ${i} ${p}`) })

    assert.deepEqual(agg.stages.map((s) => [s.start, s.end, s.stats?.requests, s.stats?.errorRate, s.maxVus]), raw.stages.map((s) => [s.start, s.end, s.stats?.requests, s.stats?.errorRate, s.maxVus]))
    for (const [i, stage] of agg.stages.entries()) sameLatency(stage.stats?.latency, raw.stages[i]?.stats?.latency, WHOLE, stage.name)
    assert.deepEqual(agg.peak, raw.peak)
    sameLatency(agg.peakStats?.latency, raw.peakStats?.latency, WHOLE, 'peak')

    assert.deepEqual(agg.errors, raw.errors)
    assert.ok(agg.errors.some((e) => e.status === '503' && e.errorCode === '1503' && e.count === 40), 'news failures of second 4')
    assert.deepEqual(agg.checks, raw.checks)

    assert.deepEqual(agg.thresholds.map((t) => [t.metric, t.expression, t.ok]), raw.thresholds.map((t) => [t.metric, t.expression, t.ok]))
    for (const [i, row] of agg.thresholds.entries()) close(row.value, raw.thresholds[i]?.value, WHOLE, `threshold ${row.metric} ${row.expression}`)
  })
})

test('custom metrics (a data trend, a counter) come out of the aggregates as from the JSON lines', async () => {
  await withTwins(async ({ ndjson, aggregates }) => {
    const raw = await readK6Ndjson(join(ndjson.dir, 'results.ndjson'))
    const agg = await readAggregates(join(aggregates.dir, 'aggregates.ndjson'))
    const rawPayload = raw.stats.get('payload_bytes')
    const aggPayload = agg.stats.get('payload_bytes')
    assert.ok(rawPayload?.type === 'trend' && aggPayload?.type === 'trend')
    assert.equal(aggPayload.stats.count, rawPayload.stats.count)
    close(aggPayload.stats.mean, rawPayload.stats.mean, 1e-9, 'payload avg')
    // One HDR wrapper, one scaling (whole bytes for data trends): the same buckets either way, so equal percentiles.
    for (const p of [50, 90, 99]) assert.equal(aggPayload.stats.percentile(p), rawPayload.stats.percentile(p), `payload p${p}`)
    const rawOrders = raw.stats.get('orders')
    const aggOrders = agg.stats.get('orders')
    assert.ok(rawOrders?.type === 'counter' && aggOrders?.type === 'counter')
    assert.equal(aggOrders.stats.count, rawOrders.stats.count)
    assert.deepEqual(agg.metrics.get('http_req_duration')?.thresholds, ['p(95)<500'])
  })
})

test('gzip-compressed aggregates and JSON lines (.gz) read like the plain files', async () => {
  await withTwins(async ({ ndjson, aggregates }) => {
    assert.deepEqual([...(await readFile(join(aggregates.dir, 'aggregates.ndjson.gz'))).subarray(0, 2)], [0x1f, 0x8b])
    const raw = await analyze(ndjson)
    const agg = await analyze(aggregates)
    assert.match(agg.sources.ndjson ?? '', /aggregates\.ndjson\.gz$/)
    assert.equal(agg.overall.requests, TWIN_SECONDS * 175)
    assert.equal(raw.overall.requests, TWIN_SECONDS * 175)
    sameLatency(agg.overall.latency, raw.overall.latency, WHOLE, 'overall')
    // The windows' histograms merge bucket for bucket into the one the JSON lines fill: equal percentiles, not merely close.
    assert.deepEqual({ ...agg.overall.latency, avg: null }, { ...raw.overall.latency, avg: null })
  }, { gzip: true })
})

test('a truncated aggregates file (a crashed run) is read up to its last complete window', async () => {
  await withTwins(async ({ aggregates }) => {
    const file = join(aggregates.dir, 'aggregates.ndjson')
    const text = await readFile(file, 'utf8')
    const lastWindow = text.lastIndexOf('{"type":"Window"')
    const end = text.indexOf('\n', lastWindow)
    // Cut in the middle of the last window's line (the End line after it is lost too).
    await writeFile(file, text.slice(0, lastWindow + Math.floor((end - lastWindow) / 2)))
    const a = await analyze(aggregates)
    assert.equal(a.timeline.time.length, TWIN_SECONDS - 1)
    assert.equal(a.overall.requests, (TWIN_SECONDS - 1) * 175)
    assert.ok(a.warnings.some((w) => /1 malformed line\(s\) in aggregates\.ndjson/.test(w)), a.warnings.join('; '))
  })
})

test('a truncated gzip-compressed aggregates file keeps every window before the cut', async () => {
  await withTwins(async ({ aggregates }) => {
    const file = join(aggregates.dir, 'aggregates.ndjson.gz')
    const bytes = await readFile(file)
    // Windows are written one gzip member each, then the End line: cut the last window's member short.
    const endMember = bytes.lastIndexOf(Buffer.from([0x1f, 0x8b, 0x08]))
    await writeFile(file, bytes.subarray(0, endMember - 40))
    const a = await analyze(aggregates)
    assert.ok(a.timeline.time.length >= TWIN_SECONDS - 1 && a.timeline.time.length < TWIN_SECONDS, `${a.timeline.time.length} seconds`)
    assert.equal(a.overall.requests, a.timeline.rps.reduce((n, r) => n + r, 0))
    assert.match(a.incomplete.join('\n'), /aggregates\.ndjson\.gz has no end line/)
    assert.match(a.incomplete.join('\n'), /aggregates\.ndjson\.gz is cut short/)
  }, { gzip: true })
})

test('the aggregates of a run are a small fraction of its JSON lines', async () => {
  await withTwins(async ({ ndjson, aggregates }) => {
    const raw = (await stat(join(ndjson.dir, 'results.ndjson'))).size
    const agg = (await stat(join(aggregates.dir, 'aggregates.ndjson'))).size
    assert.ok(agg * 10 < raw, `aggregates ${agg} B vs JSON lines ${raw} B`)
  })
})

test('gzip of the whole file is what a k6 user would do by hand: the reader also takes such a file', async () => {
  await withTwins(async ({ aggregates }) => {
    const file = join(aggregates.dir, 'aggregates.ndjson')
    await writeFile(`${file}.gz`, gzipSync(await readFile(file)))
    await rm(file)
    const a = await analyze(aggregates)
    assert.equal(a.overall.requests, TWIN_SECONDS * 175)
  })
})
