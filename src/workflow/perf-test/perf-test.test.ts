import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePorts } from '../../../test/helpers/ports.js'
import { MIB_BIN, isAlive } from '../stack/processes.js'
import { readProfile } from '../../lab/profiling/index.js'

function runMib (args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null, stdout: string, stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MIB_BIN, ...args], { env: { ...process.env, ...env, MIB_FROM_SOURCE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString() })
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString() })
    const timer = setTimeout(() => { child.kill('SIGKILL') }, 240_000)
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }) })
  })
}

async function csvRows (file: string): Promise<string[]> {
  return (await readFile(file, 'utf8')).trim().split('\n')
}

test('mib perf-test runs the whole workflow time-scaled and leaves a complete run directory with a verdict', { timeout: 300_000 }, async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'mib-perf-'))
  t.after(async () => { await rm(root, { recursive: true, force: true }) })
  const ports = await freePorts(7)
  const flags = ['--gateway-port', '--engine-grpc-port', '--engine-admin-port', '--provider-port', '--gateway-profiling-port', '--engine-profiling-port', '--provider-profiling-port']
    .flatMap((flag, i) => [flag, String(ports[i])])
  const result = await runMib(['perf-test', '--preset', 'smoke', '--light-preset', 'smoke', '--time-scale', '0.6', '--dashboard-port', '0', '--results-dir', root, '--out', 'json=results.ndjson.gz', ...flags], { MIB_RUN_DIR: join(root, 'run-state') })

  const runs = (await readdir(root)).filter((d) => d.endsWith('-smoke'))
  assert.equal(runs.length, 1, `one run directory: ${result.stderr}`)
  const dir = join(root, runs[0] as string)
  const summary = JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')) as { metrics: Record<string, { thresholds?: Record<string, boolean> }> }
  const thresholdFailed = Object.values(summary.metrics).some((m) => Object.values(m.thresholds ?? {}).includes(true))
  // k6's legacy export marks a *failed* threshold true; the exit code must agree with it.
  assert.equal(result.code, thresholdFailed ? 99 : 0, result.stderr)

  // The verdict, per threshold and per headline target, is printed and kept.
  assert.match(result.stdout, /verdict (PASS|FAIL|INCONCLUSIVE)/i)
  assert.match(result.stdout, /p95 latency < 500 ms: [\d.]+ ms/)
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as {
    verdict?: { status: string }, startedAt?: string, endedAt?: string, preset?: string, timeScale?: number,
    rates?: { peak?: { intendedRps: number | null, deliveredRps: number, thinkPerRequestMs: number | null, level: number } }
  }
  assert.equal(manifest.preset, 'smoke')
  assert.equal(manifest.timeScale, 0.6)
  // The time scale keeps the workload's think time, U(0.1, 0.6) s per request: the peak asks ~10 VUs ÷ 0.35 s.
  const peak = manifest.rates?.peak
  assert.ok(peak !== undefined && peak.level === 10, 'the rate asked and delivered at the peak is recorded')
  assert.ok(peak.thinkPerRequestMs !== null && peak.thinkPerRequestMs > 100 && peak.thinkPerRequestMs < 600, `think ${peak.thinkPerRequestMs} ms per request, as written`)
  assert.ok(peak.intendedRps !== null && peak.intendedRps >= peak.deliveredRps * 0.95, `asked ${peak.intendedRps} ≥ delivered ${peak.deliveredRps}`)
  assert.match(result.stdout, /throughput ≥ [\d,]+ req\/s at the peak stage: [\d.]+ req\/s of [\d.]+ req\/s asked/)
  assert.ok(manifest.startedAt !== undefined && manifest.endedAt !== undefined)
  assert.ok(manifest.verdict !== undefined)

  // What was measured: both tests' points, the monitor's samples, reports.
  for (const file of ['aggregates.ndjson', 'light/aggregates.ndjson']) assert.ok((await stat(join(dir, file))).size > 1000, file)
  // Every sample only on request (--out, relative to the run directory), gzip-compressed like k6's.
  assert.deepEqual([...(await readFile(join(dir, 'results.ndjson.gz'))).subarray(0, 2)], [0x1f, 0x8b])
  assert.equal((await readdir(join(dir, 'light'))).includes('results.ndjson'), false)
  assert.ok((await csvRows(join(dir, 'system_metrics.csv'))).length >= 3, 'system samples')
  for (const csv of ['api_gateway_metrics.csv', 'core_engine_metrics.csv']) {
    const rows = await csvRows(join(dir, csv))
    assert.ok(rows.length >= 3, `${csv} has samples`)
    assert.match(rows[1] ?? '', /^\d{4}-\d\d-\d\dT/, 'ISO-8601 timestamps')
  }
  const report = await readFile(join(dir, 'report.md'), 'utf8')
  assert.match(report, /market_data_fetch/)
  // The profile window is recorded, compared with the rest of the peak, and marked in the verdict.
  const profiling = (manifest as { profiling?: { fromMs: number, toMs: number, collections: Array<{ service: string, kind: string, fromMs: number, toMs: number }> } }).profiling
  assert.ok(profiling !== undefined && profiling.toMs > profiling.fromMs, 'the profile window is in the manifest')
  assert.deepEqual([...new Set(profiling.collections.map((c) => c.kind))].sort(), ['cpu', 'goroutine', 'heap', 'trace'])
  const traces = profiling.collections.filter((c) => c.kind === 'trace')
  traces.sort((x, y) => x.fromMs - y.fromMs)
  for (let i = 1; i < traces.length; i++) assert.ok((traces[i]?.fromMs ?? 0) >= (traces[i - 1]?.toMs ?? 0), 'the services are traced one after another')
  assert.match(report, /## Observer effect: the profile window/)
  assert.match(report, /\| profile window \| [\d:]+–[\d:]+ \([\d.]+ s\) \|/)
  assert.match(report, /\| rest of the peak \| [\d.]+ s \|/)
  assert.match(report, /The verdict is judged over the whole run, the profile window included/)
  assert.match(result.stdout, /profile window \([\d.]+ s of the peak\) vs the rest of the peak/)
  assert.ok((await stat(join(dir, 'report.html'))).size > 10_000)
  assert.ok((await stat(join(dir, 'dashboard.html'))).size > 10_000)

  // Profiles taken during the peak, one CPU profile per service, decodable.
  const profiles = await readdir(join(dir, 'profiles'))
  for (const service of ['gateway', 'engine', 'provider-sim']) {
    const cpu = profiles.find((f) => f.startsWith(`${service}-cpu-`))
    assert.ok(cpu !== undefined, `${service} CPU profile in ${profiles.join(', ')}`)
    const profile = await readProfile(join(dir, 'profiles', cpu))
    assert.ok(profile.profile.sample.length > 0, `${service} CPU profile has samples`)
  }

  // No service outlives the workflow.
  const pids = new Set<number>()
  for (const service of ['gateway', 'engine', 'provider-sim']) {
    const log = await readFile(join(dir, 'services', 'logs', `${service}.log`), 'utf8')
    const pid = /"pid":(\d+)/.exec(log)?.[1]
    assert.ok(pid !== undefined, `${service} logged its pid`)
    pids.add(Number(pid))
  }
  for (const pid of pids) assert.equal(isAlive(pid), false, `pid ${pid} has exited`)
})

test('mib perf-test refuses --time-scale with --fast-forward (and TIME_SCALE with FAST_FORWARD) before starting anything: exit 104', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'mib-perf-scale-'))
  t.after(async () => { await rm(root, { recursive: true, force: true }) })
  const flags = await runMib(['perf-test', '--time-scale', '0.1', '--fast-forward', '0.1', '--results-dir', root], { MIB_RUN_DIR: join(root, 'run-state') })
  assert.equal(flags.code, 104)
  assert.match(flags.stderr, /--time-scale and --fast-forward exclude each other/)
  const env = await runMib(['perf-test', '--results-dir', root], { MIB_RUN_DIR: join(root, 'run-state'), TIME_SCALE: '0.1', FAST_FORWARD: '0.1' })
  assert.equal(env.code, 104)
  assert.match(env.stderr, /TIME_SCALE and FAST_FORWARD exclude each other/)
  assert.deepEqual(await readdir(root), [], 'no run directory, no service started')
})

test('a bad chaos plan is invalid input, refused before anything starts: exit 104 (was 1)', async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'mib-perf-chaos-plan-'))
  t.after(async () => { await rm(root, { recursive: true, force: true }) })
  const results = join(root, 'results')
  const env = { MIB_RUN_DIR: join(root, 'run-state') }
  const planFile = join(root, 'plan.json')
  await writeFile(planFile, JSON.stringify({ faults: [{ kind: 'process', service: 'database' }] }))
  const invalid = await runMib(['perf-test', '--preset', 'smoke', '--chaos', planFile, '--results-dir', results], env)
  assert.equal(invalid.code, 104, invalid.stderr)
  assert.match(invalid.stderr, /MIB_ERR_CHAOS_PLAN_INVALID/)
  const missing = await runMib(['perf-test', '--preset', 'smoke', '--chaos', join(root, 'nowhere.json'), '--results-dir', results], env)
  assert.equal(missing.code, 104, missing.stderr)
  assert.match(missing.stderr, /MIB_ERR_CHAOS_PLAN_NOT_FOUND/)
  assert.deepEqual(await readdir(root), ['plan.json'], 'no run directory, no service started')
})
