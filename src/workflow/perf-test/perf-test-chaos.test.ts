import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { freePorts } from '../../../test/helpers/ports.js'
import { isAlive } from '../stack/processes.js'
import { runMib } from '../../lab/load/fixtures/run-mib.js'
import { readFaultEvents } from '../../lab/report/index.js'
import { withPage, evaluate, waitUntil, chartPoints } from '../../lab/report/fixtures/browser.js'

// Small and time-scaled: the smoke shape (10 VUs) for 30 s × 2, three faults of every kind.
const PLAN = {
  description: 'e2e: one of each kind, short',
  faults: [
    { kind: 'process', service: 'engine', signal: 'SIGKILL', downS: 0.5, recoveryS: 2 },
    { kind: 'provider', name: 'provider errors', set: { errorRate: 1 }, durationS: 1, recoveryS: 2 },
    { kind: 'process', service: 'gateway', signal: 'SIGTERM', recoveryS: 2 }
  ],
  recovery: { holdS: 1, targetS: 5 }
}

test('mib perf-test --chaos injects the plan at the peak and records, draws and judges every fault', { timeout: 360_000 }, async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'mib-chaos-e2e-'))
  t.after(async () => { await rm(root, { recursive: true, force: true }) })
  const planFile = join(root, 'plan.json')
  await writeFile(planFile, JSON.stringify(PLAN))
  const ports = await freePorts(7)
  const flags = ['--gateway-port', '--engine-grpc-port', '--engine-admin-port', '--provider-port', '--gateway-profiling-port', '--engine-profiling-port', '--provider-profiling-port']
    .flatMap((flag, i) => [flag, String(ports[i])])
  const run = runMib(['perf-test', '--preset', 'smoke', '--no-light', '--time-scale', '2', '--profile-seconds', '1', '--chaos', planFile,
    '--dashboard-port', '0', '--results-dir', root, ...flags], { MIB_RUN_DIR: join(root, 'run-state') })
  const timer = setTimeout(() => { run.child.kill('SIGKILL') }, 300_000)
  const result = await run.done.finally(() => { clearTimeout(timer) })
  const runs = (await readdir(root)).filter((d) => d.endsWith('-smoke'))
  assert.equal(runs.length, 1, `one run directory: ${result.stderr}`)
  const dir = join(root, runs[0] as string)

  // Events: every fault went through its whole life, in order, after the profiles.
  const events = (await readFaultEvents(join(dir, 'chaos-events.ndjson')))?.events ?? []
  assert.equal(events[0]?.type, 'plan')
  for (const index of [0, 1, 2]) {
    const steps = events.filter((e) => 'index' in e && e.index === index && e.type !== 'memory').map((e) => e.type)
    const expected = index === 1 ? ['fault-start', 'fault-end', 'healthy', 'recovery-end'] : ['fault-start', 'service-exited', 'fault-end', 'healthy', 'recovery-end']
    assert.deepEqual(steps, expected, `fault ${index}: ${result.stderr}`)
  }
  const health = events.at(-1)
  assert.equal(health?.type, 'health')
  const profiles = await readdir(join(dir, 'profiles'))
  assert.ok(profiles.some((f) => f.startsWith('engine-cpu-')), 'the engine was profiled before it was killed')

  // The verdict per fault is printed beside the performance verdict, with its targets.
  assert.match(result.stdout, /verdict (PASS|FAIL|INCONCLUSIVE)/)
  assert.match(result.stdout, /resilience (PASS|FAIL|INCONCLUSIVE) \(judged apart from the performance verdict\)/)
  for (const name of ['engine SIGKILL', 'provider errors', 'gateway SIGTERM']) {
    assert.match(result.stdout, new RegExp(`[✓✗?] ${name}: detected (in [\\d.]+ s|never)`), name)
  }
  assert.match(result.stdout, /[✓✗] recovered ≤ 5 s after engine is healthy again: /)
  assert.match(result.stdout, /[✓✗?] every service healthy at the end/)
  const analysis = JSON.parse(await readFile(join(dir, 'analysis.json'), 'utf8')) as { resilience: { status: string, faults: Array<{ name: string, recoverS: number | null, detectS: number | null, failures: Record<string, number>, unclean: number, targets: Array<{ status: string }> }> } }
  const verdict = analysis.resilience
  assert.deepEqual(verdict.faults.map((f) => f.name), ['engine SIGKILL', 'provider errors', 'gateway SIGTERM'])
  // The engine's death is seen by the load: requests failed, and the gateway refused them cleanly or not.
  const engine = verdict.faults[0]
  assert.ok(engine !== undefined && engine.detectS !== null, 'the engine kill was detected')
  assert.ok(Object.values(engine.failures).reduce((a, b) => a + b, 0) > 0)
  const exitExpected = verdict.status === 'fail' ? 5 : 0
  assert.ok(result.code === exitExpected || result.code === 99, `exit ${String(result.code)} for resilience ${verdict.status}: ${result.stderr}`)

  // The report shades each fault and recovery window on every chart.
  await withPage(async (page) => {
    await page.goto(pathToFileURL(join(dir, 'report.html')).href)
    await waitUntil(page, `${chartPoints('latency', 'mibReport')} > 10`)
    const drawn = await evaluate<Record<string, number>>(page, `Object.fromEntries(Object.entries(window.mibReport.charts).map(([k, u]) => [k, u.mibBandsDrawn]))`)
    assert.ok(Object.keys(drawn).length >= 3)
    for (const [chart, n] of Object.entries(drawn)) assert.ok(n >= 6, `${chart}: ${n} bands (3 faults + 3 recovery windows)`)
    const section = await evaluate<string>(page, `document.getElementById('resilience').textContent`)
    assert.match(section, /engine SIGKILL/)
    assert.match(section, /recovered ≤ 5 s after engine is healthy again/)
  })

  // The live dashboard drew them too: its saved snapshot replays the bands events it published.
  await withPage(async (page) => {
    await page.goto(pathToFileURL(join(dir, 'dashboard.html')).href)
    await waitUntil(page, `${chartPoints('latency')} > 10 && window.mibDashboard.state.bands.length === 6`)
    const drawn = await evaluate<Record<string, number>>(page, `Object.fromEntries(Object.entries(window.mibDashboard.charts).map(([k, u]) => [k, u.mibBandsDrawn]))`)
    for (const chart of ['load', 'latency', 'errors']) assert.equal(drawn[chart], 6, `live ${chart}: ${String(drawn[chart])} bands`)
  })

  // No service outlives the workflow, restarted ones included.
  const state = JSON.parse(await readFile(join(dir, 'chaos-events.ndjson'), 'utf8').then((t) => `[${t.trim().split('\n').join(',')}]`)) as Array<{ type: string, services?: Array<{ pid?: number }> }>
  const pids = new Set(state.flatMap((e) => e.type === 'memory' ? (e.services ?? []).flatMap((s) => s.pid === undefined ? [] : [s.pid]) : []))
  assert.ok(pids.size >= 5, 'old and new pids of the restarted services')
  for (const pid of pids) assert.equal(isAlive(pid), false, `pid ${pid} has exited`)
})
