import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { analyzeAndReport } from './analyze.js'
import { readManifest } from '../../results-dir/index.js'
import { writeFixtureRun, FIXTURE_SECONDS, T0 } from '../fixtures/k6-run.js'
import { withPage, blockExternalRequests, evaluate, waitUntil, chartPoints } from '../fixtures/browser.js'

const STAGES = [{ duration: '5s', target: 500 }, { duration: '3s', target: 1000 }, { duration: '2s', target: 1000 }]

async function withRoot (fn: (root: string) => Promise<void>): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'mib-report-'))
  try { await fn(root) } finally { await rm(root, { recursive: true, force: true }) }
}

test('analyze writes report.md with the measured figures and records the verdict in the manifest', async () => {
  await withRoot(async (root) => {
    const run = await writeFixtureRun({ root, stages: STAGES, profile: true })
    const result = await analyzeAndReport({ root, run: run.id, now: new Date(T0 + 60_000) })
    const md = await readFile(result.files.markdown, 'utf8')
    assert.match(md, /\*\*Verdict: FAIL\*\*/)
    assert.match(md, /\| p95 latency < 500 ms \| 208\.1 ms \| ✓ pass \|/)
    assert.match(md, /\| error rate < 1\.00 % \| 3\.33 % \| ✗ fail \|/)
    assert.match(md, /\| quotes \| 100 \| 10\.0 \| 0\.00 % \| 50\.0 ms \| 90\.0 ms \| 95\.0 ms \| 99\.0 ms \| 100\.0 ms \|/)
    assert.match(md, /\| news \| 503 \| 1503 \| 5 \| 100\.00 % \|/)
    // The monitor's shed_per_s (1/s over 3 s): shown as shed, beside the failures.
    assert.match(md, /\| gateway \| 3 \| 60\.00 % \|/)
    assert.match(md, /MIB_ERR_HTTP_OVERLOADED/)
    // The monitor's stale_per_s (2/s over 3 s, of 150 requests): shown as stale answers, not as failures.
    assert.match(md, /\| gateway \| 6 \| 4\.00 % \|/)
    assert.match(md, /gateway_stale_answers_total/)
    assert.match(md, /\| gateway \| 60\.0 % \| 70\.0 % \| 143\.1 MiB \| 190\.7 MiB \| 2 \|/)
    assert.match(md, /\| handleQuote \| routes\/quotes\.js \| 30 \| 75\.0 \| 75\.0 \|/)
    assert.match(md, /Peak window: stage 3 → 1000; there: 15\.0 req\/s, p95 209\.0 ms, p99 209\.0 ms, errors 0\.00 %\./)
    // Stage 1 holds seconds 0–4: 75 requests, the 5 failures of second 3, p50 = the 38th of 75 values, p95 = the 72nd.
    assert.match(md, /\| stage 1 → 500 \| 0–5 s \| 500 \| 500 \| 75 \| 15\.0 \| 6\.67 % \| 38\.0 ms \| 204\.\d ms \| 204\.\d ms \|/)
    assert.match(md, /\| stage 3 → 1000 \| 8–10 s \| 1000 \| 1,000 \| 30 \| 15\.0 \| 0\.00 % \|/)
    const manifest = await readManifest(run.dir)
    assert.equal(manifest.verdict?.status, 'fail')
    assert.ok(manifest.verdict?.failed.includes('error rate < 1.00 %'))
    const json = JSON.parse(await readFile(result.files.json, 'utf8'))
    assert.equal(json.analysis.overall.requests, 150)
  })
})

test('report.html opens offline in Chromium and charts one point per second of the run', async () => {
  await withRoot(async (root) => {
    const run = await writeFixtureRun({ root, stages: STAGES })
    const result = await analyzeAndReport({ root, run: run.id })
    await withPage(async (page) => {
      const blocked: string[] = []
      await blockExternalRequests(page, blocked)
      await page.goto(pathToFileURL(result.files.html).href)
      await waitUntil(page, `${chartPoints('latency', 'mibReport')} >= 0`)
      const view = await evaluate<{ canvases: number, throughput: number, latency: number, errors: number, p95: Array<number | null>, stages: number, verdict: string, cpu: number, cpuSeries: number, memory: number }>(page, `({
        canvases: document.querySelectorAll('.charts canvas').length,
        cpu: ${chartPoints('cpu', 'mibReport')},
        cpuSeries: window.mibReport.charts.cpu.series.length,
        memory: ${chartPoints('memory', 'mibReport')},
        throughput: ${chartPoints('throughput', 'mibReport')},
        latency: ${chartPoints('latency', 'mibReport')},
        errors: ${chartPoints('errors', 'mibReport')},
        p95: window.mibReport.charts.latency.data[2],
        stages: window.mibReport.data.stages.length,
        verdict: document.getElementById('verdict').textContent
      })`)
      assert.equal(view.canvases, 5)
      // Monitor samples within the load: system at 1, 4, 7 s, gateway at 2, 5 s (its row at 8 s is empty,
      // the system row at 60 s is after the load).
      assert.equal(view.cpu, 5)
      assert.equal(view.memory, 5)
      assert.equal(view.cpuSeries, 1 + 3) // x, system CPU, system memory, gateway CPU
      assert.equal(view.throughput, FIXTURE_SECONDS)
      assert.equal(view.latency, FIXTURE_SECONDS)
      assert.equal(view.errors, FIXTURE_SECONDS)
      view.p95.forEach((v, i) => assert.ok(v !== null && Math.abs(v - (200 + i)) <= 0.21, `p95 of second ${i}: ${String(v)}`))
      assert.equal(view.stages, 3)
      assert.equal(view.verdict, 'Verdict: FAIL')
      assert.deepEqual(blocked, [])
    })
  })
})

test('with a baseline, the report lists the deltas and flags the regression', async () => {
  await withRoot(async (root) => {
    const base = await writeFixtureRun({ root, label: 'base', now: new Date(T0) })
    const slow = await writeFixtureRun({ root, label: 'slow', now: new Date(T0 + 3600_000), latencyFactor: 1.5 })
    const result = await analyzeAndReport({ root, run: slow.id, baseline: base.id })
    const flagged = result.comparison?.regressions.map((r) => `${r.scope} ${r.metric}`) ?? []
    assert.deepEqual(flagged.sort(), ['quotes p95', 'quotes p99'])
    const md = await readFile(result.files.markdown, 'utf8')
    assert.match(md, /\| quotes \| p95 \| 95\.0 ms \| 142\.\d ms \| \+50\.\d % \| ✗ regression \(worse by more than 10 %\) \|/)
    assert.equal((await readManifest(slow.dir)).verdict?.regressions, 2)
  })
})

test('a run with only a summary export gets a report without charts, and the page has no script error', async () => {
  await withRoot(async (root) => {
    const run = await writeFixtureRun({ root, monitor: false })
    const { unlink, writeFile } = await import('node:fs/promises')
    await unlink(join(run.dir, 'results.ndjson'))
    await writeFile(join(run.dir, 'summary.json'), JSON.stringify({ metrics: { http_req_duration: { avg: 50, med: 40, 'p(95)': 180, thresholds: { 'p(95)<500': false } }, http_reqs: { count: 600, rate: 10 } } }))
    const result = await analyzeAndReport({ root, run: run.id })
    const md = await readFile(result.files.markdown, 'utf8')
    assert.match(md, /\| p95 latency < 500 ms \| 180\.0 ms \| ✓ pass \|/)
    assert.match(md, /\| p99 latency < 1000 ms \| not measured \| not measured \|/)
    // Nothing measured fails, but the error rate, VUs and throughput were not measured: not a pass.
    assert.match(md, /\*\*Verdict: INCONCLUSIVE\*\*/)
    await withPage(async (page) => {
      await page.goto(pathToFileURL(result.files.html).href)
      const charts = await evaluate<number>(page, 'Object.keys(window.mibReport.charts).length')
      assert.equal(charts, 0)
      assert.match(await page.textContent('body') ?? '', /No per-second data/)
    })
  })
})
