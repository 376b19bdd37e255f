/**
 * Generator child running `mib load` in-process with full metrics, measuring
 * over the steady part of the test (after the first window): requests, the
 * process's CPU time (all threads), and the peak RSS.
 *   run-mib.ts <scriptPath> <baseUrl> <vus> <durationS> [rampS] [workers]
 * MIB_BENCH_RUNNER: URL of the runner module to use (bench:load passes the
 * compiled build and runs this file compiled, on bare node); default: the sources.
 */
type RunModule = typeof import('../../../../src/lab/load/run.js')

const [script = '', baseUrl = '', vus = '50', durationS = '5', rampS = '0', workers = 'auto'] = process.argv.slice(2)
const { runLoadTest } = await import(process.env.MIB_BENCH_RUNNER ?? '../../../../src/lab/load/run.js') as RunModule

let windows = 0
let requests = 0
let cpuStart: NodeJS.CpuUsage | undefined
let wallStart = 0
let wallEnd = 0
let cpuEnd: NodeJS.CpuUsage | undefined
let peakRss = 0
const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage.rss()) }, 100)

const result = await runLoadTest({
  script,
  env: { BASE_URL: baseUrl, VUS: vus, DURATION: `${durationS}s`, RAMP: `${rampS}s` },
  workers: workers === 'auto' ? 'auto' : Number(workers),
  quiet: true,
  noSummary: true,
  handleSignals: false,
  ...(process.env.MIB_BENCH_SEMI_SPACE_MB !== undefined ? { semiSpaceMb: Number(process.env.MIB_BENCH_SEMI_SPACE_MB) } : {}),
  onWindow: (window, status) => {
    windows++
    const count = window.metrics.http_reqs?.type === 'counter' ? window.metrics.http_reqs.count : 0
    // Steady state: skip the first window (start-up) and the ramp.
    if (status.elapsedMs < (Number(rampS) + 1) * 1000) return
    if (cpuStart === undefined) { cpuStart = process.cpuUsage(); wallStart = performance.now(); return }
    if (status.stopping || status.scenarios.every((s) => s.state === 'done')) return
    requests += count
    cpuEnd = process.cpuUsage()
    wallEnd = performance.now()
  }
})
clearInterval(sampler)
const cpuMs = cpuStart === undefined || cpuEnd === undefined
  ? Number.NaN
  : (cpuEnd.user - cpuStart.user + cpuEnd.system - cpuStart.system) / 1000
const seconds = (wallEnd - wallStart) / 1000
process.stdout.write(`${JSON.stringify({
  requests,
  cpuMs,
  seconds,
  rate: requests / seconds,
  peakRssMB: Math.max(peakRss, process.resourceUsage().maxRSS * 1024) / 2 ** 20,
  workers: result.workers,
  windows,
  failedChecks: result.summary.metrics.checks?.values.fails ?? 0,
  p95: result.summary.metrics.http_req_duration?.values['p(95)']
})}\n`)
