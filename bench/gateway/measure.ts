/** One autocannon run at fixed concurrency, reduced to what the report needs. */
import autocannon from 'autocannon'
import type { BenchRequest } from './endpoints.js'

export interface Measurement {
  rps: number
  p50Ms: number
  p99Ms: number
  total: number
  /** Non-2xx answers plus socket errors and timeouts: a run with any is not a clean number. */
  failures: number
  bodyBytes: number
}

export interface RunSettings {
  connections: number
  durationS: number
}

export async function measure (baseUrl: string, requests: BenchRequest[], settings: RunSettings): Promise<Measurement> {
  const result = await autocannon({
    url: baseUrl,
    connections: settings.connections,
    duration: settings.durationS,
    requests: requests.map((r) => ({ method: r.method, path: r.path, ...(r.body === undefined ? {} : { body: r.body }), ...(r.headers === undefined ? {} : { headers: r.headers }) }))
  })
  return {
    rps: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
    bodyBytes: result.requests.total === 0 ? 0 : Math.round(result.throughput.total / result.requests.total)
  }
}
