/** The benchmark's output: the machine, then one markdown row per endpoint (pasteable into BENCHMARKS.md). */
import { readFileSync } from 'node:fs'
import { cpus } from 'node:os'
import type { Measurement, RunSettings } from './measure.js'

export interface EndpointResult {
  name: string
  target?: number
  bare: Measurement
  gateway: Measurement
  /** Read endpoints only: the gateway without its micro-cache (readCacheTtlMs 0)... */
  coalesced?: Measurement
  /** ...and without coalescing either: one engine RPC per request. */
  perRequest?: Measurement
}

export function machine (): string {
  let model = cpus()[0]?.model ?? 'unknown CPU'
  try {
    model = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? model
  } catch { /* not Linux: os.cpus() already named it */ }
  return `${model}, ${cpus().length} cores, Node ${process.version}, ${process.platform}`
}

const ms = (m: Measurement): string => `${m.p50Ms} / ${m.p99Ms}`
const rps = (m: Measurement): string => Math.round(m.rps).toLocaleString('en-US')
const ratio = (a: Measurement, b: Measurement): number => b.rps === 0 ? 0 : a.rps / b.rps

export function markdown (results: EndpointResult[], settings: RunSettings): string {
  const lines = [
    `Machine: ${machine()}. ${settings.connections} connections, ${settings.durationS} s per run, ${new Date().toISOString().slice(0, 10)}.`,
    '',
    '| endpoint | bare Fastify req/s | gateway req/s | ratio | target | gateway p50 / p99 ms | bare p50 / p99 ms | bytes/resp | coalesced only: req/s, ratio | RPC per request: req/s, ratio |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
  ]
  for (const r of results) {
    const r1 = ratio(r.gateway, r.bare)
    const verdict = r.target === undefined ? '–' : `${r.target}x ${r1 >= r.target ? 'met' : 'MISSED'}`
    const variant = (m: Measurement | undefined): string => m === undefined ? '–' : `${rps(m)}, ${ratio(m, r.bare).toFixed(2)}x`
    const failed = r.gateway.failures + r.bare.failures + (r.coalesced?.failures ?? 0) + (r.perRequest?.failures ?? 0)
    lines.push(`| ${r.name}${failed > 0 ? ` (${failed} failed)` : ''} | ${rps(r.bare)} | ${rps(r.gateway)} | ${r1.toFixed(2)}x | ${verdict} | ${ms(r.gateway)} | ${ms(r.bare)} | ${r.gateway.bodyBytes} | ${variant(r.coalesced)} | ${variant(r.perRequest)} |`)
  }
  return lines.join('\n')
}
