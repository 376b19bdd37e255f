/**
 * The k6 conformance corpus: one small k6 script per feature, written in k6's
 * synchronous style and run unchanged, with the outcome k6's documentation
 * states (exit code, checks, thresholds, summary fields), against a real
 * loopback server.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { runLoadTest, type LoadTestResult } from '../run.js'
import { exitCodeOf } from '../../../errors.js'
import { startTarget, type Target } from './fixtures/target.js'

let target: Target
let scratch: string
before(async () => { target = await startTarget(); scratch = await mkdtemp(join(tmpdir(), 'mib-k6-corpus-')) })
after(async () => { await target.close(); await rm(scratch, { recursive: true, force: true }) })

interface Outcome { exitCode: number, result: LoadTestResult | undefined, error: unknown, stdout: string, elapsedMs: number }

async function run (name: string, extra: { env?: Record<string, string>, workers?: number, summaryExport?: string } = {}): Promise<Outcome> {
  let stdout = ''
  const sink = new Writable({ write (chunk: Buffer, _enc, done) { stdout += chunk.toString(); done() } })
  const started = Date.now()
  try {
    const result = await runLoadTest({
      script: fileURLToPath(new URL(`./fixtures/corpus/${name}`, import.meta.url)),
      env: { BASE_URL: target.url, WS_URL: target.wsUrl, ...extra.env },
      processEnv: {},
      workers: extra.workers ?? 1,
      ...(extra.summaryExport !== undefined ? { summaryExport: extra.summaryExport } : {}),
      quiet: true,
      handleSignals: false,
      stdout: sink,
      stderr: new Writable({ write (_c, _e, done) { done() } })
    })
    return { exitCode: result.exitCode, result, error: undefined, stdout, elapsedMs: Date.now() - started }
  } catch (error) {
    return { exitCode: exitCodeOf(error), result: undefined, error, stdout, elapsedMs: Date.now() - started }
  }
}

function values (outcome: Outcome, metric: string): Readonly<Record<string, number>> {
  return outcome.result?.summary.metrics[metric]?.values ?? {}
}

function failedThresholds (outcome: Outcome): string[] {
  return (outcome.result?.thresholds ?? []).filter((t) => !t.ok).map((t) => `${t.metric} ${t.expression}`)
}

function assertPassed (outcome: Outcome, checks: number): void {
  assert.equal(outcome.exitCode, 0, `${String(outcome.error)} ${JSON.stringify(failedThresholds(outcome))}`)
  assert.deepEqual(failedThresholds(outcome), [])
  assert.equal(values(outcome, 'checks').passes, checks)
  assert.equal(values(outcome, 'checks').fails, 0)
}

test('http-methods: every k6/http request function returns its response synchronously', async () => {
  const outcome = await run('http-methods.js')
  assertPassed(outcome, 9)
  assert.equal(values(outcome, 'http_reqs').count, 9)
})

test('check-returns-boolean: check() returns whether all passed; failed checks are counted, the iteration goes on', async () => {
  const outcome = await run('check-returns-boolean.js')
  assert.equal(outcome.exitCode, 0)
  assert.equal(values(outcome, 'checks').passes, 3)
  assert.equal(values(outcome, 'checks').fails, 2)
  assert.equal(values(outcome, 'after_checks').count, 2)
  assert.equal(values(outcome, 'all_passed').count, 2)
})

test('group-tags: group() nests the group tag, returns the callback value, and builds the summary\'s group tree', async () => {
  const outcome = await run('group-tags.js')
  assertPassed(outcome, 4)
  const outer = outcome.result?.summary.root_group.groups.find((g) => g.name === 'outer')
  const inner = outer?.groups.find((g) => g.name === 'inner')
  assert.equal(inner?.path, '::outer::inner')
  assert.deepEqual(inner?.checks.map((c) => [c.name, c.passes, c.fails]), [['inner ok', 2, 0]])
})

test('thresholds-submetrics: sub-metric selectors on system and scenario tags; one failed threshold exits 99', async () => {
  const outcome = await run('thresholds-submetrics.js')
  assert.equal(outcome.exitCode, 99)
  assert.deepEqual(failedThresholds(outcome), ['http_req_duration{name:slow} max<1'])
})

test('no-samples-threshold: a threshold on a Rate without samples passes (k6 v0.48)', async () => {
  const outcome = await run('no-samples-threshold.js')
  assert.equal(outcome.exitCode, 0, JSON.stringify(failedThresholds(outcome)))
})

test('abort-on-fail: abortOnFail stops the test with 99, not before delayAbortEval', async () => {
  const outcome = await run('abort-on-fail.js')
  assert.equal(outcome.exitCode, 99)
  assert.equal(outcome.result?.interruption, 'threshold')
  assert.ok(outcome.elapsedMs < 20_000, `stopped after ${outcome.elapsedMs} ms of a 30 s test`)
  assert.ok((values(outcome, 'http_reqs').count ?? 0) > 10, 'it ran for the 2 s delay first')
})

test('init-throws: an exception in the init context exits 107', async () => {
  const outcome = await run('init-throws.js')
  assert.equal(outcome.exitCode, 107)
  assert.match(String(outcome.error), /BASE_URL is required/)
})

test('invalid-options: invalid options exit 104', async () => {
  const outcome = await run('invalid-options.js')
  assert.equal(outcome.exitCode, 104)
})

test('test-abort: exec.test.abort() exits 108 early, and teardown still runs', async () => {
  const before = target.requests()
  const outcome = await run('test-abort.js')
  assert.equal(outcome.exitCode, 108)
  assert.ok(outcome.elapsedMs < 20_000, `stopped after ${outcome.elapsedMs} ms of a 30 s test`)
  assert.ok(target.requests() - before >= 2, 'the iteration\'s request and teardown\'s')
})

test('lifecycle: setup data reaches VUs and teardown; handleSummary gets k6\'s summary data', async () => {
  const file = join(scratch, 'lifecycle.json')
  const outcome = await run('lifecycle.js', { env: { SUMMARY_FILE: file } })
  assertPassed(outcome, 4)
  const written = JSON.parse(await readFile(file, 'utf8')) as { checks: Record<string, number>, rootChecks: Array<{ name: string, passes: number }>, iterations: number }
  assert.equal(written.checks.passes, 4)
  assert.equal(written.iterations, 4)
  assert.deepEqual(written.rootChecks.map((c) => [c.name, c.passes]), [['authorised with the setup token', 4]])
})

test('globals: __ENV, __VU and __ITER; randomSeed', async () => {
  const outcome = await run('globals.js', { env: { GREETING: 'hi' } })
  assertPassed(outcome, 8)
})

test('shared-array-open: SharedArray and open() relative to the script, text and binary', async () => {
  assertPassed(await run('shared-array-open.js'), 3)
})

test('scenarios-exec: scenarios with exec functions, env and tags, in worker threads too', async () => {
  for (const workers of [1, 2]) {
    const outcome = await run('scenarios-exec.js', { workers })
    assertPassed(outcome, 4)
  }
})

test('custom-metrics: Counter, Gauge, Rate and Trend with thresholds and tags', async () => {
  const outcome = await run('custom-metrics.js')
  assert.equal(outcome.exitCode, 0, JSON.stringify(failedThresholds(outcome)))
  assert.equal(outcome.result?.summary.metrics.wait_time?.contains, 'time')
})

test('json-selector: res.json(selector) with gjson paths', async () => {
  assertPassed(await run('json-selector.js'), 5)
})

test('batch: http.batch with an array and an object, at most options.batch requests in flight', async () => {
  assertPassed(await run('batch.js'), 4)
  assert.equal(target.slowPeak(), 2)
})

test('websocket: k6/ws connect blocks until the socket closes', async () => {
  const outcome = await run('websocket.js')
  assertPassed(outcome, 3)
  assert.equal(values(outcome, 'ws_sessions').count, 1)
})

test('encoding-crypto: k6/encoding and k6/crypto give k6\'s values', async () => {
  assertPassed(await run('encoding-crypto.js'), 6)
})

test('jslib: k6-summary textSummary and k6-utils resolve offline', async () => {
  const outcome = await run('jslib.js')
  assertPassed(outcome, 3)
  assert.match(outcome.stdout, /checks_succeeded\.+: 100\.00%/)
})

test('remote-import: any other remote module is an error naming it (107)', async () => {
  const outcome = await run('remote-import.js')
  assert.equal(outcome.exitCode, 107)
  assert.match(String(outcome.error), /https:\/\/example\.com\/lib\/index\.js/)
})

test('unsupported-construct: a blocking call nothing can wait for is reported with its line (107)', async () => {
  const outcome = await run('unsupported-construct.js')
  assert.equal(outcome.exitCode, 107)
  assert.match(String((outcome.error as Error).message), /unsupported-construct\.js:9:\d+: .*passed to urls\.filter\(\)/)
})

test('expected-statuses: setResponseCallback and per-request responseCallback decide http_req_failed', async () => {
  const outcome = await run('expected-statuses.js')
  assert.equal(outcome.exitCode, 0, JSON.stringify(failedThresholds(outcome)))
})

test('sync-style: closures, classes, loops, forEach/map callbacks, early returns and try/finally run in order', async () => {
  const outcome = await run('sync-style.js')
  assertPassed(outcome, 7)
  assert.equal(values(outcome, 'http_reqs').count, 9)
})

test('unsupported-features: k6 features mib load lacks fail with a message naming them', async () => {
  assertPassed(await run('unsupported-features.js'), 4)
})

test('summary export: k6 v0.48\'s legacy shape (rates as passes/fails/value, thresholds as "failed" booleans, groups and checks keyed by name)', async () => {
  const file = join(scratch, 'export.json')
  const outcome = await run('group-tags.js', { summaryExport: file })
  assert.equal(outcome.exitCode, 0)
  const exported = JSON.parse(await readFile(file, 'utf8')) as {
    metrics: Record<string, Record<string, unknown>>
    root_group: { groups: Record<string, { groups: Record<string, { checks: Record<string, { passes: number, fails: number }> }> }> }
  }
  assert.deepEqual(exported.metrics.checks, { passes: 4, fails: 0, value: 1 })
  assert.deepEqual(exported.metrics['checks{group:::outer::inner}'], { passes: 2, fails: 0, value: 1, thresholds: { 'rate==1': false } })
  assert.deepEqual(Object.keys(exported.metrics.http_reqs ?? {}).sort(), ['count', 'rate'])
  assert.deepEqual(exported.root_group.groups.outer?.groups.inner?.checks['inner ok'], { ...exported.root_group.groups.outer?.groups.inner?.checks['inner ok'], passes: 2, fails: 0 })
})

test('cookies: the VU\'s jar sends back what responses set, empties each iteration; params.cookies and http.cookieJar()', async () => {
  assertPassed(await run('cookies.js'), 9)
})

test('cookies-no-reset: options.noCookiesReset keeps the jar across iterations', async () => {
  assertPassed(await run('cookies-no-reset.js'), 2)
})

test('vu-state-counter: module-level variables VU code assigns are each VU\'s own (k6 runs the init context per VU)', async () => {
  assertPassed(await run('vu-state-counter.js'), 18)
})

test('vu-state-object: an object made at init is each VU\'s own, however VU code mutates it', async () => {
  assertPassed(await run('vu-state-object.js'), 18)
})

test('vu-state-closure: a closure made at init is made once per VU', async () => {
  assertPassed(await run('vu-state-closure.js'), 9)
})

test('vu-state-module: a helper module\'s state is per VU, SharedArray is shared; open() and __VU in each VU\'s init; in worker threads too', async () => {
  for (const workers of [1, 2]) assertPassed(await run('vu-state-module.js', { workers }), 27)
})
