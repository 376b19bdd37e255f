import { test } from 'node:test'
import assert from 'node:assert/strict'
import client from 'prom-client'
import { parsePrometheusText, formatLabels, seriesKey } from './prometheus-text.js'
import { bucketsByBound, histogramQuantile } from './histogram-quantile.js'

async function exposition (): Promise<string> {
  const registry = new client.Registry()
  registry.setDefaultLabels({ service: 'gateway' })
  const requests = new client.Counter({ name: 'http_requests_total', help: 'requests', labelNames: ['method', 'route', 'status'], registers: [registry] })
  const duration = new client.Histogram({
    name: 'http_request_duration_seconds', help: 'duration with "quotes" and \\ backslash',
    labelNames: ['route'], buckets: [0.01, 0.1, 1], registers: [registry]
  })
  const gauge = new client.Gauge({ name: 'odd_labels', help: 'label escapes', labelNames: ['path'], registers: [registry] })
  requests.inc({ method: 'GET', route: '/api/v1/news', status: '200' }, 7)
  requests.inc({ method: 'GET', route: '/api/v1/news', status: '503' }, 2)
  for (const seconds of [0.005, 0.05, 0.05, 0.5]) duration.observe({ route: '/a' }, seconds)
  gauge.set({ path: 'a "quoted"\\path\nwith newline, and comma' }, -1.5)
  return await registry.metrics()
}

test('prom-client output parses into typed families with every sample and its labels', async () => {
  const metrics = parsePrometheusText(await exposition())
  const requests = metrics.get('http_requests_total')
  assert.equal(requests?.type, 'counter')
  assert.deepEqual(requests?.samples.map((s) => [s.labels.status, s.value]), [['200', 7], ['503', 2]])
  assert.equal(requests?.samples[0]?.labels.service, 'gateway')

  const histogram = metrics.get('http_request_duration_seconds')
  assert.equal(histogram?.type, 'histogram')
  const buckets = histogram?.samples.filter((s) => s.name === 'http_request_duration_seconds_bucket') ?? []
  assert.deepEqual(buckets.map((s) => [s.labels.le, s.value]), [['0.01', 1], ['0.1', 3], ['1', 4], ['+Inf', 4]])
  assert.equal(histogram?.samples.find((s) => s.name.endsWith('_sum'))?.value, 0.605)
  assert.equal(histogram?.samples.find((s) => s.name.endsWith('_count'))?.value, 4)
})

test('escaped label values (quote, backslash, newline) round-trip through the parser', async () => {
  const metrics = parsePrometheusText(await exposition())
  const sample = metrics.get('odd_labels')?.samples[0]
  assert.equal(sample?.labels.path, 'a "quoted"\\path\nwith newline, and comma')
  assert.equal(sample?.value, -1.5)
  assert.equal(formatLabels({ path: 'a"b\\c\nd' }), 'path="a\\"b\\\\c\\nd"')
})

test('quantiles of a real prom-client histogram follow Prometheus interpolation', async () => {
  const metrics = parsePrometheusText(await exposition())
  const buckets = bucketsByBound(metrics.get('http_request_duration_seconds')?.samples.filter((s) => s.name.endsWith('_bucket')) ?? [])
  // 4 observations; p50 rank 2 falls in (0.01, 0.1] holding 2 (cumulative 1→3): 0.01 + 0.09 × (2-1)/2
  assert.ok(Math.abs(histogramQuantile(0.5, buckets) - 0.055) < 1e-12)
})

test('special values, timestamps, untyped samples and blank lines are understood', () => {
  const metrics = parsePrometheusText([
    '# a free comment',
    '# HELP g a gauge',
    '# TYPE g gauge',
    'g{a="1"} +Inf 1700000000000',
    'g{a="2"} -Inf',
    'g{a="3"} NaN',
    '',
    'plain 1e3',
    'spaced { a = "x" , } 2'
  ].join('\n'))
  const g = metrics.get('g')?.samples.map((s) => s.value)
  assert.deepEqual(g?.slice(0, 2), [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])
  assert.ok(Number.isNaN(g?.[2]))
  assert.equal(metrics.get('plain')?.type, 'untyped')
  assert.equal(metrics.get('plain')?.samples[0]?.value, 1000)
  assert.deepEqual(metrics.get('spaced')?.samples[0]?.labels, { a: 'x' })
})

test('regression: prom-client writes NaN as "Nan" (a fresh event-loop histogram), which must not fail the scrape', () => {
  const metrics = parsePrometheusText('# TYPE nodejs_eventloop_lag_p99_seconds gauge\nnodejs_eventloop_lag_p99_seconds Nan\nx nan\ny INF\n')
  assert.ok(Number.isNaN(metrics.get('nodejs_eventloop_lag_p99_seconds')?.samples[0]?.value))
  assert.ok(Number.isNaN(metrics.get('x')?.samples[0]?.value))
  assert.equal(metrics.get('y')?.samples[0]?.value, Number.POSITIVE_INFINITY)
})

test('a malformed line is an error naming its line number', () => {
  assert.throws(() => parsePrometheusText('ok 1\nbad{a="1" 2\n'), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'MIB_ERR_MONITOR_METRICS_PARSE')
    assert.match(err.message, /line 2/)
    return true
  })
  assert.throws(() => parsePrometheusText('x not-a-number'), { code: 'MIB_ERR_MONITOR_METRICS_PARSE' })
  assert.throws(() => parsePrometheusText('# TYPE x wobbly'), { code: 'MIB_ERR_MONITOR_METRICS_PARSE' })
})

test('series keys ignore label order so the same series matches across scrapes', () => {
  assert.equal(seriesKey('x', { a: '1', b: '2' }), seriesKey('x', { b: '2', a: '1' }))
  assert.notEqual(seriesKey('x', { a: '1' }), seriesKey('x', { a: '2' }))
  assert.equal(seriesKey('x', { a: '1', le: '0.5' }, 'le'), seriesKey('x', { a: '1', le: '+Inf' }, 'le'))
})
