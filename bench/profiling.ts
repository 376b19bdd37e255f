/**
 * `npm run bench:profiling`: what a CPU profile costs the service being
 * profiled. Gateway throughput (autocannon, fixed connections) without and
 * with a CPU profile running at the default 100 Hz, in the same run, rounds
 * interleaved (A B, B A, …) so drift hits both sides; medians reported.
 * Target: at most 5 % throughput loss. Not a test: record results in BENCHMARKS.md.
 *
 * Servers run in their own processes (this file re-runs itself with --role):
 * provider-sim + engine ("upstream", profiling off) and the gateway with
 * profiling on its main port; or, with --stand-in, a Fastify app built like a
 * service (createHttpServer) answering a 50-quote JSON body.
 *   --duration-s <n>    seconds per measured run (default 10)
 *   --rounds <n>        interleaved rounds (default 3)
 *   --connections <n>   concurrent connections (default 50)
 *   --hz <n>            CPU sampling rate of the profiled runs (default 100)
 *   --stand-in          measure the stand-in app instead of the gateway
 *   --url <base>        measure a running service (with --path); its /debug/pprof must be reachable
 *   --path <path>       request path (default: the gateway's market-data buffer, rotating symbols)
 *   --hz-curve <list>   instead: no profile and one profiled side per rate (e.g. 50,100,200), interleaved
 * CPU µs/req is the measured process's CPU time (all its threads, the profiler's
 * included) per request, from /proc: steadier than req/s when a neighbour loads the machine.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { availableParallelism, cpus } from 'node:os'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { request } from 'undici'

const SELF = fileURLToPath(import.meta.url)
const SYMBOLS = ['AAPL', 'GOOGL', 'MSFT', 'AMZN', 'TSLA', 'META', 'NVDA', 'JPM', 'JNJ', 'V']
const TARGET_LOSS_PCT = 5
const READY_TIMEOUT_MS = 60_000
/** The measured server's process (CPU time per request); unset with --url. */
let targetPid: number | undefined

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    'engine-url': { type: 'string' },
    'duration-s': { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    hz: { type: 'string', default: '100' },
    'stand-in': { type: 'boolean', default: false },
    url: { type: 'string' },
    path: { type: 'string' },
    'hz-curve': { type: 'string' }
  }
})

if (values.role !== undefined) {
  await serveRole(values.role, values['engine-url'])
} else {
  await drive()
}

// ---------------------------------------------------------------- driver

interface Settings { durationS: number, rounds: number, connections: number, hz: number }
interface Run { rps: number, p99Ms: number, failures: number, cpuUsPerReq?: number }

/** CPU time (user + system) of a process in µs, from /proc (Linux); undefined elsewhere. */
function cpuUs (pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 1_000_000 / 100
  } catch { return undefined }
}

async function drive (): Promise<void> {
  const s: Settings = { durationS: Number(values['duration-s']), rounds: Number(values.rounds), connections: Number(values.connections), hz: Number(values.hz) }
  if (!(s.durationS > 0) || !(s.rounds >= 1) || !(s.connections >= 1) || !Number.isInteger(s.hz) || s.hz < 1) throw new Error('--duration-s, --rounds, --connections and --hz must be positive numbers')
  const children: ChildProcess[] = []
  try {
    const target = await startTarget(children)
    const paths = values.path !== undefined ? [values.path] : target.paths
    console.error(`# ${machine()}\n# target ${target.name} ${target.url}, ${s.connections} connections, ${s.durationS} s per run, ${s.rounds} rounds, profiles at ${s.hz} Hz`)
    await load(target.url, paths, { ...s, durationS: 2 }) // warm-up: JIT, keep-alive sockets, caches
    // …and one short profile, so one-time costs of the first profile in a process
    // (loading the addon, V8 setting up its profiler) do not land in round 0.
    await underCpuProfile(target.url, { ...s, durationS: 2 }, async () => await load(target.url, paths, { ...s, durationS: 2 }))
    await load(target.url, paths, { ...s, durationS: 2 })
    if (values['hz-curve'] !== undefined) { console.log(await hzCurve(target.url, paths, s, values['hz-curve'].split(',').map(Number))); return }
    const baseline: Run[] = []
    const profiled: Run[] = []
    for (let round = 0; round < s.rounds; round++) {
      // Alternate which side goes first, so a slow drift of the machine hits both.
      const order = round % 2 === 0 ? ['baseline', 'profiled'] : ['profiled', 'baseline']
      for (const side of order) {
        if (side === 'baseline') baseline.push(await load(target.url, paths, s))
        else profiled.push(await underCpuProfile(target.url, s, async () => await load(target.url, paths, s)))
      }
    }
    console.log(report(target.name, s, baseline, profiled))
  } finally {
    await Promise.all(children.map(stop))
  }
}

/** Baseline and one profiled side per rate, all interleaved in the same rounds: the cost against the sampling rate. */
async function hzCurve (url: string, paths: string[], s: Settings, rates: number[]): Promise<string> {
  if (rates.some((hz) => !Number.isInteger(hz) || hz < 1 || hz > 1000)) throw new Error('--hz-curve takes rates 1..1000, e.g. 50,100,200')
  const sides = [0, ...rates] // 0 = no profile
  const runs = new Map<number, Run[]>(sides.map((hz) => [hz, []]))
  for (let round = 0; round < s.rounds; round++) {
    for (const hz of round % 2 === 0 ? sides : [...sides].reverse()) {
      const r = hz === 0 ? await load(url, paths, s) : await underCpuProfile(url, { ...s, hz }, async () => await load(url, paths, s))
      runs.get(hz)?.push(r)
      console.error(`# round ${round + 1}: ${hz === 0 ? 'no profile' : `${hz} Hz`} ${r.rps.toFixed(0)} req/s, ${r.cpuUsPerReq?.toFixed(1) ?? '–'} CPU µs/req`)
    }
  }
  const base = runs.get(0) ?? []
  const b = median(base.map((r) => r.rps))
  const bc = median(base.map((r) => r.cpuUsPerReq ?? 0))
  const rows = sides.map((hz) => {
    const rs = runs.get(hz) ?? []
    const rps = median(rs.map((r) => r.rps))
    const c = median(rs.map((r) => r.cpuUsPerReq ?? 0))
    return `| ${hz === 0 ? 'no profile' : `${hz} Hz`} | ${rps.toFixed(0)} | ${hz === 0 ? '–' : `${(100 * (1 - rps / b)).toFixed(1)} %`} | ${c.toFixed(1)} | ${hz === 0 ? '–' : `${(100 * (c / bc - 1)).toFixed(1)} %`} | ${rs.map((r) => r.rps.toFixed(0)).join(', ')} |`
  })
  return [
    `### CPU profile overhead against the sampling rate (${machine()})`,
    '',
    `${s.connections} connections, ${s.durationS} s per run, median of ${s.rounds} interleaved rounds.`,
    '',
    '| run | req/s | throughput loss | CPU µs/req | CPU per request | every run (req/s) |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...rows
  ].join('\n')
}

interface Target { name: string, url: string, paths: string[] }

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

async function load (url: string, paths: string[], s: Settings): Promise<Run> {
  const cpuBefore = cpuUs(targetPid)
  const result = await autocannon({ url, connections: s.connections, duration: s.durationS, requests: paths.map((path) => ({ method: 'GET', path })) })
  const cpuAfter = cpuUs(targetPid)
  const run: Run = { rps: result.requests.average, p99Ms: result.latency.p99, failures: result.non2xx + result.errors + result.timeouts }
  if (cpuBefore !== undefined && cpuAfter !== undefined && result.requests.total > 0) run.cpuUsPerReq = (cpuAfter - cpuBefore) / result.requests.total
  return run
}

/** Runs `fn` while a CPU profile is being taken, checked to be running before `fn` starts. */
async function underCpuProfile<T> (url: string, s: Settings, fn: () => Promise<T>): Promise<T> {
  const controller = new AbortController()
  const profile = await startHeldProfile(url, s, controller.signal)
  try {
    return await fn()
  } finally {
    // The window is the run plus 3 s; aborting does not reliably close undici's
    // pending request, so a long window would idle the benchmark until it ends.
    controller.abort()
    await profile
  }
}

/**
 * Starts a long CPU profile and makes sure it is the one holding the
 * process's profiler: our request is still open while a probe gets 409.
 * (A probe that wins the race makes ours answer 409 at once: then retry.)
 */
async function startHeldProfile (url: string, s: Settings, signal: AbortSignal): Promise<Promise<unknown>> {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    let settled = false
    const profile = request(`${url}/debug/pprof/profile?seconds=${s.durationS + 3}&hz=${s.hz}`, { signal, headersTimeout: 0, bodyTimeout: 0 })
      .then(async (res) => { await res.body.dump(); return res.statusCode }, () => 'aborted')
      .finally(() => { settled = true })
    await new Promise((resolve) => setTimeout(resolve, 300))
    if (!settled) {
      const probe = await request(`${url}/debug/pprof/profile?seconds=0.1`)
      await probe.body.dump()
      if (probe.statusCode === 409 && !settled) return profile
      if (probe.statusCode !== 409 && probe.statusCode !== 200) throw new Error(`the CPU profile endpoint answered ${probe.statusCode}; is /debug/pprof exposed on ${url}?`)
    }
    await profile
  }
  throw new Error('could not start a CPU profile within 30 s (another one kept running?)')
}

function median (xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid] ?? 0 : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

function report (name: string, s: Settings, baseline: Run[], profiled: Run[]): string {
  const b = median(baseline.map((r) => r.rps))
  const p = median(profiled.map((r) => r.rps))
  const lossPct = b === 0 ? 0 : 100 * (1 - p / b)
  const failures = [...baseline, ...profiled].reduce((sum, r) => sum + r.failures, 0)
  return [
    `### CPU profile overhead (${name}, ${s.hz} Hz)`,
    '',
    `${machine()}; ${s.connections} connections, ${s.durationS} s per run, median of ${s.rounds} interleaved rounds.`,
    '',
    '| run | req/s (median) | p99 ms (median) | CPU µs/req (median) | every run (req/s) |',
    '| --- | ---: | ---: | ---: | --- |',
    `| no profile | ${b.toFixed(0)} | ${median(baseline.map((r) => r.p99Ms)).toFixed(1)} | ${median(baseline.map((r) => r.cpuUsPerReq ?? 0)).toFixed(1)} | ${baseline.map((r) => r.rps.toFixed(0)).join(', ')} |`,
    `| CPU profile running | ${p.toFixed(0)} | ${median(profiled.map((r) => r.p99Ms)).toFixed(1)} | ${median(profiled.map((r) => r.cpuUsPerReq ?? 0)).toFixed(1)} | ${profiled.map((r) => r.rps.toFixed(0)).join(', ')} |`,
    '',
    `Throughput loss: **${lossPct.toFixed(1)} %** (target ≤ ${TARGET_LOSS_PCT} %): ${lossPct <= TARGET_LOSS_PCT ? 'PASS' : 'FAIL'}` +
      (failures > 0 ? `; ${failures} failed requests: the numbers are not clean` : '')
  ].join('\n')
}

function machine (): string {
  return `${cpus()[0]?.model ?? 'unknown CPU'} × ${availableParallelism()}, Node ${process.version}, ${process.platform}/${process.arch}`
}

async function child (children: ChildProcess[], args: string[]): Promise<Record<string, string>> {
  const proc = spawn(process.execPath, ['--import', 'tsx', SELF, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
  children.push(proc)
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

async function serveRole (role: string, engineUrl: string | undefined): Promise<void> {
  let urls: Record<string, string>
  let close: () => Promise<void>
  if (role === 'upstream') {
    const { startProviderSim } = await import('../src/services/provider-sim/index.js')
    const { startEngine } = await import('../src/services/engine/index.js')
    const off = { mode: 'off', adminPort: 0 } as const
    const sim = await startProviderSim({ port: 0, env: 'production', logLevel: 'warn', profiling: off })
    const engine = await startEngine({ grpcPort: 0, adminPort: 0, env: 'production', logLevel: 'warn', providerUrl: sim.urls.http, profiling: off })
    urls = { grpc: engine.urls.grpc ?? '' }
    close = async () => { await engine.close(); await sim.close() }
  } else if (role === 'gateway' && engineUrl !== undefined) {
    const { startGateway } = await import('../src/services/gateway/index.js')
    const gateway = await startGateway({ port: 0, env: 'production', logLevel: 'warn', engineUrl, profiling: { mode: 'main', adminPort: 0 } })
    urls = { http: gateway.urls.http ?? '' }
    close = gateway.close
  } else if (role === 'stand-in') {
    ({ urls, close } = await standIn())
  } else {
    throw new Error(`unknown role ${role}`)
  }
  process.stdout.write(`READY ${JSON.stringify(urls)}\n`)
  process.once('SIGTERM', () => { void close().then(() => process.exit(0), () => process.exit(1)) })
}

/** A service-shaped app (production limits, metrics, profiling on its port) with a gateway-sized JSON answer. */
async function standIn (): Promise<{ urls: Record<string, string>, close: () => Promise<void> }> {
  const { createHttpServer, listen } = await import('../src/services/common/http-server.js')
  const { createLogger } = await import('../src/services/common/logger.js')
  const { ServiceMetrics } = await import('../src/services/common/metrics.js')
  const { mountProfiling } = await import('../src/services/common/profiling/index.js')
  const logger = createLogger({ name: 'stand-in', env: 'production', level: 'warn' })
  const app = createHttpServer({ logger, metrics: new ServiceMetrics('stand-in') })
  let n = 0
  app.get('/quotes', async () => {
    n++
    const quotes = Array.from({ length: 50 }, (_, i) => ({ symbol: SYMBOLS[i % SYMBOLS.length], price: 100 + ((n + i) % 997) / 10, volume: 1000 + i, timestamp: new Date(1_700_000_000_000 + n * 1000 + i).toISOString() }))
    return { success: true, data: quotes, count: quotes.length }
  })
  const profiling = await mountProfiling(app, { mode: 'main', adminPort: 0 }, { service: 'stand-in', logger })
  const http = await listen(app, '127.0.0.1', 0)
  return { urls: { http }, close: async () => { await profiling.close(); await app.close() } }
}
