/**
 * `npm run bench:soak`: does any service grow without bound under a steady
 * load? (issue 11). Starts the production stack (provider-sim, engine,
 * gateway: each its own process, compiled, as bench:platform does), drives
 * it with the Market Intel mix at a moderate fixed rate for `--minutes`, reads
 * each service's RSS from /proc and its JS heap (heap used + external, from
 * its /metrics) every `--sample-s`, and reports per service the RSS at the
 * start and end of the second half, its maximum, and the slopes of RSS and
 * heap in MB per minute — least squares over the second half (the first is
 * warm-up: JIT, caches and heaps filling to their working size). A slope of
 * the heap's floor above `--threshold-mb-per-min` is growth and makes the exit
 * code 1; RSS growth over a flat heap is reported as "RSS only" (V8 sizing its
 * heap, the allocator), not as growth; with too few major GCs in the half to
 * judge the heap, RSS decides (see soak/slope.ts).
 *
 * Not a test: RSS depends on the machine; run it on a quiet one, long enough
 * for the second half to hold many GC cycles (the default 10 minutes; 30 for
 * a release). Linux only (/proc).
 *   --minutes <n>                 load duration after the ramp (default 10)
 *   --rate <n>                    requests/s of the mix (default 300: moderate, a tenth of the peak's)
 *   --sample-s <n>                RSS and heap reading interval (default 5)
 *   --threshold-mb-per-min <x>    growth threshold (default 1)
 *   --base-port <p>               seven ports from p (see bench:platform); default: free ports
 *   --json <file>                 also write the figures and every reading as JSON
 *   --keep-results                keep the run directory (runner output, service logs) and print its path
 *   --rebuild                     recompile even if the build is newer than every source
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { openSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { parsePrometheusText, ProcessSampler } from '../../src/lab/monitor/index.js'
import { buildCompiledCli, COMPILED_CLI, ROOT, startServices, stopOnSignal, stopServices, type Service } from '../support/stack.js'
import { parseAggregatedLines } from '../support/window.js'
import { MIN_MAJOR_GCS, rssTrends, type RssSample, type RssTrend } from './soak/slope.js'

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    rate: { type: 'string', default: '300' },
    'sample-s': { type: 'string', default: '5' },
    'threshold-mb-per-min': { type: 'string', default: '1' },
    'base-port': { type: 'string' },
    json: { type: 'string' },
    'keep-results': { type: 'boolean', default: false },
    rebuild: { type: 'boolean', default: false }
  }
})
const positive = (name: string, raw: string | undefined, integer: boolean): number => {
  const n = Number(raw)
  if (!(n > 0) || (integer && !Number.isInteger(n))) throw new Error(`--${name} must be a positive ${integer ? 'integer' : 'number'} (got ${String(raw)})`)
  return n
}
const minutes = positive('minutes', values.minutes, false)
const rate = positive('rate', values.rate, true)
const sampleS = positive('sample-s', values['sample-s'], false)
const thresholdMbPerMin = positive('threshold-mb-per-min', values['threshold-mb-per-min'], false)
const basePort = values['base-port'] === undefined ? undefined : positive('base-port', values['base-port'], true)
const RAMP_S = 10
const RUNNER_SLACK_S = 60
const SERVICES = ['gateway', 'engine', 'provider-sim'] as const

const dir = await mkdtemp(join(tmpdir(), 'mib-bench-soak-'))
const started: Service[] = []
let runner: ChildProcess | undefined
const signals = stopOnSignal(started, () => runner, dir, values['keep-results'] === true)
let exitCode = 0

try {
  const startedAt = new Date()
  const loadBefore = loadavg()
  console.error(`# ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}; load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}; ${startedAt.toISOString()}`)
  if (buildCompiledCli(values.rebuild === true)) console.error('# compiled the CLI')
  const stack = await startServices(dir, started, 60_000, basePort === undefined ? {} : { basePort })
  console.error(`# stack up: ${started.map((s) => `${s.name} pid ${s.pid}`).join(', ')}; gateway ${stack.gatewayUrl}`)

  const out = join(dir, 'results.ndjson')
  const holdS = Math.round(minutes * 60)
  const args = [COMPILED_CLI, 'load', join(ROOT, 'bench', 'services', 'platform', 'fixed-rate.ts'), '-e', `RATE=${rate}`, '-e', `RAMP_S=${RAMP_S}`, '-e', `HOLD_S=${holdS}`,
    '-e', `BASE_URL=${stack.gatewayUrl}`, '--out', `json=${out}?aggregate=1s`, '--quiet']
  console.error(`# mib load ${args.slice(2).join(' ')}  (${minutes} min at ${rate} req/s, RSS and heap every ${sampleS} s)`)
  const stdout = openSync(join(dir, 'runner-stdout.txt'), 'w')
  runner = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', stdout, 'inherit'] })

  const samplers = new Map([...started.map((s) => [s.name, new ProcessSampler(s.pid)] as const), ['runner', new ProcessSampler(runner.pid as number)] as const])
  const samples: RssSample[] = []
  const read = async (): Promise<void> => {
    const rssBytes: Record<string, number | undefined> = {}
    await Promise.all([...samplers].map(async ([name, sampler]) => { rssBytes[name] = (await sampler.sample().catch(() => undefined))?.rssBytes }))
    const heapBytes: Record<string, number | undefined> = {}
    const majorGcs: Record<string, number | undefined> = {}
    await Promise.all(stack.plans.map(async (plan) => {
      const heap = await heapOf(plan.record.metricsUrl)
      heapBytes[plan.name] = heap?.bytes
      majorGcs[plan.name] = heap?.majorGcs
    }))
    samples.push({ atMs: Date.now(), rssBytes, heapBytes, majorGcs })
  }
  await read()
  // Readings start after the ramp: the ramp is warm-up by any definition.
  let sampling: NodeJS.Timeout | undefined
  const ramped = setTimeout(() => { samples.length = 0; sampling = setInterval(() => { void read() }, sampleS * 1000) }, RAMP_S * 1000)
  const runnerExit = await new Promise<number | null>((resolve) => {
    const bound = setTimeout(() => {
      console.error(`# the runner is still running ${RUNNER_SLACK_S} s after its planned end: SIGINT, SIGKILL 15 s later`)
      runner?.kill('SIGINT')
      setTimeout(() => { runner?.kill('SIGKILL') }, 15_000).unref()
    }, (RAMP_S + holdS + RUNNER_SLACK_S) * 1000)
    runner?.once('exit', (code) => { clearTimeout(bound); resolve(code) })
  })
  clearTimeout(ramped)
  clearInterval(sampling)
  if (signals.stopping()) throw new Error('interrupted: no report')

  const points = parseAggregatedLines((await readFile(out, 'utf8').catch(() => '')).split('\n'))
  // http_req_failed's passes are the failed requests (a Rate of failures), its fails the others.
  const failedWindows = points.filter((p) => p.metric === 'http_req_failed')
  const failed = failedWindows.reduce((n, p) => n + (p.aggregate.passes ?? 0), 0)
  const requests = failed + failedWindows.reduce((n, p) => n + (p.aggregate.fails ?? 0), 0)
  const trends = rssTrends(samples, [...SERVICES, 'runner'], thresholdMbPerMin)
  const grows = trends.filter((t) => t.grows && t.name !== 'runner')
  console.log(report(trends, { startedAt, loadBefore, runnerExit, requests, failed, readings: samples.length }))
  if (values.json !== undefined) await writeFile(values.json, JSON.stringify({ startedAt, minutes, rate, sampleS, thresholdMbPerMin, loadBefore, runnerExit, requests, failed, trends, samples }, null, 2))
  if (grows.length > 0) exitCode = 1
} finally {
  if (runner?.pid !== undefined && runner.exitCode === null && runner.signalCode === null) runner.kill('SIGKILL')
  await stopServices(started)
  if (values['keep-results'] === true) console.error(`# kept ${dir}`)
  else await rm(dir, { recursive: true, force: true })
}
process.exitCode = exitCode

function report (trends: RssTrend[], run: { startedAt: Date, loadBefore: number[], runnerExit: number | null, requests: number, failed: number, readings: number }): string {
  const mb = (v: number): string => v.toFixed(1)
  const slope = (v: number | undefined): string => v === undefined ? '–' : `${v >= 0 ? '+' : ''}${v.toFixed(3)}`
  const verdict = (t: RssTrend): string => t.name === 'runner'
    ? '(the load generator, not judged)'
    : `${t.grows ? `**grows** (> ${thresholdMbPerMin} MB/min)` : t.rssOnly ? 'RSS only (heap floor flat)' : 'flat'}${t.judgedOnHeap ? '' : ` (on RSS: ${t.heap === undefined ? 'no heap floor: it needs heap readings over 2+ minutes' : `${t.majorGcs ?? 0} major GCs < ${MIN_MAJOR_GCS}, run longer`})`}`
  const rows = trends.map((t) => `| ${t.name} | ${mb(t.startMb)} | ${mb(t.endMb)} | ${mb(t.maxMb)} | ${slope(t.slopeMbPerMin)} | ${t.heap === undefined ? '–' : `${mb(t.heap.startMb)} → ${mb(t.heap.endMb)}`} | ${slope(t.heap?.slopeMbPerMin)} | ${t.majorGcs ?? '–'} | ${t.points} | ${verdict(t)} |`)
  const grows = trends.filter((t) => t.grows && t.name !== 'runner').map((t) => t.name)
  return [
    `## Soak: ${minutes} min at ${rate} req/s (Market Intel mix, fixed arrival rate)`,
    '',
    `Started ${run.startedAt.toISOString()}; load average before ${run.loadBefore.map((l) => l.toFixed(2)).join(' / ')}; ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}.`,
    `Runner exit code ${String(run.runnerExit)}; ${run.requests} requests, ${run.failed} failed (${run.requests === 0 ? '–' : (run.failed / run.requests * 100).toFixed(2)} %). ` +
      `RSS (VmRSS from /proc) and heap (used + external, from /metrics) every ${sampleS} s after the ${RAMP_S} s ramp, ${run.readings} readings; ` +
      `slopes are least squares over the second half; the heap floor is each minute's lowest reading; the verdict follows it when the half holds ${MIN_MAJOR_GCS}+ major GCs.`,
    '',
    '| process | RSS at the half, MB | RSS at the end, MB | RSS max, MB | RSS slope, MB/min | heap floor half → end, MB | heap floor slope, MB/min | major GCs | readings | verdict |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
    '',
    grows.length === 0 ? `No service's heap grows beyond ${thresholdMbPerMin} MB/min.` : `Growing beyond ${thresholdMbPerMin} MB/min: ${grows.join(', ')} (exit code 1).`
  ].join('\n')
}

/** Heap used + external and major GCs so far, from a service's /metrics (prom-client's defaults); undefined when unreadable. */
async function heapOf (metricsUrl: string): Promise<{ bytes: number, majorGcs: number | undefined } | undefined> {
  try {
    const res = await fetch(metricsUrl, { signal: AbortSignal.timeout(2000) })
    if (!res.ok) return undefined
    const metrics = parsePrometheusText(await res.text())
    const used = metrics.get('nodejs_heap_size_used_bytes')?.samples[0]?.value
    const external = metrics.get('nodejs_external_memory_bytes')?.samples[0]?.value
    const majorGcs = metrics.get('nodejs_gc_duration_seconds')?.samples.find((m) => m.name === 'nodejs_gc_duration_seconds_count' && m.labels.kind === 'major')?.value
    return used === undefined ? undefined : { bytes: used + (external ?? 0), majorGcs }
  } catch {
    return undefined
  }
}
