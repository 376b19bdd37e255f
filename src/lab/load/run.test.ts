import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { httpFixture } from './fixtures/servers.js'
import { fixtureScript } from './fixtures/run-mib.js'
import { runLoadTest, type RunStatus } from './run.js'
import type { WindowStats } from './metrics/index.js'

test('setup data reaches every scenario\'s exec function and teardown; scenario env, tags and startTime apply', async (t) => {
  const paths: string[] = []
  const server = await httpFixture((req, res) => { paths.push(req.url ?? ''); res.end(req.url === '/login' ? 'secret' : 'ok') })
  t.after(async () => { await server.close() })
  const result = await runLoadTest({ script: fixtureScript('lifecycle.ts'), env: { BASE_URL: server.url }, workers: 1, quiet: true, noSummary: true, handleSignals: false })
  assert.equal(result.exitCode, 0, JSON.stringify(result.thresholds.filter((r) => !r.ok).map((r) => [r.metric, r.expression, r.actual])))
  assert.equal(paths[0], '/login')
  assert.equal(paths.at(-1), '/logout?token=secret')
  assert.equal(paths.filter((p) => p === '/browse').length, 4)
  assert.equal(paths.filter((p) => p === '/buy').length, 3)
  assert.equal(result.summary.metrics.checks?.values.passes, 3)
})

test('onWindow is called about every tick with the window\'s aggregates and the run status', async (t) => {
  const server = await httpFixture((_req, res) => { res.end('ok') })
  t.after(async () => { await server.close() })
  const windows: Array<{ window: WindowStats, status: RunStatus }> = []
  await runLoadTest({
    script: fixtureScript('pass.ts'),
    env: { BASE_URL: server.url },
    workers: 1,
    quiet: true,
    noSummary: true,
    handleSignals: false,
    tickMs: 200,
    onWindow: (window, status) => { windows.push({ window, status }) }
  })
  assert.ok(windows.length >= 3, `${windows.length} windows`)
  const requests = windows.reduce((n, w) => n + (w.window.metrics.http_reqs?.type === 'counter' ? w.window.metrics.http_reqs.count : 0), 0)
  assert.ok(requests > 0)
  assert.ok(windows.some((w) => w.status.vus > 0))
  assert.equal(windows[0]?.status.plannedMs, 1000)
  assert.equal(windows[0]?.status.scenarios[0]?.scenario, 'default')
  assert.deepEqual(windows[0]?.status.thresholds.map((r) => r.metric).sort(), ['checks', 'http_req_failed'], 'live threshold results for the dashboard')
})

test('--results-dir writes aggregates.ndjson and summary.json into a new run directory', async (t) => {
  const server = await httpFixture((_req, res) => { res.end('ok') })
  const root = await mkdtemp(join(tmpdir(), 'mib-results-'))
  t.after(async () => { await server.close(); await rm(root, { recursive: true, force: true }) })
  const stderr = new PassThrough()
  let stderrText = ''
  stderr.on('data', (chunk: Buffer) => { stderrText += chunk.toString() })
  const result = await runLoadTest({
    script: fixtureScript('fail-threshold.ts'),
    env: { BASE_URL: server.url },
    workers: 1,
    quiet: true,
    noSummary: true,
    handleSignals: false,
    resultsDir: root,
    stderr
  })
  assert.equal(result.exitCode, 99)
  assert.ok(result.runDir?.startsWith(root))
  const files = await readdir(result.runDir as string)
  assert.ok(files.includes('aggregates.ndjson') && files.includes('summary.json') && files.includes('manifest.json'), files.join(', '))
  assert.ok(!files.includes('results.ndjson'), 'every sample only on request (--out json=…)')
  const lines = (await readFile(join(result.runDir as string, 'aggregates.ndjson'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { type: string, metrics?: Record<string, unknown> })
  assert.equal(lines[0]?.type, 'Header')
  assert.ok(lines.some((l) => l.type === 'Window' && l.metrics?.http_reqs !== undefined))
  assert.match(stderrText, /results: /)
})

test('regression: --summary-export with --results-dir left no summary.json in the run directory; now both files are written', async (t) => {
  const server = await httpFixture((_req, res) => { res.end('ok') })
  const root = await mkdtemp(join(tmpdir(), 'mib-results-'))
  t.after(async () => { await server.close(); await rm(root, { recursive: true, force: true }) })
  const exported = join(root, 'my-summary.json')
  const result = await runLoadTest({
    script: fixtureScript('pass.ts'),
    env: { BASE_URL: server.url },
    workers: 1,
    quiet: true,
    noSummary: true,
    handleSignals: false,
    resultsDir: root,
    summaryExport: exported,
    stderr: new PassThrough()
  })
  const inRunDir = JSON.parse(await readFile(join(result.runDir as string, 'summary.json'), 'utf8')) as { metrics: Record<string, unknown> }
  const mine = JSON.parse(await readFile(exported, 'utf8')) as { metrics: Record<string, unknown> }
  assert.ok('http_reqs' in inRunDir.metrics)
  assert.deepEqual(Object.keys(mine.metrics).sort(), Object.keys(inRunDir.metrics).sort())
})
