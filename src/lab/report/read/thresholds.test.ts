import { test } from 'node:test'
import assert from 'node:assert/strict'
import { parseExpression } from '../../load/thresholds/index.js'
import { K6Aggregator } from './ndjson-reader.js'
import { evaluateThresholds } from '../analyze/threshold-rows.js'
import { aggregate, baseMetricOf, canonicalMetricKey } from './thresholds.js'
import { newMetricStats } from './stats.js'

const T0 = Date.UTC(2026, 10, 28, 0, 30, 0)

function point (metric: string, value: number, tags: Record<string, string>, offsetMs = 0): string {
  return JSON.stringify({ type: 'Point', metric, data: { time: new Date(T0 + offsetMs).toISOString(), value, tags } })
}

test('regression: a selector with a quoted comma (name:"a,b") selects that one name, not the tags "a" and "b"', () => {
  const selector = 'http_req_duration{name:"a,b"}'
  const agg = new K6Aggregator()
  agg.line(JSON.stringify({ type: 'Metric', metric: 'http_req_duration', data: { name: 'http_req_duration', type: 'trend', contains: 'time', thresholds: [] } }))
  agg.line(JSON.stringify({ type: 'Metric', metric: selector, data: { name: selector, type: 'trend', contains: 'time', thresholds: ['p(95)<100'] } }))
  for (let i = 0; i < 10; i++) agg.line(point('http_req_duration', 50, { name: 'a,b' }, i))
  for (let i = 0; i < 10; i++) agg.line(point('http_req_duration', 500, { name: 'a' }, i))
  const k6 = agg.result()
  const stats = k6.stats.get(canonicalMetricKey(selector))
  assert.equal(stats?.type === 'trend' ? stats.stats.count : -1, 10, 'only the points named "a,b"')
  const rows = evaluateThresholds({ k6, summary: undefined, manifestThresholds: { [selector]: ['p(95)<100'] }, durationS: 1 })
  assert.deepEqual(rows.map((r) => [r.metric, r.expression, r.ok, r.value]), [[selector, 'p(95)<100', true, 50]])
})

test('the report reads selectors with the runner\'s grammar: spacing and quoting do not make two keys', () => {
  assert.equal(canonicalMetricKey('http_req_duration{ name : "a,b" }'), canonicalMetricKey('http_req_duration{name:"a,b"}'))
  assert.equal(canonicalMetricKey('http_req_duration{name:fetch}'), 'http_req_duration{name:fetch}')
  assert.equal(baseMetricOf('http_req_duration{name:"x{y}"}'), 'http_req_duration')
  // A key that does not parse is kept as written, never thrown.
  assert.equal(canonicalMetricKey('http_req_duration{name:"open'), 'http_req_duration{name:"open')
})

test('every aggregation the runner accepts for a type has a value in the report', () => {
  const cases = [
    ['trend', ['avg<1', 'min<1', 'med<1', 'max<1', 'count<1', 'p(99.9)<1']],
    ['rate', ['rate<1', 'passes<1', 'fails<1']],
    ['counter', ['count<1', 'rate<1']],
    ['gauge', ['value<1', 'min<1', 'max<1']]
  ] as const
  for (const [type, expressions] of cases) {
    const stats = newMetricStats(type)
    stats.stats.record(1)
    for (const source of expressions) {
      const parsed = parseExpression(source, type)
      assert.ok(parsed.ok, source)
      assert.notEqual(aggregate(stats, parsed.expression, 10), null, `${type} ${source}`)
    }
  }
})
