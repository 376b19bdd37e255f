import assert from 'node:assert/strict'
import { test } from 'node:test'
import { EXIT } from '../../../exit-codes.js'
import { MetricRegistry } from '../metrics/index.js'
import { ThresholdsInvalidError } from './errors.js'
import { parseThresholds } from './threshold-set.js'

function registryWithData (): MetricRegistry {
  const registry = MetricRegistry.withBuiltins()
  registry.define('orders_placed', 'counter')
  return registry
}

function feed (registry: MetricRegistry): void {
  for (let i = 1; i <= 100; i++) {
    const name = i <= 50 ? 'market_data_fetch' : 'news_fetch'
    registry.add('http_req_duration', name === 'market_data_fetch' ? i : 10 * i, { name, status: i % 10 === 0 ? '500' : '200' })
    registry.add('http_reqs', 1, { name })
    registry.add('http_req_failed', i % 10 === 0 ? 1 : 0, { name })
  }
  registry.add('orders_placed', 30, {})
}

test('every problem is reported at once, each naming the offending text, with exit code 104', () => {
  const registry = registryWithData()
  const err = (() => {
    try {
      parseThresholds({
        http_req_duration: ['p(95)<500', 'p95<500', { threshold: 'avg<1', abortOnFail: 'yes' }],
        http_req_failed: ['p(95)<0.01'],
        no_such_metric: ['avg<1'],
        'http_req_duration{name:}x': ['avg<1'],
        checks: [{ threshold: 'rate>0.9', delayAbortEval: 'soon' }, { treshold: 'rate>0.9' }, 42]
      }, registry)
    } catch (e) { return e }
    return undefined
  })()
  assert.ok(err instanceof ThresholdsInvalidError)
  assert.equal(err.code, 'MIB_ERR_LOAD_THRESHOLD_INVALID')
  assert.equal(err.exitCode, EXIT.INVALID_CONFIG)
  assert.deepEqual(err.problems, [
    'http_req_duration: "p95<500" is not a threshold expression: expected <aggregation> <operator> <number>, e.g. "p(95)<500" (operators: < <= > >= == !=) (write percentiles as p(N): "p(95)<500")',
    'http_req_duration: "avg<1": abortOnFail must be true or false',
    'http_req_failed: "p(95)<0.01": a rate metric has no aggregation "p(95)" (it has: rate, passes, fails)',
    'no_such_metric: no metric named "no_such_metric" is defined (a custom metric must be created in the script\'s init code)',
    'http_req_duration{name:}x: invalid sub-metric selector "http_req_duration{name:}x": missing closing "}"',
    'checks: "rate>0.9": delayAbortEval "soon" is not a duration such as "10s" or "1m30s"',
    'checks: unknown key(s) "treshold" in {"treshold":"rate>0.9"} (allowed: threshold, abortOnFail, delayAbortEval)',
    'checks: 42 is neither an expression string nor { threshold, abortOnFail, delayAbortEval }'
  ])
  assert.match(err.message, /^invalid thresholds:\n {2}- http_req_duration/)
})

test('a threshold on a custom metric defined before parsing is accepted', () => {
  const set = parseThresholds({ orders_placed: ['count>10', 'rate>0'] }, registryWithData())
  assert.equal(set.definitions.length, 2)
})

test('thresholds evaluate against the run so far, sub-metrics included', () => {
  const registry = registryWithData()
  const set = parseThresholds({
    http_req_duration: ['p(95)<1000', 'max<900'],
    'http_req_duration{name:market_data_fetch}': ['p(99)<=50', 'avg<25'],
    'http_req_failed{ name : "news_fetch" }': ['rate<0.05'],
    http_reqs: ['count>=100', 'rate>4'],
    orders_placed: ['count==30']
  }, registry)
  feed(registry)
  const results = set.evaluate(registry, 20_000)
  // HDR answers within 0.1%: three significant digits are exact here.
  const summary = results.map((r) => [r.metric, r.expression, r.ok, Number(r.actual.toPrecision(3))])
  assert.deepEqual(summary, [
    ['http_req_duration', 'p(95)<1000', true, 950],
    ['http_req_duration', 'max<900', false, 1000],
    ['http_req_duration{name:market_data_fetch}', 'p(99)<=50', true, 50],
    ['http_req_duration{name:market_data_fetch}', 'avg<25', false, 25.5],
    ['http_req_failed{name:news_fetch}', 'rate<0.05', false, 0.1],
    ['http_reqs', 'count>=100', true, 100],
    ['http_reqs', 'rate>4', true, 5],
    ['orders_placed', 'count==30', true, 30]
  ])
  assert.equal(set.failed(results), true)
  assert.equal(set.exitCode(results), EXIT.THRESHOLDS_FAILED)
})

test('a threshold on a metric without samples is evaluated against zero', () => {
  const registry = registryWithData()
  const set = parseThresholds({ http_req_duration: ['p(95)<500'], iterations: ['count>0'] }, registry)
  assert.deepEqual(set.evaluate(registry, 1000).map((r) => [r.actual, r.ok]), [[0, true], [0, false]])
})

test('abortOnFail aborts only once delayAbortEval has passed', () => {
  const registry = registryWithData()
  const set = parseThresholds({
    http_req_duration: [{ threshold: 'max<100', abortOnFail: true, delayAbortEval: '10s' }, 'avg<1'],
    http_reqs: [{ threshold: 'count<1', abortOnFail: false }]
  }, registry)
  feed(registry)
  assert.equal(set.shouldAbort(set.evaluate(registry, 9_999), 9_999), undefined)
  const abort = set.shouldAbort(set.evaluate(registry, 10_000), 10_000)
  assert.equal(abort?.expression, 'max<100')
  assert.equal(abort?.delayAbortEvalMs, 10_000)
})

test('abortOnFail without a delay aborts at the first failing evaluation', () => {
  const registry = registryWithData()
  const set = parseThresholds({ http_req_duration: [{ threshold: 'max<100', abortOnFail: true }] }, registry)
  assert.equal(set.shouldAbort(set.evaluate(registry, 0), 0), undefined, 'passes while empty')
  feed(registry)
  assert.equal(set.shouldAbort(set.evaluate(registry, 1), 1)?.expression, 'max<100')
})

test('with --no-thresholds results are still computed but never fail nor abort the run', () => {
  const registry = registryWithData()
  const set = parseThresholds({ http_req_duration: [{ threshold: 'max<1', abortOnFail: true }] }, registry, { enforce: false })
  feed(registry)
  const results = set.evaluate(registry, 60_000)
  assert.equal(results[0]?.ok, false)
  assert.equal(set.shouldAbort(results, 60_000), undefined)
  assert.equal(set.failed(results), false)
  assert.equal(set.exitCode(results), EXIT.OK)
})

test('sub-metric thresholds start their sinks, so samples after parsing are counted', () => {
  const registry = registryWithData()
  parseThresholds({ 'http_req_duration{status:500}': ['count<5'] }, registry)
  feed(registry)
  assert.equal(registry.stats('http_req_duration{status:500}', ['count'], 1)?.count, 10)
})

test('expressions are listed per metric key for the JSON output', () => {
  const set = parseThresholds({ http_req_duration: ['p(95)<500', ' avg < 100 '], 'http_req_duration{name: x}': ['max<1'] }, registryWithData())
  assert.deepEqual(set.expressionsByMetric(), { http_req_duration: ['p(95)<500', 'avg < 100'], 'http_req_duration{name:x}': ['max<1'] })
})

test('a single string instead of a list is accepted, and no thresholds make an empty set', () => {
  assert.equal(parseThresholds({ http_reqs: 'count>1' }, registryWithData()).definitions.length, 1)
  assert.equal(parseThresholds(undefined, registryWithData()).isEmpty, true)
})

test('a threshold on a Rate that got no samples passes, as in k6 v0.48 (Market Intel\'s websocket_connect_success without a WebSocket scenario exited 99)', () => {
  const registry = registryWithData()
  registry.define('websocket_connect_success', 'rate')
  registry.define('never_timed', 'trend', 'time')
  const set = parseThresholds({
    websocket_connect_success: ['rate>0.95'],
    'checks{scenario:never}': ['rate==1'],
    never_timed: ['avg>1', 'p(95)<500'],
    orders_placed: ['count>0']
  }, registry)
  const results = set.evaluate(registry, 1000)
  const ok = (metric: string, expression: string): boolean | undefined => results.find((r) => r.metric === metric && r.expression === expression)?.ok
  assert.equal(ok('websocket_connect_success', 'rate>0.95'), true)
  assert.equal(ok('checks{scenario:never}', 'rate==1'), true)
  // Other types are evaluated on 0, as k6 does: an empty Trend's avg is 0, an empty Counter's count is 0.
  assert.equal(ok('never_timed', 'avg>1'), false)
  assert.equal(ok('never_timed', 'p(95)<500'), true)
  assert.equal(ok('orders_placed', 'count>0'), false)
  registry.add('websocket_connect_success', 0, {})
  assert.equal(set.evaluate(registry, 1000).find((r) => r.metric === 'websocket_connect_success')?.ok, false, 'one failed sample fails it')
})
