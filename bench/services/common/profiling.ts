/**
 * `npm run bench:profiling`: what a CPU profile costs the service being
 * profiled. Gateway throughput (autocannon, fixed connections) without and
 * with a CPU profile running at the default 100 Hz, in the same run.
 * Target: at most 5 % throughput loss. Not a test: record results in BENCHMARKS.md.
 *
 * Design, for a noisy 2-core machine: many short rounds, each one run without
 * and one with a profile, back to back, the order alternating (A B, B A, A B, …:
 * ABBA), so a drift of the machine or of the process hits both sides equally.
 * Each round gives a paired ratio (profiled / its adjacent unprofiled run); the
 * verdict is the median of those ratios, robust to a neighbour's burst spoiling
 * a round or two. Medians of each side are reported too, with every round.
 * The CPU the rest of the machine used during each run is measured (/proc/stat
 * minus this benchmark's processes): a round where it passed 10 % of a core is
 * marked disturbed, and the verdict is taken on the quiet rounds when there are
 * at least 4 (else on all, as said in the output).
 *
 * Servers run in their own processes (this file re-runs itself with --role):
 * provider-sim + engine ("upstream", profiling off) and the gateway with
 * profiling on its main port; or, with --stand-in, a Fastify app built like a
 * service (createHttpServer) answering a 50-quote JSON body.
 *   --duration-s <n>    seconds per measured run (default 5)
 *   --rounds <n>        rounds, each one unprofiled and one profiled run (default 12)
 *   --warmup-s <n>      seconds of load before the rounds (default 5), then one short profile
 *   --connections <n>   concurrent connections (default 50)
 *   --hz <n>            CPU sampling rate of the profiled runs (default 100)
 *   --stand-in          measure the stand-in app instead of the gateway
 *   --url <base>        measure a running service (with --path); its /debug/pprof must be reachable
 *   --path <path>       request path (default: the gateway's market-data buffer, rotating symbols)
 *   --hz-curve <list>   instead: no profile and one profiled side per rate (e.g. 50,100,200), order
 *                       reversed every other round; ratios against the same round's unprofiled run
 *   --warm-vs-off       instead: mounted profiling's continuous cost. Two targets of the same kind
 *                       (gateways on one upstream, or two stand-ins), one with profiling off and one
 *                       with profiling mounted (so its profiler samples all the time, no window
 *                       asked), in ABBA rounds; each one's own process CPU per request
 * CPU µs/req is the measured process's CPU time (all its threads, the profiler's
 * included) per request, from /proc: steadier than req/s when a neighbour loads the machine.
 * A profiled run's profile starts 0.3 s before its load and ends just after it, so
 * the run measures a profile *running*; what starting and ending one costs (V8 sets
 * up its profiler, ~60 ms on the main thread; serializing and encoding) is reported
 * apart, as how much later than its window the profile was answered.
 * Each run is logged on stderr as it ends.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { availableParallelism, cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { request } from 'undici'

const SELF = fileURLToPath(import.meta.url)
const SYMBOLS = ['AAPL', 'GOOGL', 'MSFT', 'AMZN', 'TSLA', 'META', 'NVDA', 'JPM', 'JNJ', 'V']
const TARGET_LOSS_PCT = 5
const READY_TIMEOUT_MS = 60_000
/** The profile starts this long before a profiled run's load (V8's profiler set-up happens outside the run). */
const PROFILE_LEAD_MS = 300
/** …and ends this long after it, so it covers the whole run. */
const PROFILE_TAIL_MS = 200
/** The measured server's process (CPU time per request); unset with --url. */
let targetPid: number | undefined
/** The benchmark's own processes: this driver and the servers it started. */
const ownPids: number[] = [process.pid]
/** Others' CPU above this (% of one core) during a run marks its round as disturbed. */
const DISTURBED_OTHERS_PCT = 10

/** How a report names its two sides. */
interface SideNames { title: string, baseline: string, profiled: string, loss: string }
const PROFILE_SIDES: SideNames = { title: 'CPU profile overhead', baseline: 'no profile', profiled: 'CPU profile running', loss: 'Throughput loss' }
const WARM_SIDES: SideNames = { title: 'Continuous cost of mounted profiling (off vs on: the warm CPU profiler and the heap and loop samplers running, no window asked)', baseline: 'profiling off', profiled: 'warm profiler', loss: 'Throughput loss of the warm profiler' }

/** For the timestamps of the per-run log lines. */
const started = Date.now()

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    'engine-url': { type: 'string' },
    'duration-s': { type: 'string', default: '5' },
    rounds: { type: 'string', default: '12' },
    'warmup-s': { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    hz: { type: 'string', default: '100' },
    'stand-in': { type: 'boolean', default: false },
    url: { type: 'string' },
    path: { type: 'string' },
    'hz-curve': { type: 'string' },
    'warm-vs-off': { type: 'boolean', default: false },
    profiling: { type: 'string', default: 'main' }
  }
})

if (values.role !== undefined) {
  await serveRole(values.role, values['engine-url'], values.profiling === 'off' ? 'off' : 'main')
} else {
  await drive()
}

// ---------------------------------------------------------------- driver

interface Settings { durationS: number, rounds: number, connections: number, hz: number }
interface Run { rps: number, p99Ms: number, failures: number, cpuUsPerReq?: number, /** CPU the rest of the machine used during the run, % of one core */ othersPct?: number, /** profiled runs: ms between the end of the window and the answer */ lateMs?: number }
interface Round { order: string, baseline: Run, profiled: Run }

/** CPU time (user + system) of a process in µs, from /proc (Linux); undefined elsewhere. */
function cpuUs (pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 1_000_000 / 100
  } catch { return undefined }
}

/** Busy CPU time of the whole machine in µs (user, nice, system, irq, softirq, steal: processes' times include the interrupts they take), from /proc/stat. */
function machineBusyUs (): number | undefined {
  try {
    const f = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number)
    return [0, 1, 2, 5, 6, 7].reduce((sum, i) => sum + (f[i] ?? 0), 0) * 1_000_000 / 100
  } catch { return undefined }
}

/** CPU time of everything on the machine that is not this benchmark, in µs. */
function othersUs (): number | undefined {
  const busy = machineBusyUs()
  if (busy === undefined || targetPid === undefined) return undefined
  let own = 0
  for (const pid of ownPids) own += cpuUs(pid) ?? 0
  return busy - own
}

function logRun (label: string, r: Run): void {
  const t = ((Date.now() - started) / 1000).toFixed(0).padStart(4)
  console.error(`# ${t} s ${label}: ${r.rps.toFixed(0)} req/s, ${r.cpuUsPerReq?.toFixed(1) ?? '–'} CPU µs/req, p99 ${r.p99Ms} ms, others ${r.othersPct?.toFixed(0) ?? '–'} % CPU` +
    (r.lateMs === undefined ? '' : `, profile answered ${r.lateMs.toFixed(0)} ms after its window`) + (r.failures > 0 ? `, ${r.failures} failures` : ''))
}

async function drive (): Promise<void> {
  const s: Settings = { durationS: Number(values['duration-s']), rounds: Number(values.rounds), connections: Number(values.connections), hz: Number(values.hz) }
  const warmupS = Number(values['warmup-s'])
  if (!(s.durationS > 0) || !Number.isInteger(s.rounds) || s.rounds < 1 || !(s.connections >= 1) || !Number.isInteger(s.hz) || s.hz < 1 || !(warmupS >= 0)) {
    throw new Error('--duration-s, --rounds, --connections and --hz must be positive numbers (--rounds and --hz integers), --warmup-s at least 0')
  }
  const children: ChildProcess[] = []
  try {
    if (values['warm-vs-off'] === true) { console.log(await warmVsOff(children, s, warmupS)); return }
    const target = await startTarget(children)
    const paths = values.path !== undefined ? [values.path] : target.paths
    console.error(`# ${machine()}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n# target ${target.name} ${target.url}, ${s.connections} connections, ${s.durationS} s per run, ${s.rounds} rounds, profiles at ${s.hz} Hz`)
    if (warmupS > 0) await load(target.url, paths, { ...s, durationS: warmupS }) // JIT, keep-alive sockets, caches
    // …and one short profile under load, so one-time costs of the first profile in a
    // process (V8 setting up its profiler, first source maps read) do not land in round 1.
    await profiledLoad(target.url, paths, { ...s, durationS: 2 })
    if (values['hz-curve'] !== undefined) { console.log(await hzCurve(target.url, paths, s, values['hz-curve'].split(',').map(Number))); return }
    const rounds: Round[] = []
    for (let round = 0; round < s.rounds; round++) {
      // ABBA: alternate which side goes first, so a drift of the machine hits both.
      const profiledFirst = round % 2 === 1
      let baseline: Run | undefined
      let profiled: Run | undefined
      for (const side of profiledFirst ? ['profiled', 'baseline'] : ['baseline', 'profiled']) {
        if (side === 'baseline') logRun(`round ${round + 1} no profile`, baseline = await load(target.url, paths, s))
        else logRun(`round ${round + 1} profiled  `, profiled = await profiledLoad(target.url, paths, s))
      }
      if (baseline === undefined || profiled === undefined) throw new Error('unreachable: a round without both sides')
      rounds.push({ order: profiledFirst ? 'B A' : 'A B', baseline, profiled })
    }
    console.log(report(target.name, s, rounds))
  } finally {
    await Promise.all(children.map(stop))
  }
}

/** Baseline and one profiled side per rate, all in the same rounds, the order reversed every other round: the cost against the sampling rate. */
async function hzCurve (url: string, paths: string[], s: Settings, rates: number[]): Promise<string> {
  if (rates.some((hz) => !Number.isInteger(hz) || hz < 1 || hz > 1000)) throw new Error('--hz-curve takes rates 1..1000, e.g. 50,100,200')
  const sides = [0, ...rates] // 0 = no profile
  const runs = new Map<number, Run[]>(sides.map((hz) => [hz, []]))
  for (let round = 0; round < s.rounds; round++) {
    for (const hz of round % 2 === 0 ? sides : [...sides].reverse()) {
      const r = hz === 0 ? await load(url, paths, s) : await profiledLoad(url, paths, { ...s, hz })
      runs.get(hz)?.push(r)
      logRun(`round ${round + 1} ${hz === 0 ? 'no profile' : `${hz} Hz`}`, r)
    }
  }
  const base = runs.get(0) ?? []
  const rows = sides.map((hz) => {
    const rs = runs.get(hz) ?? []
    const rps = median(rs.map((r) => r.rps))
    const c = median(rs.map((r) => r.cpuUsPerReq ?? 0))
    const lossPct = 100 * (1 - median(rs.map((r, i) => r.rps / (base[i]?.rps ?? NaN))))
    const cpuPct = 100 * (median(rs.map((r, i) => (r.cpuUsPerReq ?? NaN) / (base[i]?.cpuUsPerReq ?? NaN))) - 1)
    return `| ${hz === 0 ? 'no profile' : `${hz} Hz`} | ${rps.toFixed(0)} | ${hz === 0 ? '–' : pct(lossPct)} | ${c.toFixed(1)} | ${hz === 0 ? '–' : pct(cpuPct)} | ${rs.map((r) => r.rps.toFixed(0)).join(', ')} |`
  })
  return [
    `### CPU profile overhead against the sampling rate (${machine()})`,
    '',
    `${s.connections} connections, ${s.durationS} s per run, ${s.rounds} rounds (order reversed every other round). Loss and CPU: median over the rounds of each rate's run against the same round's unprofiled run.`,
    '',
    '| run | req/s (median) | throughput loss (median paired) | CPU µs/req (median) | CPU per request (median paired) | every run (req/s) |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...rows
  ].join('\n')
}

interface Target { name: string, url: string, paths: string[] }

/**
 * The warm profiler's continuous cost: profiling off against profiling mounted
 * (the profiler sampling at 100 Hz between windows, none asked), two processes
 * of the same kind measured in ABBA rounds, each one's CPU per request its own.
 */
async function warmVsOff (children: ChildProcess[], s: Settings, warmupS: number): Promise<string> {
  const [off, warm] = await startPair(children)
  targetPid = warm.pid // set: others' CPU is measured once a target is
  const paths = values.path !== undefined ? [values.path] : off.target.paths
  console.error(`# ${machine()}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n# ${off.target.name}: profiling off ${off.target.url} vs warm profiler ${warm.target.url}, ${s.connections} connections, ${s.durationS} s per run, ${s.rounds} rounds`)
  for (const side of [off, warm]) if (warmupS > 0) await load(side.target.url, paths, { ...s, durationS: warmupS }, side.pid)
  const rounds: Round[] = []
  for (let round = 0; round < s.rounds; round++) {
    const warmFirst = round % 2 === 1
    let baseline: Run | undefined
    let profiled: Run | undefined
    for (const side of warmFirst ? [warm, off] : [off, warm]) {
      const run = await load(side.target.url, paths, s, side.pid)
      if (side === off) logRun(`round ${round + 1} profiling off`, baseline = run)
      else logRun(`round ${round + 1} warm profiler`, profiled = run)
    }
    if (baseline === undefined || profiled === undefined) throw new Error('unreachable: a round without both sides')
    rounds.push({ order: warmFirst ? 'B A' : 'A B', baseline, profiled })
  }
  return report(off.target.name, s, rounds, WARM_SIDES)
}

interface Side { target: Target, pid: number | undefined }

/** Two targets of the same kind, profiling off and profiling mounted (warm). */
async function startPair (children: ChildProcess[]): Promise<[Side, Side]> {
  const started = async (args: string[]): Promise<{ urls: Record<string, string>, pid: number | undefined }> => {
    const urls = await child(children, args)
    return { urls, pid: children.at(-1)?.pid }
  }
  if (values['stand-in'] === true) {
    // One after the other: each one's pid is the last child started when it is ready.
    const off = await started(['--role', 'stand-in', '--profiling', 'off'])
    const warm = await started(['--role', 'stand-in'])
    const target = (url: string | undefined): Target => ({ name: 'stand-in Fastify app', url: url ?? '', paths: ['/quotes'] })
    return [{ target: target(off.urls.http), pid: off.pid }, { target: target(warm.urls.http), pid: warm.pid }]
  }
  const upstream = await child(children, ['--role', 'upstream'])
  const off = await started(['--role', 'gateway', '--engine-url', upstream.grpc ?? '', '--profiling', 'off'])
  const warm = await started(['--role', 'gateway', '--engine-url', upstream.grpc ?? ''])
  const bufferPaths = SYMBOLS.map((symbol) => `/api/v1/market-data/buffer?symbol=${symbol}&limit=50`)
  const res = await request(`${off.urls.http ?? ''}/api/v1/market-data/fetch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ symbols: SYMBOLS }) })
  await res.body.dump()
  const target = (url: string | undefined): Target => ({ name: 'gateway', url: url ?? '', paths: bufferPaths })
  return [{ target: target(off.urls.http), pid: off.pid }, { target: target(warm.urls.http), pid: warm.pid }]
}

async function startTarget (children: ChildProcess[]): Promise<Target> {
  const bufferPaths = SYMBOLS.map((symbol) => `/api/v1/market-data/buffer?symbol=${symbol}&limit=50`)
  if (values.url !== undefined) return { name: 'running service', url: values.url.replace(/\/$/, ''), paths: bufferPaths }
  if (values['stand-in'] === true) {
    const standIn = await child(children, ['--role', 'stand-in'])
    targetPid = children.at(-1)?.pid
    return { name: 'stand-in Fastify app', url: standIn.http ?? '', paths: ['/quotes'] }
  }
  const upstream = await child(children, ['--role', 'upstream'])
  const gateway = await child(children, ['--role', 'gateway', '--engine-url', upstream.grpc ?? ''])
  targetPid = children.at(-1)?.pid
  const url = gateway.http ?? ''
  // Fill the engine's buffers once so the measured reads return real bodies.
  const res = await request(`${url}/api/v1/market-data/fetch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ symbols: SYMBOLS }) })
  await res.body.dump()
  return { name: 'gateway', url, paths: bufferPaths }
}

async function load (url: string, paths: string[], s: Settings, pid = targetPid): Promise<Run> {
  const cpuBefore = cpuUs(pid)
  const othersBefore = othersUs()
  const t0 = Date.now()
  const result = await autocannon({ url, connections: s.connections, duration: s.durationS, requests: paths.map((path) => ({ method: 'GET', path })) })
  const cpuAfter = cpuUs(pid)
  const othersAfter = othersUs()
  const run: Run = { rps: result.requests.average, p99Ms: result.latency.p99, failures: result.non2xx + result.errors + result.timeouts }
  if (cpuBefore !== undefined && cpuAfter !== undefined && result.requests.total > 0) run.cpuUsPerReq = (cpuAfter - cpuBefore) / result.requests.total
  if (othersBefore !== undefined && othersAfter !== undefined) run.othersPct = Math.max(0, 100 * (othersAfter - othersBefore) / ((Date.now() - t0) * 1000))
  return run
}

/**
 * One run under a CPU profile: the profile's window is the run plus a lead and
 * a tail, it is checked to hold the profiler before the load starts, and its
 * answer is awaited (how late it comes after its window: the cost of ending it).
 */
async function profiledLoad (url: string, paths: string[], s: Settings): Promise<Run> {
  const windowMs = PROFILE_LEAD_MS + s.durationS * 1000 + PROFILE_TAIL_MS
  const { startedAt, answered } = await startHeldProfile(url, windowMs, s.hz)
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, startedAt + PROFILE_LEAD_MS - Date.now())))
  const run = await load(url, paths, s)
  const status = await answered
  if (status !== 200) throw new Error(`the measured CPU profile answered ${status}`)
  run.lateMs = Date.now() - (startedAt + windowMs)
  return run
}

/**
 * Starts a CPU profile of `windowMs` and makes sure it is the one holding the
 * process's profiler: our request is still open while a probe gets 409.
 * (A probe that wins the race makes ours answer 409 at once, or, if ours
 * arrives after the probe's 0.1 s, run its window out: then retry.)
 */
async function startHeldProfile (url: string, windowMs: number, hz: number): Promise<{ startedAt: number, answered: Promise<number> }> {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    let settled = false
    const startedAt = Date.now()
    const answered = request(`${url}/debug/pprof/profile?seconds=${windowMs / 1000}&hz=${hz}`, { headersTimeout: 0, bodyTimeout: 0 })
      .then(async (res) => { await res.body.dump(); return res.statusCode })
      .finally(() => { settled = true })
    await new Promise((resolve) => setTimeout(resolve, 100))
    if (!settled) {
      const probe = await request(`${url}/debug/pprof/profile?seconds=0.1`)
      await probe.body.dump()
      if (probe.statusCode === 409 && !settled) return { startedAt, answered }
      if (probe.statusCode !== 409 && probe.statusCode !== 200) throw new Error(`the CPU profile endpoint answered ${probe.statusCode}; is /debug/pprof exposed on ${url}?`)
    }
    await answered.catch(() => undefined)
  }
  throw new Error('could not start a CPU profile within 30 s (another one kept running?)')
}

function median (xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid] ?? 0 : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

function pct (x: number): string {
  return `${x.toFixed(1)} %`
}

/** A round during which the rest of the machine used more than DISTURBED_OTHERS_PCT of a core (in either run). */
function disturbed (r: Round): boolean {
  return Math.max(r.baseline.othersPct ?? 0, r.profiled.othersPct ?? 0) > DISTURBED_OTHERS_PCT
}

/** Median paired loss (%), median paired CPU change (%) and the sorted losses of some rounds. */
function paired (rounds: Round[]): { lossPct: number, cpuPct: number, losses: number[] } {
  const ratios = rounds.map((r) => r.profiled.rps / r.baseline.rps)
  const cpuRatios = rounds.map((r) => (r.profiled.cpuUsPerReq ?? NaN) / (r.baseline.cpuUsPerReq ?? NaN))
  return { lossPct: 100 * (1 - median(ratios)), cpuPct: 100 * (median(cpuRatios) - 1), losses: ratios.map((x) => 100 * (1 - x)).sort((a, b) => a - b) }
}

function report (name: string, s: Settings, rounds: Round[], names: SideNames = PROFILE_SIDES): string {
  const baseline = rounds.map((r) => r.baseline)
  const profiled = rounds.map((r) => r.profiled)
  const all = paired(rounds)
  const quietRounds = rounds.filter((r) => !disturbed(r))
  const quiet = paired(quietRounds)
  const measured = rounds.some((r) => r.baseline.othersPct !== undefined)
  // Judge on the quiet rounds when there are enough of them to take a median of.
  const judged = measured && quietRounds.length >= 4 ? { label: `the ${quietRounds.length} quiet rounds`, ...quiet } : { label: `all ${rounds.length} rounds`, ...all }
  const mediansLossPct = 100 * (1 - median(profiled.map((r) => r.rps)) / median(baseline.map((r) => r.rps)))
  const failures = [...baseline, ...profiled].reduce((sum, r) => sum + r.failures, 0)
  const side = (label: string, rs: Run[]): string =>
    `| ${label} | ${median(rs.map((r) => r.rps)).toFixed(0)} | ${median(rs.map((r) => r.p99Ms)).toFixed(1)} | ${median(rs.map((r) => r.cpuUsPerReq ?? 0)).toFixed(1)} |`
  const others = (r: Run): string => r.othersPct === undefined ? '–' : r.othersPct.toFixed(0)
  const spread = (p: { losses: number[] }): string =>
    `from ${pct(p.losses[0] ?? NaN)} to ${pct(p.losses.at(-1) ?? NaN)}, middle half ${pct(quantile(p.losses, 0.25))} to ${pct(quantile(p.losses, 0.75))}`
  return [
    `### ${names.title} (${name}, ${s.hz} Hz)`,
    '',
    `${machine()}; ${s.connections} connections, ${s.durationS} s per run, ${s.rounds} ABBA rounds.`,
    '',
    '| run | req/s (median) | p99 ms (median) | CPU µs/req (median) |',
    '| --- | ---: | ---: | ---: |',
    side(names.baseline, baseline),
    side(names.profiled, profiled),
    '',
    `Every round (others: CPU the rest of the machine used during each run, % of a core; over ${DISTURBED_OTHERS_PCT} % marks the round disturbed, *):`,
    '',
    `| round | order | ${names.baseline} req/s | ${names.profiled} req/s | paired loss | ${names.baseline} CPU µs/req | ${names.profiled} CPU µs/req | CPU per request | others % |`,
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rounds.map((r, i) => `| ${i + 1}${disturbed(r) ? ' *' : ''} | ${r.order} | ${r.baseline.rps.toFixed(0)} | ${r.profiled.rps.toFixed(0)} | ${pct(100 * (1 - r.profiled.rps / r.baseline.rps))} | ${r.baseline.cpuUsPerReq?.toFixed(1) ?? '–'} | ${r.profiled.cpuUsPerReq?.toFixed(1) ?? '–'} | ${pct(100 * ((r.profiled.cpuUsPerReq ?? NaN) / (r.baseline.cpuUsPerReq ?? NaN) - 1))} | ${others(r.baseline)} / ${others(r.profiled)} |`),
    '',
    `${names.loss}, median paired over ${judged.label}: **${pct(judged.lossPct)}** (target ≤ ${TARGET_LOSS_PCT} %): ${judged.lossPct <= TARGET_LOSS_PCT ? 'PASS' : 'FAIL'}` +
      (failures > 0 ? `; ${failures} failed requests: the numbers are not clean` : ''),
    `Paired losses ${spread(judged)}; CPU per request, median paired: ${pct(judged.cpuPct)}.`,
    measured ? `All ${rounds.length} rounds: median paired loss ${pct(all.lossPct)} (${spread(all)}), CPU per request ${pct(all.cpuPct)}; ${quietRounds.length} quiet.` : 'Others\' CPU not measured (no /proc, or --url).',
    `Loss on the medians of each side (all rounds): ${pct(mediansLossPct)}.`,
    ...(names === PROFILE_SIDES ? [`Ending a profile: answered a median ${median(profiled.map((r) => r.lateMs ?? 0)).toFixed(0)} ms after its window (serialize, encode, under load).`] : [])
  ].join('\n')
}

/** Linear-interpolated quantile of sorted values. */
function quantile (sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN
  const at = (sorted.length - 1) * q
  const lo = Math.floor(at)
  const hi = Math.ceil(at)
  return (sorted[lo] ?? NaN) + ((sorted[hi] ?? NaN) - (sorted[lo] ?? NaN)) * (at - lo)
}

function machine (): string {
  return `${cpus()[0]?.model ?? 'unknown CPU'} × ${availableParallelism()}, Node ${process.version}, ${process.platform}/${process.arch}`
}

async function child (children: ChildProcess[], args: string[]): Promise<Record<string, string>> {
  const proc = spawn(process.execPath, ['--import', 'tsx', SELF, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
  children.push(proc)
  if (proc.pid !== undefined) ownPids.push(proc.pid)
  return await new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')}: not ready within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS)
    proc.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const line = /^READY (.*)$/m.exec(out)
      if (line?.[1] === undefined) return
      clearTimeout(timer)
      resolve(JSON.parse(line[1]) as Record<string, string>)
    })
    proc.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${args.join(' ')}: exited with ${String(code)} before READY`)) })
  })
}

async function stop (proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
  proc.kill('SIGTERM')
  const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000)
  await exited
  clearTimeout(timer)
}

// ---------------------------------------------------------------- server roles

async function serveRole (role: string, engineUrl: string | undefined, profilingMode: 'off' | 'main'): Promise<void> {
  let urls: Record<string, string>
  let close: () => Promise<void>
  if (role === 'upstream') {
    const { startProviderSim } = await import('../../../src/services/provider-sim/index.js')
    const { startEngine } = await import('../../../src/services/engine/index.js')
    const off = { mode: 'off', adminPort: 0 } as const
    const sim = await startProviderSim({ port: 0, env: 'production', logLevel: 'warn', profiling: off })
    const engine = await startEngine({ grpcPort: 0, adminPort: 0, env: 'production', logLevel: 'warn', providerUrl: sim.urls.http, profiling: off })
    urls = { grpc: engine.urls.grpc ?? '' }
    close = async () => { await engine.close(); await sim.close() }
  } else if (role === 'gateway' && engineUrl !== undefined) {
    const { startGateway } = await import('../../../src/services/gateway/index.js')
    const gateway = await startGateway({ port: 0, env: 'production', logLevel: 'warn', engineUrl, profiling: { mode: profilingMode, adminPort: 0 } })
    urls = { http: gateway.urls.http ?? '' }
    close = gateway.close
  } else if (role === 'stand-in') {
    ({ urls, close } = await standIn(profilingMode))
  } else {
    throw new Error(`unknown role ${role}`)
  }
  process.stdout.write(`READY ${JSON.stringify(urls)}\n`)
  process.once('SIGTERM', () => { void close().then(() => process.exit(0), () => process.exit(1)) })
}

/** A service-shaped app (production limits, metrics, profiling on its port) with a gateway-sized JSON answer. */
async function standIn (profilingMode: 'off' | 'main'): Promise<{ urls: Record<string, string>, close: () => Promise<void> }> {
  const { createHttpServer, listen } = await import('../../../src/services/common/http-server.js')
  const { createLogger } = await import('../../../src/services/common/logger.js')
  const { ServiceMetrics } = await import('../../../src/services/common/metrics.js')
  const { mountProfiling } = await import('../../../src/services/common/profiling/index.js')
  const logger = createLogger({ name: 'stand-in', env: 'production', level: 'warn' })
  const app = createHttpServer({ logger, metrics: new ServiceMetrics('stand-in') })
  let n = 0
  app.get('/quotes', async () => {
    n++
    const quotes = Array.from({ length: 50 }, (_, i) => ({ symbol: SYMBOLS[i % SYMBOLS.length], price: 100 + ((n + i) % 997) / 10, volume: 1000 + i, timestamp: new Date(1_700_000_000_000 + n * 1000 + i).toISOString() }))
    return { success: true, data: quotes, count: quotes.length }
  })
  const profiling = await mountProfiling(app, { mode: profilingMode, adminPort: 0 }, { service: 'stand-in', logger })
  const http = await listen(app, '127.0.0.1', 0)
  return { urls: { http }, close: async () => { await profiling.close(); await app.close() } }
}
