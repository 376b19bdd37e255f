/**
 * `npm run bench:platform`: what the platform costs at the seed's peak (issue
 * 14 §6). Starts the production stack (provider-sim, engine, gateway: each
 * its own process, compiled, see bench/support/stack.ts), drives it with the
 * compiled runner on the same machine — the Market Intel workload
 * (load-testing/market-intel.ts) with its own think time, U(0.1, 0.6) s, as
 * `-s` stages: a ramp, then a plateau of `--vus` — and reports over the
 * plateau: delivered vs intended request rate, p50/p95/p99, failures (the
 * runner's, and the gateway's answers by route and status, shed apart), and
 * the CPU µs per request of each service and of the runner, from /proc.
 * With `--profile-s N` it also collects a CPU profile of every service for N
 * seconds in the middle of the plateau and gives the same figures inside that
 * window and outside it (the observer effect).
 *
 * Only the `api` scenario runs (`-s` replaces the preset's scenarios: no
 * WebSocket sessions). Intended rate = VUs / mean think time (no response
 * time): 1,000 VUs ask ~2,857 req/s.
 *
 * Not a test: the figures depend on the machine and its neighbours. CPU per
 * request is the figure to iterate on (shorter runs, fewer VUs are fine);
 * latency targets need a quiet machine. Linux only (/proc).
 *   --vus <n>          plateau VUs (default 1000)
 *   --rate <n>         instead of VUs: a fixed arrival rate of the same mix (iterations/s; platform/fixed-rate.ts),
 *                      for comparing builds at equal delivered rates on a busy machine
 *   --hold-s <s>       plateau length (default 60)
 *   --ramp-s <s>       ramp from 0 to --vus (default 15)
 *   --base-port <p>    seven ports from p (gateway, engine gRPC, engine admin, provider, 3 profiling); default: free ports
 *   --profile-s <s>    CPU-profile every service for s seconds mid-plateau (default 0: no profile)
 *   --json <file>      also write the figures as JSON
 *   --keep-results     keep the run directory (runner output, logs, CPU samples, profiles) and print its path
 *   --rebuild          recompile even if the build is newer than every source
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { openSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { THINK_TIME_S } from '../../load-testing/operations.js'
import { sampleCpu, type CpuSample } from '../support/proc.js'
import { buildCompiledCli, COMPILED_CLI, ROOT, startServices, stopOnSignal, stopServices, type Service, type Stack } from '../support/stack.js'
import { originMs, parseAggregatedLines, type WindowPoint } from '../support/window.js'
import { answersBetween, intendedRate, shedBetween, stretchFigures, type AnswerCount, type StretchFigures } from './platform/figures.js'

const { values } = parseArgs({
  options: {
    vus: { type: 'string', default: '1000' },
    rate: { type: 'string' },
    'hold-s': { type: 'string', default: '60' },
    'ramp-s': { type: 'string', default: '15' },
    'base-port': { type: 'string' },
    'profile-s': { type: 'string', default: '0' },
    json: { type: 'string' },
    'keep-results': { type: 'boolean', default: false },
    rebuild: { type: 'boolean', default: false }
  }
})
const positiveInt = (name: string, raw: string | undefined, min = 1): number => {
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min} (got ${String(raw)})`)
  return n
}
const vus = positiveInt('vus', values.vus)
const rate = values.rate === undefined ? undefined : positiveInt('rate', values.rate)
const holdS = positiveInt('hold-s', values['hold-s'], 10)
const rampS = positiveInt('ramp-s', values['ramp-s'])
const profileS = positiveInt('profile-s', values['profile-s'], 0)
const basePort = values['base-port'] === undefined ? undefined : positiveInt('base-port', values['base-port'], 1024)
if (profileS > holdS / 2) throw new Error('--profile-s must be at most half of --hold-s (the rest of the plateau is the comparison)')
/** Trimmed off the plateau: its first seconds still settle after the ramp; its last can be cut by the stop. */
const SETTLE_S = 2
const TAIL_S = 1
const RUNNER_SLACK_S = 60
const SCRAPE_EVERY_MS = 5000
const SERVICES = ['gateway', 'engine', 'provider-sim'] as const
const COUNTERS = [...SERVICES, 'runner', 'runner.children']
const MACHINE_CORES = cpus().length

const dir = await mkdtemp(join(tmpdir(), 'mib-bench-platform-'))
const started: Service[] = []
let runner: ChildProcess | undefined
const signals = stopOnSignal(started, () => runner, dir, values['keep-results'] === true)

interface Scrape { atMs: number, text: string }

try {
  const loadBefore = loadavg()
  const startedAt = new Date()
  console.error(`# ${cpus()[0]?.model ?? 'unknown CPU'} × ${MACHINE_CORES}, Node ${process.version}; load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}; ${startedAt.toISOString()}`)
  if (buildCompiledCli(values.rebuild === true)) console.error('# compiled the CLI')
  const token = profileS > 0 ? randomBytes(24).toString('hex') : undefined
  const stack = await startServices(dir, started, 60_000, { ...(basePort === undefined ? {} : { basePort }), ...(token === undefined ? {} : { profilingToken: token }) })
  console.error(`# stack up: ${started.map((s) => `${s.name} pid ${s.pid}`).join(', ')}; gateway ${stack.gatewayUrl}`)

  const out = join(dir, 'results.ndjson')
  const shape = rate === undefined
    ? [join(ROOT, 'load-testing', 'market-intel.ts'), '-s', `${rampS}s:${vus}`, '-s', `${holdS}s:${vus}`]
    : [join(ROOT, 'bench', 'services', 'platform', 'fixed-rate.ts'), '-e', `RATE=${rate}`, '-e', `RAMP_S=${rampS}`, '-e', `HOLD_S=${holdS}`]
  const args = [COMPILED_CLI, 'load', ...shape, '-e', `BASE_URL=${stack.gatewayUrl}`, '--out', `json=${out}?aggregate=1s`, '--quiet']
  console.error(`# mib load ${args.slice(2).join(' ')}`)
  const stdout = openSync(join(dir, 'runner-stdout.txt'), 'w')
  runner = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', stdout, 'inherit'] })
  const spawnedAt = Date.now()
  const pids: Record<string, number> = { runner: runner.pid as number }
  for (const s of started) pids[s.name] = s.pid
  const sampler = sampleCpu(pids)
  const scrapes: Scrape[] = []
  const scrape = async (): Promise<void> => {
    const text = await fetch(`${stack.gatewayUrl}/metrics`).then(async (r) => await r.text()).catch(() => undefined)
    if (text !== undefined) scrapes.push({ atMs: Date.now(), text })
  }
  const scraper = setInterval(() => { void scrape() }, SCRAPE_EVERY_MS)
  const profiled = profileS > 0 ? scheduleProfiles(stack, token as string, spawnedAt) : undefined
  const exitCode = await new Promise<number | null>((resolve) => {
    const bound = setTimeout(() => {
      console.error(`# the runner is still running ${RUNNER_SLACK_S} s after its planned end: SIGINT, SIGKILL 15 s later`)
      runner?.kill('SIGINT')
      setTimeout(() => { runner?.kill('SIGKILL') }, 15_000).unref()
    }, (rampS + holdS + RUNNER_SLACK_S) * 1000)
    runner?.once('exit', (code) => { clearTimeout(bound); resolve(code) })
  })
  clearInterval(scraper)
  await scrape()
  const samples = sampler.stop()
  const profileWindow = await profiled
  if (signals.stopping()) throw new Error('interrupted: no report')
  await writeFile(join(dir, 'cpu-samples.json'), JSON.stringify({ pids, samples }))

  const points = parseAggregatedLines((await readFile(out, 'utf8').catch(() => '')).split('\n'))
  const result = measure(points, samples, scrapes, profileWindow)
  console.log(report(result, exitCode, { loadBefore, startedAt }))
  if (values.json !== undefined) await writeFile(values.json, JSON.stringify({ startedAt, vus: rate === undefined ? vus : null, rate: rate ?? null, holdS, rampS, loadBefore, exitCode, ...result }, null, 2))
} finally {
  if (runner?.pid !== undefined && runner.exitCode === null && runner.signalCode === null) runner.kill('SIGKILL')
  await stopServices(started)
  if (values['keep-results'] === true) console.error(`# kept ${dir}`)
  else await rm(dir, { recursive: true, force: true })
}

interface ProfileWindow { fromMs: number, toMs: number, files: string[] }

/** CPU profiles of every service, `profileS` long, centred on the plateau (from the runner's spawn; its start-up is ~1 s). */
async function scheduleProfiles (stack: Stack, token: string, spawnedAt: number): Promise<ProfileWindow> {
  const startMs = spawnedAt + (rampS + holdS / 2 - profileS / 2) * 1000
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, startMs - Date.now())))
  const fromMs = Date.now()
  const urls = stack.plans.map((p) => p.record.profilingUrl).filter((u): u is string => u !== undefined)
  const outDir = join(dir, 'profiles')
  await Promise.all(urls.map(async (url) => await new Promise<void>((resolve) => {
    const child = spawn(process.execPath, [COMPILED_CLI, 'profile', 'cpu', '--seconds', String(profileS), '--service', url, '--token', token, '--out', outDir], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
    child.once('exit', () => { resolve() })
  })))
  return { fromMs, toMs: Date.now(), files: [outDir] }
}

interface Measured {
  intendedPerS: number
  plateau: StretchFigures
  answers: AnswerCount[]
  shed: number
  answersSpanS: number
  /** Answers that went through the routes (not shed) per second, from the gateway's /metrics. */
  servedPerS?: number
  /** The services' CPU over the plateau per such answer. */
  servicesUsPerServed?: number
  profile?: { window: StretchFigures, rest: StretchFigures | undefined }
}

function measure (points: WindowPoint[], samples: CpuSample[], scrapes: Scrape[], profile: ProfileWindow | undefined): Measured {
  const origin = originMs(points)
  if (origin === undefined) throw new Error('the runner wrote no window to its output (see its stderr above)')
  const from = origin + (rampS + SETTLE_S) * 1000
  const to = origin + (rampS + holdS - TAIL_S) * 1000
  const plateau = stretchFigures(points, samples, COUNTERS, from, to)
  if (plateau === undefined) throw new Error('no whole runner window inside the plateau (did the run end early?)')
  const first = scrapes.find((s) => s.atMs >= plateau.fromMs)
  const last = [...scrapes].reverse().find((s) => s.atMs <= plateau.toMs)
  const ok = first !== undefined && last !== undefined && last.atMs > first.atMs
  const result: Measured = {
    intendedPerS: rate ?? intendedRate(vus, THINK_TIME_S),
    plateau,
    answers: ok ? answersBetween(first.text, last.text) : [],
    shed: ok ? shedBetween(first.text, last.text) : 0,
    answersSpanS: ok ? (last.atMs - first.atMs) / 1000 : 0
  }
  const answered = result.answers.reduce((sum, a) => sum + a.count, 0)
  const cores = SERVICES.map((name) => plateau.cores[name])
  if (ok && answered > 0) {
    result.servedPerS = answered / result.answersSpanS
    if (cores.every((c) => c !== undefined)) result.servicesUsPerServed = (cores as number[]).reduce((sum, c) => sum + c, 0) / result.servedPerS * 1e6
  }
  if (profile !== undefined) {
    const window = stretchFigures(points, samples, COUNTERS, profile.fromMs, profile.toMs)
    // The rest of the plateau: the longer side outside the window.
    const before = stretchFigures(points, samples, COUNTERS, plateau.fromMs, profile.fromMs)
    const after = stretchFigures(points, samples, COUNTERS, profile.toMs, plateau.toMs)
    const rest = (before?.seconds ?? 0) >= (after?.seconds ?? 0) ? before : after
    if (window !== undefined) result.profile = { window, rest }
  }
  return result
}

function report (m: Measured, exitCode: number | null, run: { loadBefore: number[], startedAt: Date }): string {
  const p = m.plateau
  const ms = (v: number | undefined): string => v === undefined ? '–' : `${v.toFixed(1)} ms`
  const us = (v: number | undefined): string => v === undefined ? '–' : v.toFixed(0)
  const pct = (v: number | undefined): string => v === undefined ? '–' : `${(v * 100).toFixed(2)}%`
  const servicesUs = (f: StretchFigures): number | undefined => SERVICES.every((s) => f.usPerRequest[s] !== undefined)
    ? SERVICES.reduce((s, n) => s + (f.usPerRequest[n] as number), 0)
    : undefined
  const row = (label: string, f: StretchFigures): string =>
    `| ${label} | ${f.seconds.toFixed(0)} s | ${f.ratePerS.toFixed(0)} (${(f.ratePerS / m.intendedPerS * 100).toFixed(0)}%) | ${ms(f.p50Ms)} | ${ms(f.p95Ms)} | ${ms(f.p99Ms)} | ${pct(f.failedShare)} | ` +
    `${SERVICES.map((s) => us(f.usPerRequest[s])).join(' | ')} | **${us(servicesUs(f))}** | ${us(f.usPerRequest.runner)} |`
  const nonOk = m.answers.filter((a) => !a.status.startsWith('2'))
  const answered = m.answers.reduce((s, a) => s + a.count, 0)
  return [
    rate === undefined
      ? `## Platform at ${vus.toLocaleString('en-US')} VUs (Market Intel mix, think time U(${THINK_TIME_S.min}, ${THINK_TIME_S.max}) s; plateau ${holdS} s after a ${rampS} s ramp)`
      : `## Platform at a fixed ${rate.toLocaleString('en-US')} requests/s (Market Intel mix, arrival rate; plateau ${holdS} s after a ${rampS} s ramp)`,
    '',
    `Started ${run.startedAt.toISOString()}; load average before ${run.loadBefore.map((l) => l.toFixed(2)).join(' / ')}; ${cpus()[0]?.model ?? 'unknown CPU'} × ${MACHINE_CORES}, Node ${process.version}. Runner exit code ${String(exitCode)}.`,
    `Intended ${m.intendedPerS.toFixed(0)} req/s (${rate === undefined ? 'VUs / mean think time' : 'the arrival rate'}). Latency quantiles are estimated from the per-second ones (mixtureQuantile). CPU: utime + stime of every thread, from /proc.`,
    '',
    '| stretch | length | delivered req/s (of intended) | p50 | p95 | p99 | failed | gateway µs/req | engine µs/req | provider-sim µs/req | services µs/req | runner µs/req |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    row('plateau', p),
    ...(m.profile === undefined ? [] : [row(`profile window (CPU, ${profileS} s)`, m.profile.window), ...(m.profile.rest === undefined ? [] : [row('rest of the plateau (longer side)', m.profile.rest)])]),
    '',
    `Gateway answers over ${m.answersSpanS.toFixed(0)} s of the plateau (its /metrics): ${answered} answers, ` +
      (nonOk.length === 0 ? 'all 2xx' : nonOk.map((a) => `${a.route} ${a.status}: ${a.count}`).join('; ')) +
      `; shed (counters named *shed*): ${m.shed}. Runner-side failures: ${p.failed} (${pct(p.failedShare)}).`,
    `Cores: ${COUNTERS.map((c) => `${c} ${p.cores[c]?.toFixed(2) ?? '–'}`).join(', ')}.`,
    // A shed request costs next to nothing: with shedding, µs per delivered request flatters the services.
    m.servedPerS === undefined
      ? ''
      : `Answered by the routes (shed excluded): ${m.servedPerS.toFixed(0)} req/s; services CPU per routed answer: **${us(m.servicesUsPerServed)} µs**.`
  ].join('\n')
}
