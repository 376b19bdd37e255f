import { test } from 'node:test'
import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { PrometheusApi } from './prometheus-api.js'
import { startMonitor } from '../monitor.js'
import type { MibError } from '../../../errors.js'
import { startFakePrometheus, startRealPrometheus, prometheusInstalled, type VectorAnswer } from '../fixtures/prometheus-server.js'
import { startMetricsServer, hit } from '../fixtures/metrics-server.js'
import { waitFor } from '../../../../test/helpers/wait.js'

/** Canned answers keyed by what the query computes. */
function cannedAnswer (query: string): VectorAnswer[] {
  if (query.startsWith('sum by (service, status) (rate(http_requests_total')) {
    return [
      { metric: { service: 'gateway', status: '200' }, value: '90' },
      { metric: { service: 'gateway', status: '503' }, value: '10' },
      { metric: { service: 'engine', status: '200' }, value: '5' }
    ]
  }
  if (query.startsWith('histogram_quantile(0.99, sum by (service, le) (rate(http_request_duration_seconds_bucket')) {
    return [{ metric: { service: 'gateway' }, value: '0.25' }, { metric: { service: 'engine' }, value: 'NaN' }]
  }
  // The raw-series selector also mentions the ws pattern: it must be matched first.
  if (query.startsWith('{__name__=~')) {
    return [
      { metric: { __name__: 'http_requests_total', service: 'gateway', status: '200', job: 'mib' }, value: '1234' },
      { metric: { __name__: 'process_cpu_seconds_total', job: 'prometheus' }, value: '3' }
    ]
  }
  if (query.includes('nodejs_heap_size_used_bytes)')) return [{ metric: { service: 'gateway' }, value: '1048576' }]
  if (query === 'sum by (service) (rate(gateway_stale_answers_total[30s]))') return [{ metric: { service: 'gateway' }, value: '2.5' }]
  if (query.includes('ws.*(connections|clients)')) return [{ metric: { service: 'gateway' }, value: '12' }]
  return []
}

test('service figures are read from the Prometheus query API and grouped by the service label', async () => {
  const fake = await startFakePrometheus(cannedAnswer)
  try {
    const readings = await new PrometheusApi(`${fake.url}/`, { windowS: 30, timeoutMs: 2000 }).readServices()
    const gateway = readings.get('gateway')?.metrics
    assert.equal(gateway?.requestsPerS, 100)
    assert.equal(gateway?.byStatusClassPerS['5xx'], 10)
    assert.equal(gateway?.byStatusClassPerS['4xx'], 0)
    assert.equal(gateway?.errorRatio, 0.1)
    assert.equal(gateway?.latencyS.p99, 0.25)
    assert.equal(gateway?.heapUsedBytes, 1048576)
    assert.equal(gateway?.wsConnections, 12)
    assert.equal(gateway?.staleAnswersPerS, 2.5)
    assert.equal(readings.get('engine')?.metrics.staleAnswersPerS, undefined, 'no stale counter: not measured')
    assert.equal(readings.get('engine')?.metrics.latencyS.p99, undefined, 'NaN (no requests in the window) is no value')
    assert.deepEqual(readings.get('gateway')?.raw, [{ name: 'http_requests_total', labels: { status: '200', job: 'mib' }, value: 1234 }])
    assert.ok(fake.queries.some((q) => q.includes('[30s]')), 'the window is the rate() range')
    assert.ok(fake.queries.some((q) => q.includes('(grpc|rpc).*_bucket", type!~".*stream", grpc_type!~".*stream"}')), 'stream lifetimes stay out of RPC latency')
  } finally {
    await fake.close()
  }
})

test('a PromQL error answer becomes MIB_ERR_MONITOR_PROMETHEUS_QUERY with Prometheus\'s message', async () => {
  const fake = await startFakePrometheus(() => 'parse error: unexpected character')
  try {
    await assert.rejects(new PrometheusApi(fake.url, { windowS: 30, timeoutMs: 2000 }).query('up'),
      { code: 'MIB_ERR_MONITOR_PROMETHEUS_QUERY', message: /bad_data: parse error/ })
  } finally {
    await fake.close()
  }
})

test('with --prometheus the monitor discovers services by label, writes their CSVs and warns when Prometheus fails', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mib-monitor-prom-'))
  let failing = false
  const fake = await startFakePrometheus((query) => failing ? 'overloaded' : cannedAnswer(query))
  try {
    const monitor = startMonitor({ intervalS: 0.2, durationS: 30, outDir: dir, targets: [], prometheusUrl: fake.url })
    const warnings: MibError[] = []
    monitor.on('warning', (w) => warnings.push(w))
    let count = 0
    monitor.on('sample', () => {
      if (++count === 2) failing = true
      if (count === 4) void monitor.stop()
    })
    await monitor.done
    assert.deepEqual((await readdir(dir)).sort(), ['api_gateway_metrics.csv', 'core_engine_metrics.csv', 'prometheus_metrics.csv', 'system_metrics.csv'])
    const gateway = (await readFile(join(dir, 'api_gateway_metrics.csv'), 'utf8')).trim().split('\n')
    assert.match(gateway[1] ?? '', /,gateway,.*,100,0,90,0,0,10,10,0\.1,/)
    assert.ok(gateway[gateway.length - 1]?.endsWith(',0'), 'metrics_ok 0 while Prometheus fails')
    const long = await readFile(join(dir, 'prometheus_metrics.csv'), 'utf8')
    assert.match(long, /,gateway,http_requests_total,"job=""mib"",status=""200""",1234\n/)
    assert.ok(!long.includes('prometheus'), 'series without a service label belong to no service')
    assert.deepEqual(warnings.map((w) => w.code), ['MIB_ERR_MONITOR_PROMETHEUS_QUERY'])
  } finally {
    await fake.close()
    await rm(dir, { recursive: true, force: true })
  }
})

test('against a real Prometheus server scraping a fixture service, rates, error ratio and quantiles come back', async (t) => {
  if (!await prometheusInstalled()) {
    t.skip('Debian package `prometheus` not installed (apt-get install prometheus)')
    return
  }
  const service = await startMetricsServer('gateway')
  const prometheus = await startRealPrometheus([new URL(service.baseUrl).host])
  try {
    const api = new PrometheusApi(prometheus.url, { windowS: 5, timeoutMs: 2000 })
    service.wsConnections.set(2)
    // rate() needs two scrapes in its window: keep traffic flowing for a few 1 s scrape intervals.
    const gateway = await waitFor(async () => {
      await hit(`${service.baseUrl}/ok`, 9)
      await hit(`${service.baseUrl}/fail`, 1)
      await sleep(500)
      const metrics = (await api.readServices()).get('gateway')?.metrics
      const ready = metrics?.requestsPerS !== undefined && metrics.requestsPerS > 0 && metrics.latencyS.p99 !== undefined && metrics.heapUsedBytes !== undefined
      return ready ? metrics : undefined
    }, 'the gateway\'s rate, p99 and heap through Prometheus', 30_000)
    assert.ok(gateway?.requestsPerS !== undefined && gateway.requestsPerS > 0, 'request rate from rate(http_requests_total)')
    assert.ok(gateway.errorRatio !== undefined && gateway.errorRatio > 0 && gateway.errorRatio < 0.5, `error ratio ${gateway.errorRatio}`)
    assert.ok(gateway.latencyS.p99 !== undefined && gateway.latencyS.p99 > 0 && gateway.latencyS.p99 <= 10)
    assert.ok((gateway.heapUsedBytes ?? 0) > 0)
    assert.equal(gateway.wsConnections, 2)
  } finally {
    await prometheus.stop()
    await service.close()
  }
})
