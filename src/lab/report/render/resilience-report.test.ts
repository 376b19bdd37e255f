import { test } from 'node:test'
import assert from 'node:assert/strict'
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { analyzeAndReport, formatAnalyzeResult } from '../commands/analyze.js'
import { readManifest } from '../../results-dir/index.js'
import { FAULT_EVENTS_FILE, type FaultEvent } from '../read/fault-events.js'
import { writeFixtureRun, T0 } from '../fixtures/k6-run.js'

/*
 * The fixture run (fixtures/k6-run.ts): 10 s from T0, 15 requests a second,
 * per-second p99 ≤ 209 ms; in second 3 the five "news" requests fail with 503
 * (a script without the clean_refusals Rate: those 503s are not inspected).
 * Faults are laid over it at known instants, so every figure below follows
 * from the fixture's definition.
 */
const events: FaultEvent[] = [
  { type: 'plan', time: T0, source: 'test', holdS: 2, targetS: 5, fitsInPeak: true, testStartMs: T0, faults: [] },
  { type: 'fault-start', time: T0 + 3200, index: 0, name: 'engine SIGKILL', kind: 'process', target: 'engine', detail: '' },
  { type: 'healthy', time: T0 + 3900, index: 0, name: 'engine SIGKILL', service: 'engine' },
  { type: 'recovery-end', time: T0 + 6000, index: 0, name: 'engine SIGKILL' },
  { type: 'fault-start', time: T0 + 7000, index: 1, name: 'provider slow', kind: 'provider', target: 'provider-sim', detail: '' },
  { type: 'healthy', time: T0 + 7500, index: 1, name: 'provider slow', service: 'provider-sim' },
  { type: 'recovery-end', time: T0 + 9500, index: 1, name: 'provider slow' },
  { type: 'health', time: T0 + 9600, services: [{ name: 'engine', healthy: true, detail: '200' }] }
]

test('a chaos run is judged twice: performance before the first fault, and each fault\'s detection and recovery from the series', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'mib-resilience-'))
  t.after(async () => { await rm(root, { recursive: true, force: true }) })
  const run = await writeFixtureRun({ root })
  await writeFile(join(run.dir, FAULT_EVENTS_FILE), events.map((e) => JSON.stringify(e)).join('\n') + '\n')
  await appendFile(join(run.dir, FAULT_EVENTS_FILE), '{"type":"fault-st') // a torn last line: skipped, counted

  const result = await analyzeAndReport({ root, run: run.id, now: new Date(T0 + 60_000) })
  const v = result.resilience
  assert.ok(v !== undefined)
  const [engine, provider] = v.faults
  // Engine: the 503s of second 3 show it (end of second 3 − 3.2 s); second 3 fails 5 of 15,
  // seconds 4 and 5 are good (hold 2 s): recovered at 4.0, 0.1 s after healthy at 3.9.
  assert.equal(engine?.detectS?.toFixed(1), '0.8')
  assert.equal(engine?.recoverS?.toFixed(1), '0.1')
  assert.equal(engine?.outageS?.toFixed(1), '0.8')
  assert.equal(engine?.requests, 15)
  assert.equal(engine?.failures.unverified_503, 5)
  assert.deepEqual(engine?.targets.map((x) => x.status), ['pass', 'not measured'])
  // Provider: nothing fails after 7.0; healthy at 7.5 within good seconds: recovered at once.
  assert.equal(provider?.detectS, null)
  assert.equal(provider?.recoverS, 0)
  assert.equal(v.status, 'inconclusive', 'the 503s were not inspected by the workload')

  // Performance: the whole run has 3.33 % errors, but before the first fault none.
  assert.equal(result.analysis.overall.errorRate?.toFixed(4), '0.0333')
  const errorRow = result.verdict.targets.find((r) => r.id === 'error-rate')
  assert.equal(errorRow?.value, 0)
  assert.match(errorRow?.basis ?? '', /before the first chaos fault/)
  assert.ok(!result.verdict.failed.includes('error rate < 1.00 %'))

  const md = await readFile(result.files.markdown, 'utf8')
  assert.match(md, /\*\*Verdict: \w+ · Resilience: INCONCLUSIVE\*\*/)
  assert.match(md, /## Resilience \(chaos faults\)/)
  assert.match(md, /\| engine SIGKILL \| 0\.8 s \| 0\.1 s \| 0\.8 s \| 15 \| 0 clean 503 · 5 503 not inspected · 0 unclean \|/)
  assert.match(md, /\| engine SIGKILL \| recovered ≤ 5 s after engine is healthy again \| 0\.1 s \| ✓ pass \|/)
  assert.match(md, /1 unreadable line\(s\) in chaos-events\.ndjson skipped/)
  const printed = formatAnalyzeResult(result)
  assert.match(printed, /resilience INCONCLUSIVE \(judged apart from the performance verdict\)/)
  assert.match(printed, /\? engine SIGKILL: detected in 0\.8 s, recovered 0\.1 s after healthy/)
  assert.equal((await readManifest(run.dir)).verdict?.resilience?.status, 'inconclusive')
  const html = await readFile(result.files.html, 'utf8')
  assert.match(html, /"bands":\[\{"name":"engine SIGKILL","kind":"fault"/)
})

test('a run without chaos events has no resilience verdict and keeps its whole-run performance verdict', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'mib-resilience-'))
  t.after(async () => { await rm(root, { recursive: true, force: true }) })
  const run = await writeFixtureRun({ root })
  const result = await analyzeAndReport({ root, run: run.id, now: new Date(T0 + 60_000) })
  assert.equal(result.resilience, undefined)
  assert.equal(result.analysis.chaos, null)
  assert.match(result.verdict.targets.find((r) => r.id === 'error-rate')?.basis ?? '', /whole run/)
  assert.ok(result.verdict.failed.includes('error rate < 1.00 %'))
})

test('against a chaos baseline, a fault that recovers over 1 s and half again slower is a regression', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'mib-resilience-'))
  t.after(async () => { await rm(root, { recursive: true, force: true }) })
  const withFault = async (label: string, startMs: number, healthyMs: number): Promise<string> => {
    const run = await writeFixtureRun({ root, label })
    const e: FaultEvent[] = [
      { type: 'plan', time: T0, source: 'test', holdS: 2, targetS: 5, fitsInPeak: true, faults: [] },
      { type: 'fault-start', time: T0 + startMs, index: 0, name: 'engine SIGKILL', kind: 'process', target: 'engine', detail: '' },
      { type: 'healthy', time: T0 + healthyMs, index: 0, name: 'engine SIGKILL', service: 'engine' },
      { type: 'recovery-end', time: T0 + 9000, index: 0, name: 'engine SIGKILL' }
    ]
    await writeFile(join(run.dir, FAULT_EVENTS_FILE), e.map((x) => JSON.stringify(x)).join('\n') + '\n')
    return run.id
  }
  // Same load; the baseline's engine was healthy at 3.9 s (recovered 0.1 s later, at 4), this run's at 2.3 s:
  // second 3 still fails, so it recovers at 4 too, 1.7 s after healthy.
  const baseline = await withFault('base', 3200, 3900)
  const current = await withFault('now', 2200, 2300)
  const result = await analyzeAndReport({ root, run: current, baseline, now: new Date(T0 + 60_000) })
  assert.equal(result.resilience?.faults[0]?.recoverS?.toFixed(1), '1.7')
  assert.deepEqual(result.recoveryRegressions.map((r) => [r.name, r.baselineS?.toFixed(1), r.currentS?.toFixed(1)]), [['engine SIGKILL', '0.1', '1.7']])
  assert.match(formatAnalyzeResult(result), /✗ engine SIGKILL: recovered in 1\.7 s, baseline 0\.1 s/)
  assert.equal((await readManifest(join(root, current))).verdict?.resilience?.recoveryRegressions, 1)
})
