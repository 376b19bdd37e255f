/** Scrapes one /metrics endpoint into parsed families. */
import { performance } from 'node:perf_hooks'
import { httpGet, describeFailure } from './http-get.js'
import { parsePrometheusText } from './prometheus-text.js'
import type { Scrape } from './service-metrics.js'
import { ScrapeFailedError } from '../errors.js'

// Ask for the classic text format: prom-client serves it, and so does any
// Prometheus client library; OpenMetrics adds nothing the monitor reads.
const ACCEPT = 'text/plain;version=0.0.4;q=1,*/*;q=0.1'

export async function scrapeMetrics (service: string, url: string, timeoutMs: number): Promise<Scrape> {
  let response
  try {
    response = await httpGet(url, { timeoutMs, headers: { accept: ACCEPT } })
  } catch (err) {
    throw new ScrapeFailedError(service, url, describeFailure(err, timeoutMs))
  }
  if (response.statusCode !== 200) throw new ScrapeFailedError(service, url, `HTTP ${response.statusCode}`)
  try {
    return { atMs: performance.now(), metrics: parsePrometheusText(response.body) }
  } catch (err) {
    throw new ScrapeFailedError(service, url, (err as Error).message)
  }
}
