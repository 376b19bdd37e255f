/** One autocannon run at fixed concurrency, reduced to what the report needs. */
import autocannon from 'autocannon'
import { cpuTimeMs } from './cpu.js'
import type { BenchRequest } from './endpoints.js'

export interface Measurement {
  rps: number
  p50Ms: number
  p99Ms: number
  total: number
  /** Non-2xx answers plus socket errors and timeouts: a run with any is not a clean number. */
  failures: number
  bodyBytes: number
  /** CPU time the server processes spent per request, in µs (undefined without /proc or pids). */
  cpuUsPerRequest: number | undefined
}

export interface RunSettings {
  connections: number
  durationS: number
}

/** `pids`: the server processes whose CPU the requests cost (e.g. gateway and engine). */
export async function measure (baseUrl: string, requests: BenchRequest[], settings: RunSettings, pids: number[] = []): Promise<Measurement> {
  const cpuBefore = totalCpuMs(pids)
  const result = await autocannon({
    url: baseUrl,
    connections: settings.connections,
    duration: settings.durationS,
    requests: requests.map((r) => ({ method: r.method, path: r.path, ...(r.body === undefined ? {} : { body: r.body }), ...(r.headers === undefined ? {} : { headers: r.headers }) }))
  })
  const cpuAfter = totalCpuMs(pids)
  const cpuUsPerRequest = cpuBefore === undefined || cpuAfter === undefined || result.requests.total === 0
    ? undefined
    : Math.round((cpuAfter - cpuBefore) * 1000 / result.requests.total)
  return {
    cpuUsPerRequest,
    rps: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
    bodyBytes: result.requests.total === 0 ? 0 : Math.round(result.throughput.total / result.requests.total)
  }
}

function totalCpuMs (pids: number[]): number | undefined {
  if (pids.length === 0) return undefined
  let total = 0
  for (const pid of pids) {
    const ms = cpuTimeMs(pid)
    if (ms === undefined) return undefined
    total += ms
  }
  return total
}
