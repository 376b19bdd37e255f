import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { test } from 'node:test'
import { BUILTIN_METRICS } from './builtins.js'
import { MetricRegistry } from './registry.js'
import { relativeError } from './fixtures/distributions.js'
import { mulberry32 } from '../../../random.js'

test('withBuiltins defines every k6 built-in metric with k6 types and units', () => {
  const registry = MetricRegistry.withBuiltins()
  const expect: Record<string, [string, string]> = {
    http_reqs: ['counter', 'default'],
    http_req_duration: ['trend', 'time'],
    http_req_tls_handshaking: ['trend', 'time'],
    http_req_failed: ['rate', 'default'],
    iterations: ['counter', 'default'],
    dropped_iterations: ['counter', 'default'],
    vus: ['gauge', 'default'],
    vus_max: ['gauge', 'default'],
    data_sent: ['counter', 'data'],
    data_received: ['counter', 'data'],
    checks: ['rate', 'default'],
    group_duration: ['trend', 'time'],
    ws_sessions: ['counter', 'default'],
    ws_ping: ['trend', 'time'],
    http_req_duration_intended: ['trend', 'time'],
    iteration_duration_intended: ['trend', 'time']
  }
  for (const [name, [type, contains]] of Object.entries(expect)) {
    const metric = registry.get(name)
    assert.deepEqual([metric?.type, metric?.contains], [type, contains], name)
  }
  assert.equal(registry.list().length, BUILTIN_METRICS.length)
})

test('define is idempotent for the same type and rejects a different type with MIB_ERR_LOAD_METRIC_TYPE_MISMATCH', () => {
  const registry = new MetricRegistry()
  const first = registry.define('orders', 'counter')
  assert.equal(registry.define('orders', 'counter'), first)
  assert.throws(() => registry.define('orders', 'trend'), { code: 'MIB_ERR_LOAD_METRIC_TYPE_MISMATCH', message: /already defined as counter, cannot redefine it as trend/ })
  assert.throws(() => registry.define('orders', 'counter', 'data'), { code: 'MIB_ERR_LOAD_METRIC_TYPE_MISMATCH' })
})

test('metric names follow k6 rules', () => {
  const registry = new MetricRegistry()
  for (const bad of ['', '1abc', 'with-dash', 'with space', 'a'.repeat(129), 'ünïcode']) {
    assert.throws(() => registry.define(bad, 'counter'), { code: 'MIB_ERR_LOAD_METRIC_NAME_INVALID' }, bad)
  }
  for (const good of ['_private', 'a', 'A1_b2', 'a'.repeat(128)]) registry.define(good, 'counter')
})

test('adding to an undefined metric or a non-finite value is rejected with a code', () => {
  const registry = MetricRegistry.withBuiltins()
  assert.throws(() => registry.add('nope', 1, {}), { code: 'MIB_ERR_LOAD_METRIC_UNKNOWN' })
  assert.throws(() => registry.add('http_reqs', Number.NaN, {}), { code: 'MIB_ERR_LOAD_METRIC_VALUE_INVALID' })
  assert.throws(() => registry.add('http_req_duration', Infinity, {}), { code: 'MIB_ERR_LOAD_METRIC_VALUE_INVALID' })
})

test('a Metric handle from another registry is resolved by name', () => {
  const a = MetricRegistry.withBuiltins()
  const b = MetricRegistry.withBuiltins()
  const reqs = a.get('http_reqs')
  assert.ok(reqs)
  b.add(reqs, 2, {})
  assert.equal(b.stats('http_reqs', ['count'], 1000)?.count, 2)
  assert.equal(a.stats('http_reqs', ['count'], 1000)?.count, 0)
})

test('counters, gauges and rates aggregate like k6', () => {
  const registry = MetricRegistry.withBuiltins()
  for (let i = 0; i < 10; i++) registry.add('http_reqs', 1, {})
  registry.add('vus', 5, {}, 1000)
  registry.add('vus', 20, {}, 3000)
  registry.add('vus', 10, {}, 2000) // arrives late: an older sample does not replace the latest value
  for (const v of [1, 1, 1, 0]) registry.add('checks', v, {})
  assert.deepEqual(registry.stats('http_reqs', ['count', 'rate'], 5000), { count: 10, rate: 2 })
  assert.deepEqual(registry.stats('vus', ['value', 'min', 'max'], 5000), { value: 20, min: 5, max: 20 })
  assert.deepEqual(registry.stats('checks', ['rate', 'passes', 'fails'], 5000), { rate: 0.75, passes: 3, fails: 1 })
})

test('a tracked sub-metric only receives samples whose tags match every selector tag', () => {
  const registry = MetricRegistry.withBuiltins()
  const key = registry.trackSubmetric('http_req_duration{ name : fetch , status:"200" }')
  assert.equal(key, 'http_req_duration{name:fetch,status:200}')
  registry.add('http_req_duration', 10, { name: 'fetch', status: '200', url: 'http://x/1' })
  registry.add('http_req_duration', 20, { name: 'fetch', status: '500' })
  registry.add('http_req_duration', 30, { name: 'news', status: '200' })
  registry.add('http_req_duration', 40, { status: '200' })
  assert.deepEqual(registry.stats(key, ['count', 'max'], 1000), { count: 1, max: 10 })
  assert.deepEqual(registry.stats('http_req_duration{status:200,name:fetch}', ['count'], 1000), undefined, 'tag order is part of the key')
  assert.equal(registry.stats('http_req_duration', ['count'], 1000)?.count, 4)
})

test('tracking a sub-metric of an undefined metric is rejected', () => {
  assert.throws(() => new MetricRegistry().trackSubmetric('missing{name:x}'), { code: 'MIB_ERR_LOAD_METRIC_UNKNOWN' })
})

test('the per-name breakdown keeps at most maxTagValues names and counts the overflow', () => {
  const registry = MetricRegistry.withBuiltins({ maxTagValues: 3 })
  for (let i = 0; i < 10; i++) {
    const tags = { name: `op${i}` }
    registry.add('http_reqs', 1, tags)
    registry.add('http_req_duration', 5, tags)
  }
  const data = registry.summary({ testRunDurationMs: 1000 })
  assert.deepEqual(data.operations.map((op) => op.name).sort(), ['op0', 'op1', 'op2'])
  assert.equal(data.limits.operationsOverflow, 7)
  assert.equal(data.metrics.http_reqs?.values.count, 10, 'totals still count every sample')
})

test('metrics outside the breakdown list never get per-name sinks, whatever their tags', () => {
  const registry = MetricRegistry.withBuiltins({ maxTagValues: 1 })
  for (let i = 0; i < 50; i++) registry.add('data_received', 100, { name: `n${i}`, url: `http://x/${i}` })
  assert.equal(registry.limits().operationsOverflow, 0)
  assert.deepEqual(Object.keys(registry.drainWindow().breakdown.name ?? {}), [])
})

test('checks samples build k6 root_group with md5 ids of the paths', () => {
  const registry = MetricRegistry.withBuiltins()
  registry.add('checks', 1, { group: '', check: 'status is 200' })
  registry.add('checks', 0, { group: '', check: 'status is 200' })
  registry.add('checks', 1, { group: '::api::quotes', check: 'has price' })
  registry.add('group_duration', 12, { group: '::empty' })
  const root = registry.summary({ testRunDurationMs: 1000 }).root_group
  assert.equal(root.id, 'd41d8cd98f00b204e9800998ecf8427e')
  const md5 = (text: string): string => createHash('md5').update(text).digest('hex')
  assert.deepEqual(root.checks, [{ name: 'status is 200', path: '::status is 200', id: md5('::status is 200'), passes: 1, fails: 1 }])
  assert.deepEqual(root.groups.map((g) => g.path), ['::api', '::empty'])
  const api = root.groups[0]
  assert.deepEqual(api?.groups.map((g) => [g.name, g.path]), [['quotes', '::api::quotes']])
  assert.deepEqual(api?.groups[0]?.checks.map((c) => [c.path, c.passes, c.fails]), [['::api::quotes::has price', 1, 0]])
})

test('drainWindow reports only the samples since the previous drain, per metric, sub-metric and name', () => {
  const registry = MetricRegistry.withBuiltins()
  const key = registry.trackSubmetric('http_req_duration{status:200}')
  registry.drainWindow(1000)
  for (let i = 1; i <= 100; i++) {
    registry.add('http_req_duration', i, { name: 'fetch', status: '200' })
    registry.add('http_reqs', 1, { name: 'fetch' })
  }
  const first = registry.drainWindow(3000)
  assert.equal(first.durationMs, 2000)
  const whole = first.metrics.http_req_duration
  assert.equal(whole?.type, 'trend')
  if (whole?.type === 'trend') {
    assert.deepEqual([whole.count, whole.min, whole.max, whole.avg, whole.rate], [100, 1, 100, 50.5, 50])
    assert.ok(relativeError(whole.p95, 95) < 0.01)
  }
  assert.equal(first.submetrics[key]?.type, 'trend')
  assert.deepEqual(first.metrics.http_reqs, { type: 'counter', contains: 'default', count: 100, rate: 50 })
  assert.equal(first.breakdown.name?.fetch?.http_reqs?.type, 'counter')
  registry.add('http_req_duration', 500, { name: 'fetch' })
  const second = registry.drainWindow(4000)
  assert.equal(second.metrics.http_reqs, undefined, 'a quiet metric is absent from the window')
  const secondTrend = second.metrics.http_req_duration
  assert.ok(secondTrend?.type === 'trend' && secondTrend.count === 1 && secondTrend.p50 === 500)
  assert.equal(registry.stats('http_req_duration', ['count'], 4000)?.count, 101, 'the run total keeps every window')
  assert.ok(relativeError(registry.stats('http_req_duration', ['p(50)'], 4000)?.['p(50)'] ?? 0, 51) < 0.01)
})

test('a gauge appears in every window once set, holding its value', () => {
  const registry = MetricRegistry.withBuiltins()
  registry.add('vus', 7, {})
  registry.drainWindow()
  assert.deepEqual(registry.drainWindow().metrics.vus, { type: 'gauge', contains: 'default', value: 7, min: 7, max: 7 })
})

function feed (registry: MetricRegistry, seed: number, count: number): void {
  const random = mulberry32(seed)
  for (let i = 0; i < count; i++) {
    const name = ['fetch', 'news', 'stats'][i % 3] ?? 'fetch'
    const status = random() < 0.05 ? '500' : '200'
    const tags = { name, status, group: i % 2 === 0 ? '::api' : '', check: 'ok' }
    registry.add('http_reqs', 1, tags)
    registry.add('http_req_duration', -Math.log(1 - random()) * 40, tags)
    registry.add('http_req_failed', status === '500' ? 1 : 0, tags)
    registry.add('checks', status === '200' ? 1 : 0, tags)
    registry.add('data_received', Math.floor(random() * 5000), tags)
    registry.add('vus', seed, {}, 1000 + i)
  }
}

test('merging snapshots of 4 registries equals one registry fed every sample', () => {
  const single = MetricRegistry.withBuiltins()
  const merged = MetricRegistry.withBuiltins()
  single.trackSubmetric('http_req_duration{name:fetch}')
  merged.trackSubmetric('http_req_duration{name:fetch}')
  for (let worker = 1; worker <= 4; worker++) {
    const registry = MetricRegistry.withBuiltins()
    registry.trackSubmetric('http_req_duration{name:fetch}')
    feed(registry, worker, 2000)
    feed(single, worker, 2000)
    merged.merge(structuredClone(registry.snapshot()))
  }
  const exact = ['count', 'min', 'max']
  for (const key of ['http_req_duration', 'http_req_duration{name:fetch}']) {
    const a = single.stats(key, [...exact, 'avg', 'med', 'p(95)', 'p(99)'], 10_000)
    const b = merged.stats(key, [...exact, 'avg', 'med', 'p(95)', 'p(99)'], 10_000)
    for (const stat of exact) assert.equal(b?.[stat], a?.[stat], `${key} ${stat}`)
    assert.ok(relativeError(b?.avg ?? 0, a?.avg ?? 0) < 1e-9)
    // Same buckets either way: percentiles agree exactly, not just within precision.
    for (const stat of ['med', 'p(95)', 'p(99)']) assert.equal(b?.[stat], a?.[stat], `${key} ${stat}`)
  }
  const sa = single.summary({ testRunDurationMs: 10_000 })
  const sb = merged.summary({ testRunDurationMs: 10_000 })
  assert.deepEqual(sb.metrics.http_reqs, sa.metrics.http_reqs)
  assert.deepEqual(sb.metrics.checks, sa.metrics.checks)
  assert.deepEqual(sb.metrics.http_req_failed, sa.metrics.http_req_failed)
  assert.deepEqual(sb.metrics.data_received, sa.metrics.data_received)
  assert.deepEqual(sb.metrics.vus, sa.metrics.vus)
  assert.deepEqual(sb.root_group, sa.root_group)
  // Sums added in another order differ in the last float bits; everything else is exact.
  const roundAvg = (ops: typeof sa.operations): unknown => ops.map((op) => ({ ...op, avg: op.avg.toFixed(9) }))
  assert.deepEqual(roundAvg(sb.operations), roundAvg(sa.operations))
})

test('delta snapshots with reset ship each sample exactly once', () => {
  const worker = MetricRegistry.withBuiltins()
  const main = MetricRegistry.withBuiltins()
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < 10; i++) {
      worker.add('http_reqs', 1, { name: 'a' })
      worker.add('http_req_duration', 10 * (round + 1), { name: 'a' })
      worker.add('checks', 1, { group: '', check: 'c' })
    }
    main.merge(structuredClone(worker.snapshot({ reset: true })))
  }
  assert.deepEqual(main.stats('http_reqs', ['count'], 1000), { count: 30 })
  assert.deepEqual(main.stats('http_req_duration', ['count', 'min', 'max'], 1000), { count: 30, min: 10, max: 30 })
  const summary = main.summary({ testRunDurationMs: 1000 })
  assert.equal(summary.root_group.checks[0]?.passes, 30)
  assert.equal(summary.operations[0]?.requests, 30)
  assert.equal(worker.stats('http_reqs', ['count'], 1000)?.count, 0)
})

test('merged worker samples show up in the main registry window', () => {
  const worker = MetricRegistry.withBuiltins()
  const main = MetricRegistry.withBuiltins()
  main.drainWindow(0)
  for (let i = 1; i <= 10; i++) worker.add('http_req_duration', i, { name: 'a' })
  main.merge(worker.snapshot({ reset: true }))
  const window = main.drainWindow(1000)
  const trend = window.metrics.http_req_duration
  assert.ok(trend?.type === 'trend' && trend.count === 10 && trend.max === 10)
  assert.ok(window.breakdown.name?.a?.http_req_duration !== undefined)
})

test('a snapshot survives structuredClone and defines custom metrics in the receiving registry', () => {
  const worker = new MetricRegistry()
  worker.define('market_rtt', 'trend', 'time')
  worker.add('market_rtt', 3.25, { name: 'x' })
  const cloned = structuredClone(worker.snapshot())
  assert.deepEqual(cloned, worker.snapshot())
  const main = new MetricRegistry()
  main.merge(cloned)
  assert.equal(main.get('market_rtt')?.type, 'trend')
  assert.equal(main.stats('market_rtt', ['max'], 1)?.max, 3.25)
})

test('merging a snapshot whose metric type differs is rejected', () => {
  const a = new MetricRegistry()
  a.define('x', 'counter')
  const b = new MetricRegistry()
  b.define('x', 'gauge')
  assert.throws(() => b.merge(a.snapshot()), { code: 'MIB_ERR_LOAD_METRIC_TYPE_MISMATCH' })
  assert.throws(() => b.merge({ ...a.snapshot(), version: 2 as 1 }), { code: 'MIB_ERR_LOAD_SNAPSHOT_INVALID' })
})

test('registry options are validated once, rejecting unknown keys', () => {
  assert.throws(() => new MetricRegistry({ maxTagValue: 3 } as never), { code: 'MIB_ERR_OPTIONS_INVALID' })
  assert.throws(() => new MetricRegistry({ maxTagValues: 0 }), { code: 'MIB_ERR_OPTIONS_INVALID' })
})

test('summary data has k6 handleSummary shape with thresholds attached to their metrics', () => {
  const registry = MetricRegistry.withBuiltins()
  registry.trackSubmetric('http_req_duration{name:fetch}')
  for (let i = 1; i <= 100; i++) registry.add('http_req_duration', i, { name: 'fetch' })
  registry.add('http_reqs', 1, {})
  const data = registry.summary({
    testRunDurationMs: 2000,
    summaryTrendStats: ['avg', 'p(99)', 'count'],
    isStdOutTTY: true,
    thresholds: [
      { metric: 'http_req_duration', expression: 'p(95)<500', ok: true, aggregation: 'p(95)' },
      { metric: 'http_req_duration{name:fetch}', expression: 'max<50', ok: false, aggregation: 'max' }
    ]
  })
  assert.deepEqual(Object.keys(data).sort(), ['limits', 'metrics', 'operations', 'options', 'root_group', 'state'])
  assert.deepEqual(data.state, { isStdOutTTY: true, isStdErrTTY: false, testRunDurationMs: 2000 })
  assert.deepEqual(data.options.summaryTrendStats, ['avg', 'p(99)', 'count'])
  const duration = data.metrics.http_req_duration
  assert.equal(duration?.type, 'trend')
  assert.equal(duration?.contains, 'time')
  assert.deepEqual(Object.keys(duration?.values ?? {}), ['avg', 'p(99)', 'count', 'p(95)'])
  assert.deepEqual(duration?.thresholds, { 'p(95)<500': { ok: true } })
  assert.deepEqual(data.metrics['http_req_duration{name:fetch}']?.thresholds, { 'max<50': { ok: false } })
  assert.deepEqual(data.metrics.http_reqs?.values, { count: 1, rate: 0.5 })
  assert.equal(data.metrics.vus, undefined, 'metrics without samples are left out, as k6 does')
})

test('summaryTrendStatsSchema accepts every trend statistic and names the ones it rejects', async () => {
  const { summaryTrendStatsSchema } = await import('./stats.js')
  assert.deepEqual(summaryTrendStatsSchema.parse(['avg', ' min', 'med', 'max', 'count', 'p(90)', 'p(99.99)']), ['avg', 'min', 'med', 'max', 'count', 'p(90)', 'p(99.99)'])
  const result = summaryTrendStatsSchema.safeParse(['avg', 'mean', 'p(101)'])
  assert.equal(result.success, false)
  assert.deepEqual(result.error?.issues.map((i) => [i.path, i.message]), [
    [[1], '"mean" is not a trend statistic (use avg, min, med, max, count or p(N) with 0 <= N <= 100)'],
    [[2], '"p(101)" is not a trend statistic (use avg, min, med, max, count or p(N) with 0 <= N <= 100)']
  ])
})

test('names that do not fit the main registry cap when merged from workers are counted as overflow', () => {
  const main = MetricRegistry.withBuiltins({ maxTagValues: 2 })
  for (const name of ['a', 'b', 'c']) {
    const worker = MetricRegistry.withBuiltins({ maxTagValues: 2 })
    for (let i = 0; i < 5; i++) worker.add('http_reqs', 1, { name })
    main.merge(worker.snapshot({ reset: true }))
  }
  assert.equal(main.limits().operationsOverflow, 5)
  assert.equal(main.stats('http_reqs', ['count'], 1)?.count, 15)
})
