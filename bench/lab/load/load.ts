/**
 * `npm run bench:load`: the load runner's cost and capacity, against a bare
 * Node http server on 127.0.0.1 (its own process), measured in the same run:
 *
 *  1. Requests per generator CPU-second, closed loop without think time:
 *     `mib load` (one thread, full metrics: k6 timings, HDR trends, checks,
 *     tags) versus autocannon (no per-request metrics). Target ≥ 0.8×.
 *  2. Peak RSS and achieved versus intended request rate with 1,000 and
 *     10,000 VUs thinking U(0.1, 0.6) s between requests (intended: VUs /
 *     0.35 s). Targets: ≤ 100 MB at 1,000 VUs; ≤ 300 MB and ≥ 90% of the
 *     intended rate at 10,000 VUs.
 *
 * Each measurement of mib load runs two variants of the same script, interleaved
 * in the same run: native (`market-intel-brain/load`, async style) and k6-style
 * (k6 modules, synchronous style, through the k6 transform); both are reported
 * with the k6-style / native ratio.
 *
 * Every generator runs in its own child process, on the compiled runner
 * (built into node_modules/.cache, as after `make build`; rebuilt when a
 * source is newer). Part 1 measures CPU over the steady windows of an
 * in-process run on bare node; part 2 runs the compiled CLI and reads its
 * peak RSS, all threads included, from /proc (Linux). Not a test: the numbers depend on
 * the machine (and the server shares it); record them in BENCHMARKS.md.
 *   --duration-s <n>   steady seconds per measurement (default 10)
 *   --connections <n>  VUs / autocannon connections for part 1 (default 50)
 *   --vus <list>       VU counts for part 2 (default 1000,10000)
 *   --rounds <n>       interleaved rounds of part 1 (autocannon, mib, autocannon, ...);
 *                      the verdict is the median of each round's paired ratio (mib over
 *                      the autocannon run just before it), as a shared machine's noise
 *                      moves both (default 3)
 *   --vu-rounds <n>    runs of each VU count in part 2 (default 3): the verdict on the
 *                      rate is the median run, on memory the highest peak
 *   --quick            a tiny version: 3 s, 2 rounds, 1,000 VUs only, one run
 *   --rebuild          recompile the CLI even if the cached build looks current
 *   --port <n>         the target's port (default: any free one; a shared machine: your own port block)
 *   --variants <list>  script styles to measure: native, k6, k6-vu-state (k6 style with module
 *                      state VU code changes: an init per VU) (default native,k6)
 */
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { startChild, type Child } from './load/child.js'
import { buildCompiledCli, compileHarness, COMPILED_CLI, COMPILED_RUNNER_URL } from './load/compiled.js'
import { watchPeakRss } from './load/peak-rss.js'

interface MibResult { requests: number, cpuMs: number, seconds: number, rate: number, peakRssMB: number, workers: number, failedChecks: number, p95: number | undefined }
interface AutocannonResult { requests: number, cpuMs: number, seconds: number, rate: number, errors: number }

const { values } = parseArgs({
  options: {
    'duration-s': { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    vus: { type: 'string', default: '1000,10000' },
    rounds: { type: 'string', default: '3' },
    'vu-rounds': { type: 'string', default: '3' },
    quick: { type: 'boolean', default: false },
    rebuild: { type: 'boolean', default: false },
    variants: { type: 'string', default: 'native,k6' },
    port: { type: 'string', default: '0' }
  }
})
const quick = values.quick === true
const durationS = quick ? 3 : Number(values['duration-s'])
const connections = Number(values.connections)
const vuCounts = quick ? [1000] : (values.vus ?? '').split(',').map(Number)
const rounds = quick ? 2 : Number(values.rounds)
const vuRounds = quick ? 1 : Number(values['vu-rounds'])
const VARIANTS: Record<string, { throughput: string, thinkTime: string }> = {
  native: { throughput: './load/scripts/throughput.ts', thinkTime: './load/scripts/think-time.ts' },
  k6: { throughput: './load/scripts/throughput-k6.js', thinkTime: './load/scripts/think-time-k6.js' },
  'k6-vu-state': { throughput: './load/scripts/throughput-k6-vu-state.js', thinkTime: './load/scripts/think-time-k6-vu-state.js' }
}
const variants = (values.variants ?? '').split(',').filter((v) => v !== '')
if (variants.length === 0 || variants.some((v) => VARIANTS[v] === undefined)) throw new Error(`--variants takes a list of ${Object.keys(VARIANTS).join(', ')}`)
if (!(durationS > 0) || !(connections > 0) || !(rounds >= 1) || !(vuRounds >= 1) || vuCounts.some((n) => !(n > 0))) throw new Error('--duration-s, --connections, --rounds, --vu-rounds and --vus must be positive numbers')

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url))
const server: Child<{ port: number }> = startChild(here('./load/server.ts'), [String(Number(values.port))])
try {
  const { port } = await server.first
  const url = `http://127.0.0.1:${port}/`
  console.error(`# ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}; target ${url} (separate process)`)

  // Both parts measure the compiled runner on bare node, as users run it after `make build`.
  buildCompiledCli(values.rebuild === true)
  const runMib = compileHarness(here('./load/run-mib.ts'))
  const perCpu = (r: { requests: number, cpuMs: number }): number => r.requests / (r.cpuMs / 1000)
  const autocannonRuns: AutocannonResult[] = []
  const mibRuns = new Map<string, MibResult[]>(variants.map((v) => [v, []]))
  for (let round = 0; round < rounds; round++) {
    autocannonRuns.push(await startChild<AutocannonResult>(here('./load/run-autocannon.ts'), [url, String(connections), String(durationS)]).first)
    // The variants take turns going first: a machine that drifts within a round favours neither.
    for (const variant of rotate(variants, round)) {
      const script = here((VARIANTS[variant] as { throughput: string }).throughput)
      mibRuns.get(variant)?.push(await startChild<MibResult>(runMib, [script, url, String(connections), String(durationS + 1), '0', '1'], { MIB_BENCH_RUNNER: COMPILED_RUNNER_URL }, 'node').first)
    }
  }
  const autocannon = median(autocannonRuns, perCpu)
  const throughputRows: string[] = []
  const ratioLines: string[] = []
  for (const variant of variants) {
    const runs = mibRuns.get(variant) ?? []
    const mib = median(runs, perCpu)
    // Each round's mib run against the autocannon run of the same round: drift on a shared machine hits both.
    const paired = runs.map((run, i) => perCpu(run) / perCpu(autocannonRuns[i] as AutocannonResult))
    const ratio = median(paired, (r) => r)
    throughputRows.push(`| mib load, ${variant} script, ${connections} VUs, full metrics | ${mib.rate.toFixed(0)} | ${(mib.cpuMs / 1000).toFixed(2)} | ${perCpu(mib).toFixed(0)} |`)
    ratioLines.push(`mib load (${variant}) / autocannon per CPU-second, median of the rounds' paired ratios: **${ratio.toFixed(2)}×** (target ≥ 0.8×); each round: ${paired.map((r) => r.toFixed(2)).join(', ')}`)
  }
  if (variants.includes('native') && variants.includes('k6')) {
    const native = mibRuns.get('native') ?? []
    const k6 = mibRuns.get('k6') ?? []
    const paired = k6.map((run, i) => perCpu(run) / perCpu(native[i] as MibResult))
    ratioLines.push(`k6-style / native requests per CPU-second, median of the rounds' paired ratios: **${median(paired, (r) => r).toFixed(2)}×**; each round: ${paired.map((r) => r.toFixed(2)).join(', ')}`)
  }
  if (variants.includes('k6') && variants.includes('k6-vu-state')) {
    const k6 = mibRuns.get('k6') ?? []
    const perVu = mibRuns.get('k6-vu-state') ?? []
    const paired = perVu.map((run, i) => perCpu(run) / perCpu(k6[i] as MibResult))
    ratioLines.push(`k6-style with an init per VU / k6-style requests per CPU-second, median of the rounds' paired ratios: **${median(paired, (r) => r).toFixed(2)}×**; each round: ${paired.map((r) => r.toFixed(2)).join(', ')}`)
  }

  const rows: string[] = []
  for (const vus of vuCounts) {
    const runs = new Map<string, ManyVusResult[]>(variants.map((v) => [v, []]))
    for (let i = 0; i < vuRounds; i++) {
      for (const variant of rotate(variants, i)) runs.get(variant)?.push(await manyVus(here((VARIANTS[variant] as { thinkTime: string }).thinkTime), url, vus, Math.max(2, Math.ceil(vus / 2000)), durationS))
    }
    // Two cores shared with the target: one run can land in a slow regime; judge the rate on the median run, memory on the worst.
    const share = (r: ManyVusResult): number => r.achieved / r.intended * 100
    const limit = vus <= 1000 ? 100 : 300
    for (const variant of variants) {
      const list = runs.get(variant) ?? []
      const r = median(list, share)
      const peakRssMB = Math.max(...list.map((run) => run.peakRssMB))
      rows.push(`| ${vus} | ${variant} | ${peakRssMB.toFixed(0)} MB (target ≤ ${limit}) | ${r.achieved.toFixed(0)}/s | ${r.intended.toFixed(0)}/s | ${share(r).toFixed(1)}%${vus > 1000 ? ' (target ≥ 90%)' : ''} | ${r.p95.toFixed(1)} ms | ${list.map((run) => `${share(run).toFixed(1)}% ${run.peakRssMB.toFixed(0)} MB`).join(', ')} |`)
    }
  }

  console.log([
    `## mib load (${quick ? 'quick run' : `${durationS} s per measurement`}, medians of ${rounds} interleaved rounds)`,
    '',
    '| generator | requests/s | CPU-seconds | requests per CPU-second |',
    '| --- | ---: | ---: | ---: |',
    `| autocannon, ${connections} connections | ${autocannon.rate.toFixed(0)} | ${(autocannon.cpuMs / 1000).toFixed(2)} | ${perCpu(autocannon).toFixed(0)} |`,
    ...throughputRows,
    '',
    ...ratioLines.flatMap((line) => [line, '']),
    `| VUs (think U(0.1,0.6) s) | script | peak RSS (compiled CLI, highest of ${vuRounds}) | achieved (median run) | intended | share | p95 | each run: share, peak RSS |`,
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows
  ].join('\n'))
} finally {
  server.process.kill('SIGTERM')
  await server.exited
}

/**
 * The compiled CLI with `vus` VUs (ramp `rampS`, then `steadyS`), its peak RSS,
 * and its request rate against the intended one: VU-seconds / 0.35 s (mean think time).
 */
interface ManyVusResult { peakRssMB: number, achieved: number, intended: number, p95: number }

async function manyVus (script: string, url: string, vus: number, rampS: number, steadyS: number): Promise<ManyVusResult> {
  const dir = await mkdtemp(join(tmpdir(), 'mib-bench-load-'))
  try {
    const summary = join(dir, 'summary.json')
    const child = spawn(process.execPath, [COMPILED_CLI, 'load', script,
      '-e', `BASE_URL=${url}`, '-e', `VUS=${vus}`, '-e', `RAMP=${rampS}s`, '-e', `DURATION=${steadyS}s`,
      '-q', '--no-summary', '--summary-export', summary], { stdio: ['ignore', 'ignore', 'inherit'] })
    const rss = watchPeakRss(child.pid as number)
    await new Promise((resolve) => child.on('exit', resolve))
    const peakRssMB = rss.stop()
    const metrics = (JSON.parse(await readFile(summary, 'utf8')) as { metrics: Record<string, Record<string, number>> }).metrics
    const vuSeconds = vus * (rampS / 2 + steadyS)
    return {
      peakRssMB,
      achieved: (metrics.http_reqs?.count ?? 0) / (rampS + steadyS),
      intended: vuSeconds / 0.35 / (rampS + steadyS),
      p95: metrics.http_req_duration?.['p(95)'] ?? Number.NaN
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

function rotate<T> (list: readonly T[], by: number): T[] {
  const k = by % list.length
  return [...list.slice(k), ...list.slice(0, k)]
}

/** The run with the median of `by`. */
function median<T> (runs: T[], by: (run: T) => number): T {
  return [...runs].sort((a, b) => by(a) - by(b))[Math.floor((runs.length - 1) / 2)] as T
}
