/**
 * `npm run bench:load-peak`: the load runner's CPU share while it drives the
 * standard preset's 1,000-VU peak, beside the services'. Issue 3 §8 asks for
 * it to be reported; it sets no number.
 *
 * Starts the real stack on this machine (provider-sim, engine, gateway: each
 * its own process, production mode, free 127.0.0.1 ports, a fresh compiled
 * build — see bench/support/stack.ts), runs the Market Intel workload
 * (load-testing/market-intel.ts) with the compiled CLI (`mib load`, as users
 * run it after `make build`) and samples the CPU time (utime + stime, every
 * thread) of the runner and of each service from /proc every second, plus the
 * machine's busy, idle and stolen time. Reports, over the plateau only (the
 * longest stretch at the highest VU count, from the preset's stages at the
 * time scale, counted from the runner's first window; 1 s trimmed at each
 * end), each process's CPU in cores (CPU-seconds per second) and as a share
 * of the machine, with the delivered request rate and latency over the same
 * whole seconds, read from the runner's aggregated JSON output
 * (`--out json=FILE?aggregate=1s`: one point per metric per second; the
 * plateau's p95 is estimated from the per-second quantiles, see
 * mixtureQuantile).
 *
 * Mind `--time-scale`: this bench drives the preset with `mib load --fast-forward F`
 * (the runner's old time scale), which scales the think time too (U(0.1, 0.6) s × F), so at
 * 0.1 each VU asks ten times as often as in the real preset: the plateau
 * offers ~10× the standard preset's request rate and saturates a small
 * machine. `--unscaled-think` keeps the think time and scales only the stages
 * (the `api` scenario's stages as `-s` flags at time scale 1; the WebSocket
 * scenario, 2% of the VUs, is left out, so its threshold fails for want of
 * samples): the preset's real request rate, in a shorter shape.
 *
 * Not a test: the numbers depend on the machine and its neighbours; record
 * them in BENCHMARKS.md. Linux only (/proc).
 *   --time-scale <f>    multiply the preset's durations (default 0.1: 1.3 min, a 30 s plateau)
 *   --preset <name>     the workload's preset (default standard)
 *   --unscaled-think    scale the stages only, not the think time (see above)
 *   --keep-results      keep the run directory (runner output, service logs, CPU samples) and print its path
 *   --rebuild           recompile the CLI even if the build is newer than every source
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { openSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { PRESETS } from '../../../load-testing/presets.js'
import { sampleCpu, type CpuSample } from '../../support/proc.js'
import { buildCompiledCli, COMPILED_CLI, ROOT, startServices, stopOnSignal, stopServices, type Service } from '../../support/stack.js'
import { coresOver, mixtureQuantile, originMs, parseAggregatedLines, plateauOf, scenarioStages, windowsInside, type WindowPoint } from '../../support/window.js'

const { values } = parseArgs({
  options: {
    'time-scale': { type: 'string', default: '0.1' },
    preset: { type: 'string', default: 'standard' },
    'unscaled-think': { type: 'boolean', default: false },
    'keep-results': { type: 'boolean', default: false },
    rebuild: { type: 'boolean', default: false }
  }
})
const timeScale = Number(values['time-scale'])
const presetName = values.preset ?? 'standard'
const preset = PRESETS[presetName]
if (!(timeScale > 0)) throw new Error('--time-scale must be a positive number')
if (preset === undefined) throw new Error(`--preset: one of ${Object.keys(PRESETS).join(', ')}`)
const unscaledThink = values['unscaled-think'] === true
const shape = scenarioStages(preset)
const plateau = plateauOf(shape, timeScale)
const plannedS = shape.stages.reduce((s, st) => s + st.durationS, 0) * timeScale
const TRIM_S = Math.min(1, (plateau.endS - plateau.startS) / 4)
/** Beyond the planned shape: start-up, graceful stop (30 s at most in the preset's scenarios), summary. */
const RUNNER_SLACK_S = 60
const MACHINE_CORES = cpus().length

const dir = await mkdtemp(join(tmpdir(), 'mib-bench-load-peak-'))
const started: Service[] = []
let runner: ChildProcess | undefined
const signals = stopOnSignal(started, () => runner, dir, values['keep-results'] === true)

try {
  const loadBefore = loadavg()
  const startedAt = new Date()
  console.error(`# ${cpus()[0]?.model ?? 'unknown CPU'} × ${MACHINE_CORES}, Node ${process.version}; load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}; ${startedAt.toISOString()}`)
  const buildStarted = Date.now()
  if (buildCompiledCli(values.rebuild === true)) console.error(`# compiled the CLI in ${((Date.now() - buildStarted) / 1000).toFixed(0)} s`)
  const stack = await startServices(dir, started)
  console.error(`# stack up: ${started.map((s) => `${s.name} pid ${s.pid}`).join(', ')}; gateway ${stack.gatewayUrl}`)

  const out = join(dir, 'results.ndjson')
  const shapeArgs = unscaledThink
    ? shape.stages.map((st) => ['-s', `${Math.round(st.durationS * timeScale * 1000)}ms:${st.target}`]).flat()
    : ['--preset', presetName, '--fast-forward', String(timeScale)]
  const args = [COMPILED_CLI, 'load', join(ROOT, 'load-testing', 'market-intel.ts'), ...shapeArgs,
    '-e', `BASE_URL=${stack.gatewayUrl}`, '--out', `json=${out}?aggregate=1s`, '--summary-export', join(dir, 'summary.json')]
  console.error(`# mib load ${args.slice(2).join(' ')}\n# planned ${plannedS.toFixed(0)} s; plateau ${plateau.vus} VUs (api scenario) from ${plateau.startS.toFixed(1)} s to ${plateau.endS.toFixed(1)} s`)
  const stdout = openSync(join(dir, 'runner-stdout.txt'), 'w')
  runner = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', stdout, 'inherit'] })
  const runnerPid = runner.pid as number
  const pids: Record<string, number> = { runner: runnerPid, bench: process.pid }
  for (const s of started) pids[s.name] = s.pid
  const sampler = sampleCpu(pids)
  const exitCode = await new Promise<number | null>((resolve) => {
    const bound = setTimeout(() => {
      console.error(`# the runner is still running ${RUNNER_SLACK_S} s after its planned end: SIGINT (graceful), SIGKILL 15 s later`)
      runner?.kill('SIGINT')
      setTimeout(() => { runner?.kill('SIGKILL') }, 15_000).unref()
    }, (plannedS + RUNNER_SLACK_S) * 1000)
    runner?.once('exit', (code) => { clearTimeout(bound); resolve(code) })
  })
  const samples = sampler.stop()
  if (signals.stopping()) throw new Error('interrupted: no report')
  await writeFile(join(dir, 'cpu-samples.json'), JSON.stringify({ pids, samples }))

  const points = parseAggregatedLines((await readFile(out, 'utf8').catch(() => '')).split('\n'))
  const summary = await readFile(join(dir, 'summary.json'), 'utf8').then((t) => JSON.parse(t) as K6Export).catch(() => undefined)
  console.log(report(points, samples, exitCode, { loadBefore, startedAt, summary }))
} finally {
  if (runner?.pid !== undefined && runner.exitCode === null && runner.signalCode === null) runner.kill('SIGKILL')
  await stopServices(started)
  if (values['keep-results'] === true) console.error(`# kept ${dir}`)
  else await rm(dir, { recursive: true, force: true })
}

/** The parts of the summary export (k6's legacy format) read here. */
interface K6Export { metrics?: Record<string, Record<string, number>> }

function report (points: WindowPoint[], samples: CpuSample[], exitCode: number | null, run: { loadBefore: number[], startedAt: Date, summary: K6Export | undefined }): string {
  const origin = originMs(points)
  if (origin === undefined) throw new Error(`the runner (exit ${String(exitCode)}) wrote no window to its output`)
  const reqs = windowsInside(points, 'http_reqs', origin + (plateau.startS + TRIM_S) * 1000, origin + (plateau.endS - TRIM_S) * 1000)
  const first = reqs[0]
  const last = reqs[reqs.length - 1]
  if (first === undefined || last === undefined) throw new Error('no whole runner window inside the plateau (did the run end early?)')
  // The measurement interval: the whole windows inside the plateau; CPU over exactly the same span.
  const fromMs = first.endMs - first.windowMs
  const toMs = last.endMs
  const seconds = (toMs - fromMs) / 1000
  const inside = (metric: string): WindowPoint[] => windowsInside(points, metric, fromMs, toMs)
  const requests = reqs.reduce((s, p) => s + (p.aggregate.count ?? p.value), 0)
  const durations = inside('http_req_duration').map((p) => p.aggregate)
  const perSecondP95 = durations.map((a) => a.p95).filter((v): v is number => v !== undefined).sort((a, b) => a - b)
  const failed = inside('http_req_failed').reduce((s, p) => ({ bad: s.bad + (p.aggregate.passes ?? 0), all: s.all + (p.aggregate.passes ?? 0) + (p.aggregate.fails ?? 0) }), { bad: 0, all: 0 })
  const vus = inside('vus').map((p) => p.value)

  const cores = (name: string): number | undefined => coresOver(samples, name, fromMs, toMs)
  const processes = ['runner', 'runner.children', 'gateway', 'engine', 'provider-sim', 'bench']
  const used = Object.fromEntries(processes.map((n) => [n, cores(n)]))
  // Counted only when the runner had children all through the window (esbuild's service, kept after bundling).
  if (used['runner.children'] === undefined) processes.splice(1, 1)
  const busy = cores('machine.busy')
  const idle = cores('machine.idle')
  const steal = cores('machine.steal')
  const ours = Object.values(used).reduce<number>((s, v) => s + (v ?? 0), 0)
  const fmt = (c: number | undefined): string => c === undefined ? 'not measured' : `${c.toFixed(2)} | ${(c / MACHINE_CORES * 100).toFixed(0)}%`
  const label: Record<string, string> = {
    runner: 'load runner (`mib load`, compiled; all its threads)',
    'runner.children': '… its child processes (esbuild\'s service, idle after bundling)',
    gateway: 'gateway',
    engine: 'engine',
    'provider-sim': 'provider-sim',
    bench: 'this benchmark (sampling)'
  }
  const ms = (v: number | undefined): string => v === undefined ? '–' : `${v.toFixed(1)} ms`
  const relS = (t: number): string => ((t - origin) / 1000).toFixed(1)
  return [
    `## CPU at the ${plateau.vus.toLocaleString('en-US')}-VU plateau: preset ${presetName}, time scale ${timeScale}${unscaledThink ? ' (stages only; think time unscaled; no WebSocket scenario)' : ''}`,
    '',
    `Started ${run.startedAt.toISOString()}; load average before ${run.loadBefore.map((l) => l.toFixed(2)).join(' / ')}; ${cpus()[0]?.model ?? 'unknown CPU'} × ${MACHINE_CORES}, Node ${process.version}. Runner exit code ${String(exitCode)}.`,
    `Window: ${seconds.toFixed(1)} s, ${relS(fromMs)}–${relS(toMs)} s of the test (plateau ${plateau.startS.toFixed(1)}–${plateau.endS.toFixed(1)} s, ${TRIM_S} s trimmed at each end); VUs in the window (all scenarios) ${vus.length === 0 ? '–' : `${Math.min(...vus)}–${Math.max(...vus)}`}.`,
    '',
    `| process | CPU (cores) | share of the machine (${MACHINE_CORES} cores) |`,
    '| --- | ---: | ---: |',
    ...processes.map((n) => `| ${label[n] ?? n} | ${fmt(used[n])} |`),
    `| other processes (neighbours) | ${fmt(busy === undefined ? undefined : Math.max(0, busy - ours))} |`,
    `| idle | ${fmt(idle)} |`,
    ...(steal !== undefined && steal >= 0.005 ? [`| stolen by the hypervisor | ${fmt(steal)} |`] : []),
    '',
    `Delivered: ${(requests / seconds).toFixed(0)} req/s (${requests} requests); http_req_failed ${failed.all === 0 ? '–' : `${(failed.bad / failed.all * 100).toFixed(2)}%`}; ` +
      `p95 ${ms(mixtureQuantile(durations, 0.95))}, p99 ${ms(mixtureQuantile(durations, 0.99))} (estimated from the per-second quantiles); ` +
      `per-second p95 median ${ms(perSecondP95[Math.floor((perSecondP95.length - 1) / 2)])}, range ${ms(perSecondP95[0])}–${ms(perSecondP95[perSecondP95.length - 1])}.`,
    `Whole run (summary export): ${wholeRun(run.summary)}.`
  ].join('\n')
}

function wholeRun (summary: K6Export | undefined): string {
  const m = summary?.metrics
  if (m === undefined) return 'no summary export'
  const reqs = m.http_reqs
  const d = m.http_req_duration
  return `${reqs?.count ?? '–'} requests, ${reqs?.rate?.toFixed(0) ?? '–'} req/s, p95 ${d?.['p(95)']?.toFixed(1) ?? '–'} ms, p99 ${d?.['p(99)']?.toFixed(1) ?? '–'} ms, ` +
    `http_req_failed ${m.http_req_failed?.value === undefined ? '–' : `${(m.http_req_failed.value * 100).toFixed(2)}%`}`
}
