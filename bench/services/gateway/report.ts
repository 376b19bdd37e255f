/** The benchmark's output: the machine, then one markdown row per endpoint (pasteable into BENCHMARKS.md). */
import { readFileSync } from 'node:fs'
import { cpus } from 'node:os'
import type { Endpoint } from './endpoints.js'
import type { Measurement, RunSettings } from './measure.js'

/** A target's median run, and the median of its per-round ratios to bare Fastify. */
export interface Summary {
  median: Measurement
  ratio: number
}

export interface EndpointResult {
  name: string
  target?: number
  bare: Summary
  gateway: Summary
  /** Read endpoints only: the gateway without its micro-cache (readCacheTtlMs 0)... */
  coalesced?: Summary
  /** ...and without coalescing either: one engine RPC per request. */
  perRequest?: Summary
}

function median (values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

function summary (runs: Measurement[], bare: Measurement[]): Summary {
  const byRps = [...runs].sort((a, b) => a.rps - b.rps)
  const med = byRps[Math.floor((byRps.length - 1) / 2)] as Measurement
  return { median: { ...med, failures: runs.reduce((n, m) => n + m.failures, 0) }, ratio: median(runs.map((m, i) => m.rps / Math.max(1, bare[i]?.rps ?? 0))) }
}

/** `runs` holds one Measurement per round for `bare`, `gateway` and the optional variants. */
export function summarize (endpoint: Endpoint, runs: Record<string, Measurement[]>): EndpointResult {
  const bare = runs.bare ?? []
  const of = (label: string): Summary | undefined => runs[label] === undefined ? undefined : summary(runs[label], bare)
  const coalesced = of('coalesced')
  const perRequest = of('perRequest')
  return {
    name: endpoint.name,
    ...(endpoint.target === undefined ? {} : { target: endpoint.target }),
    bare: summary(bare, bare),
    gateway: summary(runs.gateway ?? [], bare),
    ...(coalesced === undefined ? {} : { coalesced }),
    ...(perRequest === undefined ? {} : { perRequest })
  }
}

export function machine (): string {
  let model = cpus()[0]?.model ?? 'unknown CPU'
  try {
    model = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? model
  } catch { /* not Linux: os.cpus() already named it */ }
  return `${model}, ${cpus().length} cores, Node ${process.version}, ${process.platform}`
}

const ms = (s: Summary): string => `${s.median.p50Ms} / ${s.median.p99Ms}`
const rps = (s: Summary): string => Math.round(s.median.rps).toLocaleString('en-US')
const cpu = (s: Summary): string => s.median.cpuUsPerRequest === undefined ? '?' : String(s.median.cpuUsPerRequest)

export function markdown (results: EndpointResult[], settings: RunSettings, rounds: number): string {
  const lines = [
    `Machine: ${machine()}. ${settings.connections} connections, ${rounds} interleaved rounds of ${settings.durationS} s, medians; ${new Date().toISOString().slice(0, 10)}.`,
    '',
    'CPU µs/req: server CPU time per request (gateway + engine + simulator processes for the gateway columns, the one process for bare Fastify), from /proc.',
    '',
    '| endpoint | bare Fastify req/s | gateway req/s | ratio | target | gateway p50 / p99 ms | bare p50 / p99 ms | CPU µs/req gateway / bare | bytes/resp | coalesced only: req/s, ratio, CPU µs/req | RPC per request: req/s, ratio, CPU µs/req |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
  ]
  for (const r of results) {
    const r1 = r.gateway.ratio
    const verdict = r.target === undefined ? '–' : `${r.target}x ${r1 >= r.target ? 'met' : 'MISSED'}`
    const variant = (s: Summary | undefined): string => s === undefined ? '–' : `${rps(s)}, ${s.ratio.toFixed(2)}x, ${cpu(s)}`
    const failed = r.gateway.median.failures + r.bare.median.failures + (r.coalesced?.median.failures ?? 0) + (r.perRequest?.median.failures ?? 0)
    lines.push(`| ${r.name}${failed > 0 ? ` (${failed} failed)` : ''} | ${rps(r.bare)} | ${rps(r.gateway)} | ${r1.toFixed(2)}x | ${verdict} | ${ms(r.gateway)} | ${ms(r.bare)} | ${cpu(r.gateway)} / ${cpu(r.bare)} | ${r.gateway.median.bodyBytes} | ${variant(r.coalesced)} | ${variant(r.perRequest)} |`)
  }
  return lines.join('\n')
}
