import { test } from 'node:test'
import { gunzipSync } from 'node:zlib'
import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { httpFixture } from './fixtures/servers.js'
import { fixtureScript, runMib } from './fixtures/run-mib.js'

async function okServer (t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const server = await httpFixture((_req, res) => { res.end('ok') })
  t.after(async () => { await server.close() })
  return server.url
}

test('exit 0 when the thresholds hold; the summary is printed', async (t) => {
  const url = await okServer(t)
  const { code, stdout } = await runMib(['load', fixtureScript('pass.ts'), '-e', `BASE_URL=${url}`, '-q']).done
  assert.equal(code, 0, stdout)
  assert.match(stdout, /http_reqs/)
  assert.match(stdout, /✓ 'rate<0\.01'/)
})

test('exit 99 when a threshold fails', async (t) => {
  const url = await okServer(t)
  const { code, stdout } = await runMib(['load', fixtureScript('fail-threshold.ts'), '-e', `BASE_URL=${url}`, '-q']).done
  assert.equal(code, 99)
  assert.match(stdout, /✗ 'p\(95\)<0'/)
})

test('--no-thresholds reports the failure but exits 0', async (t) => {
  const url = await okServer(t)
  const { code } = await runMib(['load', fixtureScript('fail-threshold.ts'), '-e', `BASE_URL=${url}`, '-q', '--no-thresholds']).done
  assert.equal(code, 0)
})

test('abortOnFail stops the test early with exit 99', async () => {
  const started = Date.now()
  const { code, stderr } = await runMib(['load', fixtureScript('abort-on-fail.ts'), '-q']).done
  assert.equal(code, 99)
  assert.match(stderr, /abortOnFail/)
  assert.ok(Date.now() - started < 50_000, 'well before the 60 s duration')
})

test('exit 104 for invalid options, every problem listed', async () => {
  const { code, stderr } = await runMib(['load', fixtureScript('bad-options.ts')]).done
  assert.equal(code, 104)
  assert.match(stderr, /vus: Invalid input/)
  assert.match(stderr, /unknown key "durration" \(did you mean "duration"\?\)/)
  assert.match(stderr, /scenarios\.a\.duration/)
})

test('exit 104 for an invalid flag value', async () => {
  const { code, stderr } = await runMib(['load', fixtureScript('pass.ts'), '--time-scale', 'fast']).done
  assert.equal(code, 104)
  assert.match(stderr, /--time-scale/)
})

test('exit 104 for --time-scale with --fast-forward: one keeps the think time, the other scales it', async () => {
  const { code, stderr } = await runMib(['load', fixtureScript('pass.ts'), '--time-scale', '0.5', '--fast-forward', '0.5']).done
  assert.equal(code, 104)
  assert.match(stderr, /--time-scale and --fast-forward exclude each other/)
})

test('exit 107 when the script throws while loading, or does not exist', async () => {
  const thrown = await runMib(['load', fixtureScript('throws-at-load.ts')]).done
  assert.equal(thrown.code, 107)
  assert.match(thrown.stderr, /broken init code/)
  const missing = await runMib(['load', 'no/such/script.ts']).done
  assert.equal(missing.code, 107)
  assert.match(missing.stderr, /script not found/)
})

test('exit 100 when setup() outlives setupTimeout', async () => {
  const { code, stderr } = await runMib(['load', fixtureScript('setup-timeout.ts')]).done
  assert.equal(code, 100)
  assert.match(stderr, /setupTimeout/)
})

test('exit 101 when teardown() outlives teardownTimeout; the summary is still printed', async () => {
  const { code, stdout, stderr } = await runMib(['load', fixtureScript('teardown-timeout.ts'), '-q']).done
  assert.equal(code, 101, stderr)
  assert.match(stderr, /teardownTimeout/)
  assert.match(stdout, /iterations/)
})

test('a rejected promise the script forgot to await is reported, not fatal (exit 0)', async () => {
  const { code, stdout, stderr } = await runMib(['load', fixtureScript('forgotten-await.ts'), '-q']).done
  assert.equal(code, 0, stderr)
  assert.match(stderr, /unhandled promise rejection \(a call without await\?\).*nobody awaited me/)
  assert.match(stdout, /iterations\.+: 3/)
})

test('handleSummary owns stdout and writes the files it names', async (t) => {
  const url = await okServer(t)
  const dir = await mkdtemp(join(tmpdir(), 'mib-load-'))
  t.after(async () => { await rm(dir, { recursive: true, force: true }) })
  const file = join(dir, 'custom.json')
  const { code, stdout } = await runMib(['load', fixtureScript('handle-summary.ts'), '-e', `BASE_URL=${url}`, '-e', `SUMMARY_FILE=${file}`, '-q']).done
  assert.equal(code, 0)
  assert.match(stdout, /custom summary: 2 requests/)
  assert.doesNotMatch(stdout, /TOTAL RESULTS/)
  assert.deepEqual(JSON.parse(await readFile(file, 'utf8')), { reqs: 2 })
})

test('Ctrl-C stops gracefully: teardown runs, the summary is printed, outputs are flushed, exit 105', async (t) => {
  const url = await okServer(t)
  const dir = await mkdtemp(join(tmpdir(), 'mib-load-'))
  t.after(async () => { await rm(dir, { recursive: true, force: true }) })
  const ndjson = join(dir, 'out.ndjson')
  const aggregates = join(dir, 'aggregates.ndjson.gz')
  const summary = join(dir, 'summary.json')
  const run = runMib(['load', fixtureScript('long-run.ts'), '-e', `BASE_URL=${url}`, '--out', `json=${ndjson}`, '--out', `aggregate=${aggregates}`, '--summary-export', summary])
  await run.waitForStderr('running (')
  run.child.kill('SIGINT')
  const { code, stdout, stderr } = await run.done
  assert.equal(code, 105, stderr)
  assert.match(stderr, /stopping the test gracefully/)
  assert.match(stdout, /teardown ran/)
  assert.match(stdout, /http_reqs/)
  const lines = (await readFile(ndjson, 'utf8')).trim().split('\n')
  assert.ok(lines.length > 10)
  for (const line of lines) JSON.parse(line)
  assert.ok(lines.some((l) => l.includes('"http_reqs"')))
  // The aggregates hold the same requests, last window included.
  const windows = gunzipSync(await readFile(aggregates)).toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string, metrics?: { http_reqs?: { n: number } } })
  const requests = windows.reduce((n, w) => n + (w.metrics?.http_reqs?.n ?? 0), 0)
  assert.equal(requests, lines.filter((l) => l.includes('"metric":"http_reqs"') && l.includes('"Point"')).length)
  const exported = JSON.parse(await readFile(summary, 'utf8')) as { metrics: Record<string, unknown> }
  assert.ok('http_reqs' in exported.metrics)
})

test('a second Ctrl-C aborts at once, still summarising what was measured', async (t) => {
  const url = await okServer(t)
  // Iterations sleep 60 s with gracefulStop 60 s: only the abort can end this quickly.
  const run = runMib(['load', fixtureScript('long-run.ts'), '-e', `BASE_URL=${url}`, '-e', 'ITERATION_SLEEP=60'])
  await run.waitForStderr('running (')
  const started = Date.now()
  run.child.kill('SIGINT')
  await run.waitForStderr('stopping the test gracefully')
  run.child.kill('SIGINT')
  const { code, stdout, stderr } = await run.done
  assert.equal(code, 105, stderr)
  assert.match(stderr, /aborting/)
  assert.doesNotMatch(stdout, /teardown ran/, 'no teardown after an abort')
  assert.match(stdout, /http_reqs/)
  assert.ok(Date.now() - started < 30_000)
})

test('regression: Ctrl-C twice after the scenarios ended (while the summary is written) exited 130 with no summary; now the summary and --summary-export are written, exit 105', async (t) => {
  const url = await okServer(t)
  const dir = await mkdtemp(join(tmpdir(), 'mib-load-'))
  t.after(async () => { await rm(dir, { recursive: true, force: true }) })
  const summary = join(dir, 'summary.json')
  const run = runMib(['load', fixtureScript('slow-summary.ts'), '-e', `BASE_URL=${url}`, '--summary-export', summary, '-q'])
  await run.waitForStderr('handleSummary started')
  run.child.kill('SIGINT')
  await run.waitForStderr('interrupted: writing the summary')
  run.child.kill('SIGINT')
  const { code, stdout, stderr } = await run.done
  assert.equal(code, 105, stderr)
  assert.match(stdout, /custom summary: 2 requests/)
  const exported = JSON.parse(await readFile(summary, 'utf8')) as { metrics: Record<string, unknown> }
  assert.ok('http_reqs' in exported.metrics)
})
