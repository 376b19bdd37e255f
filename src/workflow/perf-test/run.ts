/**
 * The whole workflow in one call (the seed's `make perf-test`, made truthful):
 * start the services (production, profiling on the loopback admin listeners) →
 * wait until ready → health check → light load test → main load test with the
 * monitor and the live dashboard running and profiles taken DURING the peak →
 * analyze → verdict. Services are stopped at the end, also on failure or Ctrl-C;
 * what was measured is kept (signals: src/signals.ts).
 */
import { mkdir } from 'node:fs/promises'
import { isAbsolute, join } from 'node:path'
import { parseOptions } from '../../options.js'
import { EXIT } from '../../exit-codes.js'
import { startStack, stackHealth, type RunningStack } from '../stack/index.js'
import { inspectLoadTest, runLoadTest, type LoadTestResult, type WritableText } from '../../lab/load/index.js'
import { createOutputs, parseOutputSpec } from '../../lab/load/outputs/index.js'
import { startMonitor } from '../../lab/monitor/index.js'
import { collectMany, type CollectOutcome } from '../../lab/profiling/index.js'
import { createRunDir, RUN_FILES, type ManifestProfiling, type RunDir } from '../../lab/results-dir/index.js'
import {
  analyzeAndReport, followMonitor, formatAnalyzeResult, liveLoadOutput, stageEvents, startDashboard,
  type AnalyzeResult, type Dashboard, type LiveLoadOutput
} from '../../lab/report/index.js'
import { onStopSignals, type StopSignals } from '../../signals.js'
import { peakWindow, profileSchedule, type PeakWindow } from './peak.js'
import { monitorInterval, perfTestOptionsSchema, type PerfTestOptions, type PerfTestOptionsInput } from './options.js'
import { ChaosNoPeakError, loadChaosPlan } from '../chaos/index.js'
import { setUpChaos, startChaosPhase, type ChaosSetup } from './chaos-phase.js'


export interface PerfTestIo {
  /** Progress lines ("▶ …"). */
  log: (line: string) => void
  stdout: WritableText
  stderr: WritableText
}

export interface PerfTestResult {
  exitCode: number
  runId: string
  dir: string
  analysis?: AnalyzeResult
  main?: LoadTestResult
}

const defaultIo: PerfTestIo = {
  log: (line) => { process.stderr.write(`${line}\n`) },
  stdout: process.stdout,
  stderr: process.stderr
}

export async function runPerfTest (input: PerfTestOptionsInput = {}, io: PerfTestIo = defaultIo): Promise<PerfTestResult> {
  const options = parseOptions(perfTestOptionsSchema, input, 'perf-test options')
  // A bad --out fails now, not after the services started and the light test ran.
  createOutputs({ out: options.out, summary: false })
  const plan = await planMain(options)
  const chaos = options.chaos === undefined ? undefined : setUpChaos(await loadChaosPlan(options.chaos), plan.peak, options.timeScale, options.profileMaxSeconds)
  if (options.chaos !== undefined && chaos === undefined) throw new ChaosNoPeakError(options.preset)
  const run = await createRunDir({
    label: options.preset,
    preset: options.preset,
    timeScale: options.timeScale,
    ...(options.fastForward ? { fastForward: true } : {}),
    ...(options.resultsRoot === undefined ? {} : { root: options.resultsRoot }),
    ...(plan.stages === undefined ? {} : { stages: plan.stages }),
    options: { script: options.script, light: options.light, workers: options.workers, stack: options.stack, ...(options.chaos === undefined ? {} : { chaos: options.chaos }) }
  })
  io.log(`▶ run ${run.id} → ${run.dir}`)

  // The signal rule (src/signals.ts): the first signal finishes the current step and keeps what was measured;
  // during a load test the runner owns the later ones (abort, then exit); elsewhere the second exits at once
  // (the services this process started are ended on exit).
  const interrupt = onStopSignals({
    graceful: () => { io.log('▶ interrupted: finishing the current step, keeping what was measured, then stopping the services (Ctrl-C again to stop at once)') },
    exitCode: EXIT.EXTERNAL_ABORT
  })
  let stack: RunningStack | undefined
  try {
    io.log(`▶ 1/6 starting services (${options.stack.env}${options.stack.profiling ? ', profiling on loopback admin listeners' : ''})`)
    // Not cut by a second signal: services started half-way would outlive this process (start-up is bounded by its ready timeout).
    stack = await interrupt.deferTo(async () => await startStack(options.stack, { detach: true, runDir: join(run.dir, 'services'), onInfo: (l) => { io.log(`  ${l}`) } }))
    killOnExit(stack)
    await run.writeManifest({ startedAt: new Date().toISOString() })

    io.log('▶ 2/6 health check')
    const health = await stackHealth(join(run.dir, 'services'))
    for (const h of health) io.log(`  ${h.healthy ? '✓' : '✗'} ${h.name} ${h.url} (${h.latencyMs.toFixed(1)} ms)`)
    if (health.some((h) => !h.healthy)) throw new Error('a service is unhealthy before the test; see the logs in ' + join(run.dir, 'services', 'logs'))

    const baseUrl = stack.state.services.find((s) => s.name === 'gateway')?.urls.http ?? ''
    if (options.light && interrupt.received === 0) {
      io.log(`▶ 3/6 light load test (preset ${options.lightPreset}, ${scaleLabel(options)})`)
      const lightDir = join(run.dir, 'light')
      await mkdir(lightDir, { recursive: true })
      const light = await interrupt.deferTo(async () => await runLoadTest({
        script: options.script, preset: options.lightPreset, timeScale: options.timeScale, fastForward: options.fastForward, workers: options.workers, env: { BASE_URL: baseUrl },
        out: [`aggregate=${join(lightDir, RUN_FILES.aggregates)}`], summaryExport: join(lightDir, RUN_FILES.summary),
        noSummary: true, handleSignals: true, stdout: io.stdout, stderr: io.stderr
      }))
      io.log(`  light test: ${light.thresholds.filter((t) => !t.ok).length === 0 ? 'thresholds passed' : 'thresholds FAILED'} (exit ${light.exitCode})`)
    } else {
      io.log('▶ 3/6 light load test skipped')
    }

    let main: LoadTestResult | undefined
    if (interrupt.received === 0) {
      io.log(`▶ 4/6 main load test (preset ${options.preset}, ${scaleLabel(options)}) with monitor, dashboard and profiles at the peak`)
      main = await runMain(options, plan, run, stack, baseUrl, io, chaos, interrupt)
      await run.writeManifest({ rates: main.rates })
    }

    io.log('▶ 5/6 stopping services')
    await stack.stop()
    stack = undefined
    await run.writeManifest({ endedAt: new Date().toISOString() })

    if (main === undefined) return { exitCode: EXIT.EXTERNAL_ABORT, runId: run.id, dir: run.dir }
    io.log('▶ 6/6 analysis')
    const analysis = await analyzeAndReport({
      run: run.dir,
      ...(options.resultsRoot === undefined ? {} : { root: options.resultsRoot }),
      ...(options.baseline === undefined ? {} : { baseline: options.baseline })
    })
    io.stdout.write(`\n${formatAnalyzeResult(analysis)}\n`)
    return { exitCode: exitCodeOf(options, main, analysis), runId: run.id, dir: run.dir, analysis, main }
  } finally {
    try {
      if (stack !== undefined) {
        io.log('▶ stopping services')
        await stack.stop()
      }
    } finally {
      interrupt.remove()
    }
  }
}

function scaleLabel (options: PerfTestOptions): string {
  if (options.fastForward) return `fast-forward ${options.timeScale}: think time × ${options.timeScale}, request rates × ${+(1 / options.timeScale).toPrecision(3)}`
  return options.timeScale === 1 ? 'full length' : `time scale ${options.timeScale}: schedule × ${options.timeScale}, think time as written`
}

function exitCodeOf (options: PerfTestOptions, main: LoadTestResult, analysis: AnalyzeResult): number {
  const regressed = (analysis.comparison?.regressions.length ?? 0) + analysis.recoveryRegressions.length > 0
  if (analysis.resilience !== undefined) {
    // A chaos run: the runner's thresholds span the faults; the report judged performance before them, and the faults apart.
    if (main.exitCode !== EXIT.OK && main.exitCode !== EXIT.THRESHOLDS_FAILED) return main.exitCode
    if (analysis.verdict.status === 'fail') return EXIT.THRESHOLDS_FAILED
    if (options.failOnRegression && regressed) return EXIT.REGRESSION
    return analysis.resilience.status === 'fail' ? EXIT.RESILIENCE_FAILED : EXIT.OK
  }
  if (main.exitCode !== EXIT.OK) return main.exitCode
  if (options.failOnRegression && regressed) return EXIT.REGRESSION
  return EXIT.OK
}

interface MainPlan {
  peak: PeakWindow | undefined
  plannedMs: number
  stages: Array<{ duration: string, target: number }> | undefined
}

/** Resolves the main test's schedule before it runs, to know when its peak is. */
async function planMain (options: PerfTestOptions): Promise<MainPlan> {
  const loadOptions = await inspectLoadTest({ script: options.script, preset: options.preset, timeScale: options.timeScale, fastForward: options.fastForward })
  const plannedMs = Math.max(...loadOptions.scenarios.map((s) => s.startTimeMs + plannedLengthMs(s)))
  const busiest = loadOptions.scenarios.find((s) => s.executor === 'ramping-vus')
  const stages = busiest?.executor === 'ramping-vus'
    ? busiest.stages.map((s) => ({ duration: `${s.durationMs / options.timeScale}ms`, target: s.target }))
    : undefined
  return { peak: peakWindow(loadOptions.scenarios), plannedMs, stages }
}

function plannedLengthMs (s: Parameters<typeof peakWindow>[0][number]): number {
  switch (s.executor) {
    case 'constant-vus': case 'constant-arrival-rate': return s.durationMs
    case 'ramping-vus': case 'ramping-arrival-rate': return s.stages.reduce((sum, st) => sum + st.durationMs, 0)
    default: return s.maxDurationMs
  }
}

async function runMain (options: PerfTestOptions, plan: MainPlan, run: RunDir, stack: RunningStack, baseUrl: string, io: PerfTestIo, chaos: ChaosSetup | undefined, signals: StopSignals): Promise<LoadTestResult> {
  const monitor = startMonitor({
    outDir: run.dir,
    intervalS: monitorInterval(options),
    // The monitor outlives the test by a margin; it is stopped explicitly.
    durationS: Math.ceil(plan.plannedMs / 1000) + 120,
    targets: stack.state.services.map((s) => ({ name: s.name, pid: s.pid, metricsUrl: s.metricsUrl, healthUrl: s.healthUrl }))
  })
  monitor.on('warning', (w) => { io.log(`  monitor: ${w.message}`) })
  let dashboard: Dashboard | undefined
  let live: LiveLoadOutput | undefined
  let unfollow = (): void => {}
  if (options.dashboard) {
    dashboard = await startDashboard({ port: options.dashboardPort, snapshotFile: join(run.dir, RUN_FILES.dashboard) })
    io.log(`  live dashboard: ${dashboard.url}`)
    // The monitor and the faults outlive the test: the dashboard ends after them, below.
    live = liveLoadOutput(dashboard, { endsWithRun: false })
    unfollow = followMonitor(dashboard, monitor)
  }
  // With a chaos plan the profiles give way to the faults (placeInPeak), which run after them.
  const profiles = scheduleProfiles(options, plan, run, stack, io, chaos?.window.profileCpuSeconds ?? options.profileMaxSeconds)
  const chaosPhase = chaos === undefined
    ? undefined
    : startChaosPhase({ setup: chaos, plannedMs: plan.plannedMs, runDir: run.dir, stack, dashboard, log: io.log, onRestarted: (name, pid) => { monitor.followPid(name, pid) }, profilesDone: profiles.done })
  let begun = false
  try {
    return await signals.deferTo(async () => await runLoadTest({
      script: options.script, preset: options.preset, timeScale: options.timeScale, fastForward: options.fastForward, workers: options.workers, env: { BASE_URL: baseUrl },
      out: [`aggregate=${join(run.dir, RUN_FILES.aggregates)}`, ...options.out.map((spec) => inRunDir(spec, run.dir))], summaryExport: join(run.dir, RUN_FILES.summary),
      outputs: live === undefined ? [] : [live],
      handleSignals: true, stdout: io.stdout, stderr: io.stderr,
      onWindow: (_window, status) => {
        if (begun) return
        begun = true
        profiles.begin(status.elapsedMs)
        chaosPhase?.begin(status.elapsedMs)
        for (const e of stageEvents(plan.stages ?? [], options.timeScale, Date.now() - status.elapsedMs)) dashboard?.publish(e)
      }
    }))
  } finally {
    // Profiles already under way finish (they are bounded by their seconds);
    // ones not started yet (the test ended early) are cancelled.
    profiles.cancelPending()
    await Promise.all([profiles.done, chaosPhase?.finish()])
    await monitor.stop()
    unfollow()
    await live?.close()
  }
}

/** `json=results.ndjson.gz` → `json=<run dir>/results.ndjson.gz`; absolute targets stay. */
function inRunDir (spec: string, dir: string): string {
  const { type, target, params } = parseOutputSpec(spec)
  if (target === '' || isAbsolute(target)) return spec
  const query = new URLSearchParams(params).toString()
  return `${type}=${join(dir, target)}${query === '' ? '' : `?${query}`}`
}

/** Collects CPU, heap, goroutine and trace profiles of every service inside the peak window. */
interface ProfileSchedule {
  /** Called with the test's elapsed time once it runs: the timer counts from the test's own start. */
  begin: (elapsedMs: number) => void
  cancelPending: () => void
  done: Promise<CollectOutcome[]>
}

function scheduleProfiles (options: PerfTestOptions, plan: MainPlan, run: RunDir, stack: RunningStack, io: PerfTestIo, maxCpuSeconds: number): ProfileSchedule {
  if (plan.peak === undefined) return { begin: () => {}, cancelPending: () => {}, done: Promise.resolve([]) }
  let timer: NodeJS.Timeout | undefined
  let cancel = (): void => {}
  let begin = (_elapsedMs: number): void => {}
  const token = stack.state.profilingToken
  const targets = stack.state.services.flatMap((s) => s.profilingUrl === undefined ? [] : [{ name: s.name, baseUrl: s.profilingUrl, ...(token === undefined ? {} : { token }) }])
  const { atMs, cpuSeconds, traceSeconds } = profileSchedule(plan.peak, maxCpuSeconds, targets.length)
  const done = new Promise<CollectOutcome[]>((resolve) => {
    const collect = (): void => {
      timer = undefined
      io.log(`  profiling ${targets.map((t) => t.name).join(', ')} at the peak: CPU ${cpuSeconds} s together, sampled heap, goroutine, then a ${traceSeconds} s trace of each in turn`)
      collectMany({ targets, kinds: ['cpu', 'heap', 'goroutine', 'trace'], seconds: cpuSeconds, traceSeconds, staggerTraces: true, outDir: join(run.dir, RUN_FILES.profiles) })
        .then(async (outcomes) => {
          for (const out of outcomes) if (!out.ok) io.log(`  profile ${out.service}/${out.kind} failed: ${out.error.message}`)
          const profiling = profilingWindow(outcomes)
          if (profiling !== undefined) {
            io.log(`  profile window: ${((profiling.toMs - profiling.fromMs) / 1000).toFixed(1)} s (the report compares it with the rest of the peak)`)
            await run.writeManifest({ profiling })
          }
          resolve(outcomes)
        }).catch((err: unknown) => { io.log(`  profiling failed: ${String(err)}`); resolve([]) })
    }
    let begun = false
    begin = (elapsedMs) => {
      if (begun) return
      begun = true
      timer = setTimeout(collect, Math.max(0, atMs - elapsedMs))
    }
    cancel = () => {
      if (timer === undefined && begun) return
      if (timer !== undefined) clearTimeout(timer)
      io.log('  profiles not taken: the test ended before its peak')
      resolve([])
    }
  })
  return { begin: (elapsedMs) => { begin(elapsedMs) }, cancelPending: () => { cancel() }, done }
}

/** The span from the first collection's start to the last one's end, and each collection's own. */
function profilingWindow (outcomes: CollectOutcome[]): ManifestProfiling | undefined {
  if (outcomes.length === 0) return undefined
  return {
    fromMs: Math.min(...outcomes.map((outcome) => outcome.startedAtMs)),
    toMs: Math.max(...outcomes.map((outcome) => outcome.endedAtMs)),
    collections: outcomes.map((outcome) => ({
      service: outcome.ok ? outcome.profile.service : outcome.service, kind: outcome.ok ? outcome.profile.kind : outcome.kind, ok: outcome.ok, fromMs: outcome.startedAtMs, toMs: outcome.endedAtMs
    }))
  }
}

/** Last resort: if this process exits abruptly, the services it started do not outlive it. */
function killOnExit (stack: RunningStack): void {
  process.once('exit', () => {
    for (const s of stack.state.services) {
      try { process.kill(s.pid, 'SIGTERM') } catch { /* already gone */ }
    }
  })
}
