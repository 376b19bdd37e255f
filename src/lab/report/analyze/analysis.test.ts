import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdir, mkdtemp, rm, writeFile, unlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { analyzeRun, type Analysis } from './analysis.js'
import { judge, targetsSchema, type TargetRow } from './verdict.js'
import { writeFixtureRun, T0, FIXTURE_SECONDS, type FixtureOptions } from '../fixtures/k6-run.js'
import { NoLoadDataError } from '../errors.js'

function near (actual: number | null | undefined, expected: number): void {
  assert.ok(actual !== null && actual !== undefined, `expected ${expected}, got ${String(actual)}`)
  assert.ok(Math.abs(actual - expected) <= expected * 0.001 + 1e-9, `expected ${expected} ± 0.1 %, got ${actual}`)
}

async function analyzeFixture (fixture: Omit<FixtureOptions, 'root'>, edit?: (dir: string) => Promise<void>): Promise<Analysis> {
  const root = await mkdtemp(join(tmpdir(), 'mib-analysis-'))
  try {
    const run = await writeFixtureRun({ root, ...fixture })
    await edit?.(run.dir)
    return await analyzeRun({ runId: run.id, dir: run.dir, manifest: await run.readManifest() })
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}

const STAGES = [{ duration: '5s', target: 500 }, { duration: '3s', target: 1000 }, { duration: '2s', target: 1000 }]

test('the analysis of the fixture run shows exactly its known figures', async () => {
  const a = await analyzeFixture({ stages: STAGES, profile: true })
  assert.equal(a.overall.requests, 150)
  near(a.overall.latency?.p95, 208)
  near(a.overall.latency?.p50, 75) // the 75th of 150 sorted values
  assert.equal(a.overall.latency?.max, 209)
  assert.equal(a.overall.errorRate, 5 / 150)
  assert.equal(a.overall.maxVus, 1000)
  assert.deepEqual(a.overall.checks, { passes: 145, fails: 5 })

  const [quotes, news] = a.operations
  assert.equal(quotes?.name, 'quotes')
  assert.equal(quotes?.requests, 100)
  assert.equal(quotes?.errorRate, 0)
  near(quotes?.latency.p90, 90)
  near(quotes?.latency.p95, 95)
  near(quotes?.latency.p99, 99)
  assert.equal(news?.name, 'news')
  assert.equal(news?.errorRate, 0.1)

  assert.equal(a.timeline.time.length, FIXTURE_SECONDS)
  assert.equal(a.timeline.time[0], T0 / 1000)
  assert.deepEqual(a.timeline.rps, Array(FIXTURE_SECONDS).fill(15))
  a.timeline.p95.forEach((v, i) => near(v, 200 + i))
  assert.deepEqual(a.timeline.errorRate.map((r) => r === null ? null : r * 15), [0, 0, 0, 5, 0, 0, 0, 0, 0, 0])

  // Stages: 5 s, 3 s, 2 s from the first point; the hold at 1000 (the last stage) is the peak.
  assert.deepEqual(a.stages.map((s) => [s.start - T0 / 1000, s.end - T0 / 1000, s.target]), [[0, 5, 500], [5, 8, 1000], [8, 10, 1000]])
  assert.equal(a.peak?.source, 'stages')
  assert.equal(a.overall.peakRps, 15)

  assert.deepEqual(a.errors, [{ operation: 'news', status: '503', errorCode: '1503', count: 5 }])

  assert.equal(a.resources?.system?.cpuPct?.mean, 20)
  assert.equal(a.resources?.system?.cpuPct?.max, 30)
  assert.equal(a.resources?.system?.memPct?.max, 60)
  const gateway = a.resources?.services.find((s) => s.name === 'gateway')
  assert.equal(gateway?.cpuPct?.mean, 60)
  assert.equal(gateway?.rssBytes?.max, 200_000_000)
  assert.equal(gateway?.shedRequests, 3, '1 shed/s over the 3 s from the sample at 2 s to the one at 5 s')
  assert.equal(gateway?.staleAnswers, 6, '2 stale answers/s over the same 3 s')

  const profile = a.profiles[0]
  assert.equal(profile?.file, 'gateway-cpu.pb.gz')
  assert.equal(profile?.sampleType, 'cpu')
  assert.equal(profile?.total, 40)
  assert.deepEqual(profile?.functions.map((f) => [f.name, f.flat, f.flatPct, f.cumPct]), [['handleQuote', 30, 75, 75], ['route', 10, 25, 100]])
})

test('without stages the peak is the seconds at the highest VU count; an unreadable profile is a warning, not a failure', async () => {
  const a = await analyzeFixture({ monitor: false }, async (dir) => {
    await mkdir(join(dir, 'profiles'), { recursive: true })
    await writeFile(join(dir, 'profiles', 'engine-cpu.pb.gz'), 'not a profile')
  })
  assert.equal(a.profiles.length, 0)
  assert.match(a.warnings.join('\n'), /profile .*engine-cpu\.pb\.gz could not be read/)
  assert.equal(a.peak?.source, 'vus')
  assert.equal(a.peak?.start, T0 / 1000 + 9)
  assert.equal(a.overall.peakRps, 15)
  assert.equal(a.resources, null)
})

function byId (rows: TargetRow[], id: string): TargetRow {
  const row = rows.find((r) => r.id === id)
  assert.ok(row, `no row ${id}`)
  return row
}

test('the verdict fails the targets the fixture misses and passes those it meets', async () => {
  const a = await analyzeFixture({ stages: STAGES })
  const v = judge(a)
  assert.equal(v.status, 'fail')
  assert.equal(byId(v.targets, 'latency-p95').status, 'pass')
  assert.equal(byId(v.targets, 'latency-p95').measured, '208.1 ms')
  assert.equal(byId(v.targets, 'error-rate').status, 'fail') // 3.33 % ≥ 1 %
  assert.equal(byId(v.targets, 'error-rate').measured, '3.33 %')
  assert.equal(byId(v.targets, 'peak-throughput').status, 'fail') // 15 req/s < 1,000
  assert.equal(byId(v.targets, 'peak-throughput').measured, '15.0 req/s')
  assert.equal(byId(v.targets, 'concurrent-users').status, 'pass')
  assert.equal(byId(v.targets, 'concurrent-users').measured, '1,000')
  assert.equal(byId(v.targets, 'system-cpu').measured, '20.0 %')
  assert.equal(byId(v.targets, 'system-memory').status, 'pass')
  assert.equal(byId(v.targets, 'cpu-gateway').measured, '60.0 %')
  assert.equal(byId(v.targets, 'memory-gateway').measured, '20.0 %') // 200 MB of 1 GB
  assert.ok(v.failed.includes('error rate < 1.00 %'))
})

test('the verdict passes when every target is met', async () => {
  const a = await analyzeFixture({ stages: STAGES })
  const v = judge(a, targetsSchema.parse({ errorRate: 0.05, peakRps: 15, p99Ms: 250 }))
  assert.deepEqual(v.failed, [])
  assert.equal(v.status, 'pass')
})

test('missing measurements are "not measured" and make the verdict inconclusive, never a pass', async () => {
  const a = await analyzeFixture({ monitor: false })
  const v = judge(a, targetsSchema.parse({ errorRate: 0.05, peakRps: 15, p99Ms: 250 }))
  assert.equal(byId(v.targets, 'system-cpu').status, 'not measured')
  assert.equal(byId(v.targets, 'system-cpu').measured, 'not measured')
  assert.equal(byId(v.targets, 'system-cpu').value, null)
  assert.equal(byId(v.targets, 'services-memory').status, 'not measured')
  assert.equal(v.status, 'inconclusive')
})

test('thresholds from the NDJSON Metric lines are evaluated on the data', async () => {
  const a = await analyzeFixture({ thresholds: { http_req_duration: ['p(95)<500', 'p(95)<100'], http_req_failed: ['rate<0.01'] } })
  const rows = a.thresholds.map((t) => [t.metric, t.expression, t.ok, t.source])
  assert.deepEqual(rows, [
    ['http_req_duration', 'p(95)<500', true, 'computed'],
    ['http_req_duration', 'p(95)<100', false, 'computed'],
    ['http_req_failed', 'rate<0.01', false, 'computed']
  ])
  near(a.thresholds[0]?.value, 208)
  assert.ok(judge(a).failed.includes('threshold http_req_duration: p(95)<100'))
})

test("a k6 summary export's threshold results are used as k6 wrote them (true means failed)", async () => {
  const summary = { metrics: { http_req_duration: { avg: 1, 'p(95)': 208, thresholds: { 'p(95)<500': false, 'p(95)<100': true } }, http_reqs: { count: 150, rate: 15 } } }
  const a = await analyzeFixture({}, async (dir) => { await writeFile(join(dir, 'summary.json'), JSON.stringify(summary)) })
  assert.deepEqual(a.thresholds.map((t) => [t.expression, t.ok, t.source]), [['p(95)<500', true, 'k6 summary'], ['p(95)<100', false, 'k6 summary']])
})

test('a summary export alone gives whole-run figures, and no peak throughput (it needs per-second data)', async () => {
  const summary = {
    metrics: {
      http_req_duration: { avg: 50, min: 1, med: 40, max: 300, 'p(90)': 120, 'p(95)': 180 },
      http_reqs: { count: 1200, rate: 20 },
      http_req_failed: { passes: 6, fails: 1194, value: 0.005 },
      vus: { value: 0, min: 0, max: 1200 }
    },
    operations: [{ name: 'quotes', requests: 1200, rps: 20, failed: 6, errorRate: 0.005, avg: 50, p50: 40, p95: 180, p99: 250, max: 300, checksPasses: 0, checksFails: 0 }]
  }
  const a = await analyzeFixture({}, async (dir) => {
    await unlink(join(dir, 'results.ndjson'))
    await writeFile(join(dir, 'load-summary.json'), JSON.stringify(summary))
  })
  assert.equal(a.overall.latency?.p95, 180)
  assert.equal(a.overall.latency?.p99, null)
  assert.equal(a.overall.errorRate, 0.005)
  assert.equal(a.overall.maxVus, 1200)
  assert.equal(a.durationS, 60)
  const v = judge(a)
  assert.equal(byId(v.targets, 'latency-p99').status, 'not measured')
  assert.equal(byId(v.targets, 'peak-throughput').status, 'not measured')
  assert.equal(byId(v.targets, 'concurrent-users').status, 'pass')
  assert.equal(a.timeline.time.length, 0)
  assert.deepEqual(a.operations.map((o) => [o.name, o.requests, o.rps, o.errorRate, o.latency.p95, o.latency.p99]), [['quotes', 1200, 20, 0.005, 180, 250]])
})

test('a run with neither NDJSON nor summary is refused with its code', async () => {
  await assert.rejects(analyzeFixture({}, async (dir) => { await unlink(join(dir, 'results.ndjson')) }), NoLoadDataError)
})
