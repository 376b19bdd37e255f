import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { analyzeAndReport, formatAnalyzeResult, type AnalyzeResult } from './analyze.js'
import { readManifest } from '../../results-dir/index.js'
import { TWIN_SECONDS, writeTwinRuns } from '../fixtures/twin-run.js'
import { httpFixture } from '../../load/fixtures/servers.js'
import { fixtureScript, runMib } from '../../load/fixtures/run-mib.js'
import { waitFor } from '../../../../test/helpers/wait.js'

async function withRoot (fn: (root: string) => Promise<void>): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'mib-incomplete-'))
  try { await fn(root) } finally { await rm(root, { recursive: true, force: true }) }
}

async function analyze (root: string, dir: string): Promise<{ result: AnalyzeResult, text: string, md: string, html: string }> {
  const result = await analyzeAndReport({ root, run: dir })
  return { result, text: formatAnalyzeResult(result), md: await readFile(result.files.markdown, 'utf8'), html: await readFile(result.files.html, 'utf8') }
}

/** INCOMPLETE in the printed verdict, report.md, report.html and the manifest; never a pass. */
async function assertIncomplete (root: string, dir: string, reason: RegExp): Promise<AnalyzeResult> {
  const { result, text, md, html } = await analyze(root, dir)
  assert.notEqual(result.verdict.status, 'pass')
  assert.match(result.verdict.incomplete.join('\n'), reason)
  assert.match(text.split('\n')[0] ?? '', /verdict \w+ — INCOMPLETE RUN/)
  assert.match(text, reason)
  assert.match(md, /\*\*Verdict: \w+ — INCOMPLETE RUN/)
  assert.match(md, reason)
  assert.match(html, /id="verdict">Verdict: \w+ — INCOMPLETE RUN/)
  assert.deepEqual((await readManifest(dir)).verdict?.incomplete, result.verdict.incomplete)
  return result
}

test('complete runs are not marked incomplete, in either format, plain or gzipped', async () => {
  for (const gzip of [false, true]) {
    await withRoot(async (root) => {
      const twins = await writeTwinRuns(root, { gzip })
      for (const run of [twins.aggregates, twins.ndjson]) {
        const { result, text, md } = await analyze(root, run.dir)
        assert.deepEqual(result.verdict.incomplete, [], `${run.id} gzip=${String(gzip)}`)
        assert.doesNotMatch(text + md, /INCOMPLETE/)
      }
    })
  }
})

test('regression: an aggregates file without its End line (a killed runner) was reported as complete; now INCOMPLETE, figures kept', async () => {
  for (const gzip of [false, true]) {
    await withRoot(async (root) => {
      const { aggregates } = await writeTwinRuns(root, { gzip })
      const file = join(aggregates.dir, `aggregates.ndjson${gzip ? '.gz' : ''}`)
      const bytes = await readFile(file)
      const text = (gzip ? gunzipSync(bytes) : bytes).toString('utf8')
      // What kill -9 leaves: every window written so far, whole lines, and no End line.
      const cut = text.slice(0, text.lastIndexOf('{"type":"End"'))
      await writeFile(file, gzip ? gzipSync(cut) : cut)
      const result = await assertIncomplete(root, aggregates.dir, /aggregates\.ndjson(\.gz)? has no end line/)
      assert.equal(result.analysis.overall.requests, TWIN_SECONDS * 175, 'what was measured is still shown')
    })
  }
})

test('regression: k6 JSON lines cut mid-line, or a gzip stream cut short, were reported as complete; now INCOMPLETE', async () => {
  await withRoot(async (root) => {
    const { ndjson } = await writeTwinRuns(root)
    const file = join(ndjson.dir, 'results.ndjson')
    const text = await readFile(file, 'utf8')
    await writeFile(file, text.slice(0, text.length - 20))
    const result = await assertIncomplete(root, ndjson.dir, /results\.ndjson ends in the middle of a line/)
    assert.ok((result.analysis.overall.requests ?? 0) > 0)
  })
  await withRoot(async (root) => {
    const { ndjson } = await writeTwinRuns(root, { gzip: true })
    const file = join(ndjson.dir, 'results.ndjson.gz')
    const bytes = await readFile(file)
    await writeFile(file, bytes.subarray(0, Math.floor(bytes.length * 0.8)))
    const result = await assertIncomplete(root, ndjson.dir, /results\.ndjson\.gz is cut short/)
    assert.ok((result.analysis.overall.requests ?? 0) > 0, 'the lines before the cut are read')
  })
})

test('a real run killed with SIGKILL mid-test is analyzed as INCOMPLETE with what it measured', async (t) => {
  const server = await httpFixture((_req, res) => { res.end('ok') })
  t.after(async () => { await server.close() })
  await withRoot(async (root) => {
    // A 120 s test on 127.0.0.1, killed once its aggregates hold a few windows.
    const run = runMib(['load', fixtureScript('long-run.ts'), '-e', `BASE_URL=${server.url}`, '--results-dir', root, '-q'])
    t.after(() => { if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL') })
    const dir = await waitForWindows(root, 3, 60_000)
    run.child.kill('SIGKILL')
    const { signal } = await run.done
    assert.equal(signal, 'SIGKILL')
    const result = await assertIncomplete(root, dir, /aggregates\.ndjson has no end line/)
    assert.ok((result.analysis.overall.requests ?? 0) > 0, 'the requests measured before the kill are counted')
    assert.ok(result.analysis.timeline.time.length >= 3)
  })
})

/** The run directory once its aggregates.ndjson holds `count` windows (polled; bounded by `timeoutMs`). */
async function waitForWindows (root: string, count: number, timeoutMs: number): Promise<string> {
  return await waitFor(async () => {
    for (const name of await readdir(root).catch(() => [])) {
      const text = await readFile(join(root, name, 'aggregates.ndjson'), 'utf8').catch(() => '')
      if (text.split('\n').filter((l) => l.startsWith('{"type":"Window"')).length >= count) return join(root, name)
    }
    return undefined
  }, `a run directory under ${root} with ${count} windows`, timeoutMs)
}
