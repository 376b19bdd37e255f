import { test } from 'node:test'
import assert from 'node:assert/strict'
import { scrapeMetrics } from './scrape.js'
import { deriveServiceMetrics, isRawSeriesOfInterest, seriesOfInterest, type Scrape } from './service-metrics.js'
import { parsePrometheusText } from './prometheus-text.js'
import { startMetricsServer, hit } from '../fixtures/metrics-server.js'

test('request and error rates come from the deltas of http_requests_total between two scrapes of a real server', async () => {
  const server = await startMetricsServer()
  try {
    await hit(`${server.baseUrl}/ok`, 3) // before the first scrape: must not count
    const first = await scrapeMetrics('gateway', server.metricsUrl, 2000)
    await hit(`${server.baseUrl}/ok`, 8)
    await hit(`${server.baseUrl}/fail`, 2)
    await hit(`${server.baseUrl}/nowhere`, 1)
    const second = await scrapeMetrics('gateway', server.metricsUrl, 2000)
    const m = deriveServiceMetrics(first, second)
    const seconds = (second.atMs - first.atMs) / 1000
    const count = (perS: number | undefined): number => Math.round((perS ?? Number.NaN) * seconds)
    assert.equal(count(m.requestsPerS), 11)
    assert.equal(count(m.byStatusClassPerS['2xx']), 8)
    assert.equal(count(m.byStatusClassPerS['4xx']), 1)
    assert.equal(count(m.byStatusClassPerS['5xx']), 2)
    assert.equal(count(m.errorsPerS), 2)
    assert.ok(Math.abs((m.errorRatio ?? 0) - 2 / 11) < 1e-9)
  } finally {
    await server.close()
  }
})

test('latency quantiles reflect only the requests between the two scrapes', async () => {
  const server = await startMetricsServer()
  try {
    await hit(`${server.baseUrl}/ok`, 20) // fast requests before: excluded from the quantiles
    const first = await scrapeMetrics('gateway', server.metricsUrl, 2000)
    await hit(`${server.baseUrl}/slow?ms=60`, 4)
    const second = await scrapeMetrics('gateway', server.metricsUrl, 2000)
    const m = deriveServiceMetrics(first, second)
    // Each took ≥ 60 ms, so every quantile lies in a bucket above 0.05 s.
    assert.ok((m.latencyS.p50 ?? 0) > 0.05, `p50 ${m.latencyS.p50}`)
    assert.ok((m.latencyS.p99 ?? 0) >= (m.latencyS.p50 ?? Infinity))
    assert.ok((m.latencyS.p99 ?? Infinity) <= 10)
  } finally {
    await server.close()
  }
})

test('runtime gauges, the WebSocket gauge and the RPC histogram are found by name; stream lifetimes stay out of RPC latency', async () => {
  const server = await startMetricsServer('engine')
  try {
    server.wsConnections.set(3)
    const first = await scrapeMetrics('engine', server.metricsUrl, 2000)
    for (let i = 0; i < 10; i++) server.rpcDuration.observe({ method: 'FetchMarketData', type: 'unary' }, 0.005)
    // Streams that lived 0.9 s: as latencies they would drag p50 into (0.1, 1].
    for (let i = 0; i < 10; i++) server.rpcDuration.observe({ method: 'StreamMarketData', type: 'server_stream' }, 0.9)
    const second = await scrapeMetrics('engine', server.metricsUrl, 2000)
    const m = deriveServiceMetrics(first, second)
    assert.equal(m.wsConnections, 3)
    // 10 observations in (0.001, 0.01]: p50 = 0.001 + 0.009 × 5/10
    assert.ok(Math.abs((m.rpcLatencyS.p50 ?? 0) - 0.0055) < 1e-9)
    assert.ok((m.heapUsedBytes ?? 0) > 0)
    assert.ok(m.activeHandles !== undefined && m.activeHandles >= 0)
    assert.ok(m.eventLoopLagP99S !== undefined && m.eventLoopLagP99S >= 0)
    const raw = seriesOfInterest(second.metrics).map((s) => s.name)
    assert.ok(raw.includes('gateway_ws_connections') && raw.includes('nodejs_heap_size_used_bytes'))
    assert.ok(!raw.some((name) => name.endsWith('_bucket')), 'buckets stay out of the long CSV')
  } finally {
    await server.close()
  }
})

test('the first scrape has gauges but no rates; no requests in the interval means rate 0 and no latency', () => {
  const scrape = (atMs: number, count: number): Scrape => ({
    atMs,
    metrics: parsePrometheusText(`# TYPE http_requests_total counter\nhttp_requests_total{status="200"} ${count}\n# TYPE nodejs_heap_size_used_bytes gauge\nnodejs_heap_size_used_bytes 42\n`)
  })
  const alone = deriveServiceMetrics(undefined, scrape(0, 5))
  assert.equal(alone.requestsPerS, undefined)
  assert.equal(alone.heapUsedBytes, 42)
  const idle = deriveServiceMetrics(scrape(0, 5), scrape(1000, 5))
  assert.equal(idle.requestsPerS, 0)
  assert.equal(idle.errorRatio, undefined)
  assert.equal(idle.latencyS.p99, undefined)
})

test('a restarted service (counter reset) yields the new count, not a negative rate', () => {
  const scrape = (atMs: number, count: number): Scrape => ({ atMs, metrics: parsePrometheusText(`# TYPE http_requests_total counter\nhttp_requests_total{status="200"} ${count}\n`) })
  assert.equal(deriveServiceMetrics(scrape(0, 1000), scrape(2000, 10)).requestsPerS, 5)
})

test('a scrape of an unreachable or failing endpoint is MIB_ERR_MONITOR_SCRAPE_FAILED', async () => {
  const server = await startMetricsServer()
  const url = `${server.baseUrl}/fail`
  try {
    await assert.rejects(scrapeMetrics('gateway', url, 2000), { code: 'MIB_ERR_MONITOR_SCRAPE_FAILED', message: /HTTP 500/ })
  } finally {
    await server.close()
  }
  await assert.rejects(scrapeMetrics('gateway', server.metricsUrl, 2000), { code: 'MIB_ERR_MONITOR_SCRAPE_FAILED' })
})

test('the provider simulator\'s provider_sim_ws_clients gauge counts as WebSocket connections; ws counters do not', () => {
  const metrics = parsePrometheusText([
    '# TYPE provider_sim_ws_slow_consumer_closes_total counter',
    'provider_sim_ws_slow_consumer_closes_total 9',
    '# TYPE provider_sim_ws_clients gauge',
    'provider_sim_ws_clients 2'
  ].join('\n'))
  assert.equal(deriveServiceMetrics(undefined, { atMs: 0, metrics }).wsConnections, 2)
})

test('shed requests per second come from http_requests_shed_total, apart from the request rate; absent counter = not measured', () => {
  const text = (shed: number): string => '# TYPE http_requests_total counter\nhttp_requests_total{status="200"} 10\n' +
    `# TYPE http_requests_shed_total counter\nhttp_requests_shed_total{reason="in_flight"} ${shed}\nhttp_requests_shed_total{reason="event_loop_delay"} ${shed * 2}\n`
  const first: Scrape = { atMs: 0, metrics: parsePrometheusText(text(1)) }
  const second: Scrape = { atMs: 2000, metrics: parsePrometheusText(text(5)) }
  const m = deriveServiceMetrics(first, second)
  assert.equal(m.shedPerS, (4 + 8) / 2)
  assert.equal(m.requestsPerS, 0)
  const without: Scrape = { atMs: 2000, metrics: parsePrometheusText('# TYPE http_requests_total counter\nhttp_requests_total{status="200"} 10\n') }
  assert.equal(deriveServiceMetrics(first, without).shedPerS, undefined)
})

test('stale answers per second come from the gateway\'s gateway_stale_answers_total, every method and reason summed; absent counter = not measured', () => {
  const text = (stale: number): string => '# TYPE gateway_stale_answers_total counter\n' +
    `gateway_stale_answers_total{method="GetMarketData",reason="MIB_ERR_ENGINE_UPSTREAM"} ${stale}\ngateway_stale_answers_total{method="FetchNewsData",reason="MIB_ERR_ENGINE_UPSTREAM"} ${stale * 3}\n`
  const first: Scrape = { atMs: 0, metrics: parsePrometheusText(text(2)) }
  const second: Scrape = { atMs: 4000, metrics: parsePrometheusText(text(6)) }
  assert.equal(deriveServiceMetrics(first, second).staleAnswersPerS, (4 + 12) / 4)
  assert.equal(deriveServiceMetrics(undefined, second).staleAnswersPerS, undefined, 'a rate needs two scrapes')
  const without: Scrape = { atMs: 4000, metrics: parsePrometheusText('# TYPE http_requests_total counter\nhttp_requests_total{status="200"} 10\n') }
  assert.equal(deriveServiceMetrics(first, without).staleAnswersPerS, undefined)
  assert.ok(isRawSeriesOfInterest('gateway_stale_answers_total'), 'kept in the raw-series CSV too')
})
