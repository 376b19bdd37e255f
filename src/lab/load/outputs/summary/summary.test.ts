import assert from 'node:assert/strict'
import { test } from 'node:test'
import { MetricRegistry, type SummaryData } from '../../metrics/index.js'
import { parseThresholds } from '../../thresholds/index.js'
import { shouldColor } from './colors.js'
import { formatBytes, formatPercent, formatRate, formatTime } from './format.js'
import { textSummary } from './text-summary.js'

function runData (options: { trendStats?: string[], intended?: boolean } = {}): SummaryData {
  const registry = MetricRegistry.withBuiltins()
  const set = parseThresholds({
    http_req_duration: ['p(95)<500', 'p(99.9)<10'],
    'http_req_duration{name:market_data_fetch}': ['avg<100'],
    http_req_failed: ['rate<0.01']
  }, registry)
  for (let i = 1; i <= 200; i++) {
    const name = i % 4 === 0 ? 'news_fetch' : 'market_data_fetch'
    const tags = { name, status: i % 50 === 0 ? '500' : '200', group: i % 2 === 0 ? '::market' : '', check: 'status is 200' }
    registry.add('http_reqs', 1, tags)
    registry.add('http_req_duration', i * 1.5, tags)
    if (options.intended === true) registry.add('http_req_duration_intended', i * 3, tags)
    registry.add('http_req_failed', tags.status === '500' ? 1 : 0, tags)
    registry.add('checks', tags.status === '200' ? 1 : 0, tags)
    registry.add('data_received', 2500, tags)
    registry.add('iterations', 1, {})
  }
  registry.add('vus', 10, {})
  registry.add('vus_max', 10, {})
  return registry.summary({ testRunDurationMs: 10_000, summaryTrendStats: options.trendStats, thresholds: set.evaluate(registry, 10_000) })
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/

test('the text summary marks each threshold ✓ or ✗ under its metric, with the measured value', () => {
  const text = textSummary(runData(), { enableColors: false })
  assert.match(text, /█ THRESHOLDS/)
  assert.match(text, /\n {3}http_req_duration\n {3}✓ 'p\(95\)<500' p\(95\)=285\.\d+ms\n {3}✗ 'p\(99\.9\)<10' p\(99\.9\)=300ms\n/)
  assert.match(text, /http_req_duration\{name:market_data_fetch\}\n {3}✗ 'avg<100' avg=150(\.\d+)?ms/)
  assert.match(text, /http_req_failed\n {3}✗ 'rate<0\.01' rate=2\.00%/)
})

test('the text summary lists checks with pass/fail counts and percentage, nested by group', () => {
  const text = textSummary(runData(), { enableColors: false })
  assert.match(text, /checks_total\.+: 200 +20\/s/)
  assert.match(text, /checks_succeeded\.+: 98\.00% +196 out of 200/)
  assert.match(text, /checks_failed\.+: 2\.00% +4 out of 200/)
  assert.match(text, /✓ status is 200\n\n {3}█ market\n {5}✗ status is 200\n {7}↳ {2}96% — ✓ 96 \/ ✗ 4/)
})

test('metrics print by section with units: times, kB, rates per second, gauges, rates as percentages', () => {
  const text = textSummary(runData(), { enableColors: false })
  assert.match(text, /HTTP\n/)
  assert.match(text, /http_req_duration\.+: avg=150\.75ms +min=1\.5ms +med=150(\.\d+)?ms +max=300ms +p\(90\)=270\.\d+ms +p\(95\)=285\.\d+ms/)
  assert.match(text, / {5}\{ name:market_data_fetch \}\.+: avg=150(\.\d+)?ms/)
  assert.match(text, /http_reqs\.+: 200 +20\/s/)
  assert.match(text, /http_req_failed\.+: 2\.00% +4 out of 200/)
  assert.match(text, /EXECUTION\n[\s\S]*iterations\.+: 200 +20\/s[\s\S]*vus\.+: 10 +min=10 max=10/)
  assert.match(text, /NETWORK\n[\s\S]*data_received\.+: 500 kB +50 kB\/s/)
})

test('summaryTrendStats choose the trend columns', () => {
  const text = textSummary(runData({ trendStats: ['p(99)', 'count'] }), { enableColors: false })
  assert.match(text, /http_req_duration\.+: p\(99\)=297\.\d+ms +count=200\n/)
})

test('the per-operation table shows requests, rps, error %, percentiles per name, busiest first', () => {
  const text = textSummary(runData(), { enableColors: false })
  const table = text.slice(text.indexOf('█ OPERATIONS'))
  const lines = table.split('\n').map((l) => l.trim()).filter((l) => l !== '')
  assert.match(lines[1] ?? '', /^name +reqs +rps +err % +p50 +p95 +p99 +max$/)
  assert.match(lines[2] ?? '', /^market_data_fetch +150 +15\/s +1\.33% +\d/)
  assert.match(lines[3] ?? '', /^news_fetch +50 +5\/s +4\.00% +\d/)
})

test('the per-operation table adds the coordinated-omission-corrected p99 when it was recorded', () => {
  const text = textSummary(runData({ intended: true }), { enableColors: false })
  assert.match(text, /name +reqs +rps +err % +p50 +p95 +p99 +max +p99 intended/)
  assert.match(text, /news_fetch +50 .* 600ms\n/)
})

test('colors are used only when enabled', () => {
  assert.doesNotMatch(textSummary(runData(), { enableColors: false }), ANSI)
  const colored = textSummary(runData(), { enableColors: true })
  assert.match(colored, /\u001b\[32m✓\u001b\[39m/)
  assert.match(colored, /\u001b\[31m✗\u001b\[39m/)
})

test('colors are chosen only for a TTY without NO_COLOR', () => {
  assert.equal(shouldColor({ isTTY: true }, {}), true)
  assert.equal(shouldColor({ isTTY: true }, { NO_COLOR: '1' }), false)
  assert.equal(shouldColor({ isTTY: false }, {}), false)
  assert.equal(shouldColor(undefined, {}), false)
})

test('the indent option prefixes every non-empty line', () => {
  const text = textSummary(runData(), { indent: '>>' })
  for (const line of text.split('\n')) if (line !== '') assert.ok(line.startsWith('>>'), line)
})

test('a run with no samples still renders', () => {
  const text = textSummary(MetricRegistry.withBuiltins().summary({ testRunDurationMs: 0 }))
  assert.match(text, /TOTAL RESULTS/)
  assert.doesNotMatch(text, /OPERATIONS/)
})

test('bounded structures that dropped data say so in a note', () => {
  const registry = MetricRegistry.withBuiltins({ maxTagValues: 1 })
  registry.add('http_reqs', 1, { name: 'a' })
  registry.add('http_reqs', 1, { name: 'b' })
  registry.add('http_req_duration', 5 * 3_600_000, {})
  const text = textSummary(registry.summary({ testRunDurationMs: 1000 }))
  assert.match(text, /1 requests had a name tag beyond the distinct-name cap/)
  assert.match(text, /1 trend values were outside the histogram range/)
})

test('numbers are formatted with k6-like units', () => {
  const cases: Array<[string, string]> = [
    [formatTime(0), '0s'],
    [formatTime(0.0123), '12.3µs'],
    [formatTime(140.364), '140.36ms'],
    [formatTime(1234.5), '1.23s'],
    [formatTime(62_500), '1m2.5s'],
    [formatTime(3_723_000), '1h2m3s'],
    [formatTime(140.364, 's'), '0.14s'],
    [formatTime(1.5, 'us'), '1500.00µs'],
    [formatBytes(331), '331 B'],
    [formatBytes(2300), '2.3 kB'],
    [formatBytes(20_000), '20 kB'],
    [formatBytes(1_234_567), '1.2 MB'],
    [formatBytes(5), '5 B'],
    [formatRate(4.374093), '4.37/s'],
    [formatRate(1234.56), '1234.6/s'],
    [formatRate(0.05), '0.05/s'],
    [formatPercent(0.0123), '1.23%']
  ]
  for (const [actual, expected] of cases) assert.equal(actual, expected)
})

test('a k6-shaped data object without mib extensions, options or state still renders', () => {
  const full = runData()
  const text = textSummary({ metrics: full.metrics, root_group: full.root_group })
  assert.match(text, /http_req_duration\.+: avg=/)
  assert.doesNotMatch(text, /OPERATIONS/)
})
