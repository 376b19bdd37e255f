import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import { decodeFromCompressedBase64 } from 'hdr-histogram-js'
import { MetricRegistry } from '../../metrics/index.js'
import { createOutputs } from '../index.js'
import { AggregateOutput, createAggregateOutput, windowSecond, type AggregateLine, type TrendAggregate, type WindowLine } from './index.js'

async function tempDir (): Promise<string> {
  return await mkdtemp(join(tmpdir(), 'mib-aggregate-'))
}

function parse (text: string): AggregateLine[] {
  assert.ok(text.endsWith('\n'), 'the file ends with a complete line')
  return text.trimEnd().split('\n').map((line) => JSON.parse(line) as AggregateLine)
}

const T0 = 1_700_000_000_000

test('aggregate output round trip: every window figure and histogram bucket comes back', async () => {
  const dir = await tempDir()
  try {
    const registry = MetricRegistry.withBuiltins()
    registry.trackSubmetric('http_req_duration{name:a}')
    const file = join(dir, 'aggregates.ndjson')
    const output = new AggregateOutput(file)
    await output.start({ registry, thresholds: { http_req_duration: ['p(95)<500'] }, startedAtMs: T0 })
    registry.drainWindow(T0)
    const expected: Array<{ values: number[], failures: number }> = []
    for (let s = 0; s < 3; s++) {
      const values: number[] = []
      for (let i = 1; i <= 1000; i++) {
        const value = (i * (s + 1)) / 7
        values.push(value)
        const failed = i % 100 === 0
        const tags = { name: i % 2 === 0 ? 'a' : 'b', status: failed ? '503' : '200', ...(failed ? { error_code: '1503' } : {}) }
        registry.add('http_reqs', 1, tags)
        registry.add('http_req_duration', value, tags)
        registry.add('http_req_failed', failed ? 1 : 0, tags)
        registry.add('checks', failed ? 0 : 1, { check: 'ok', group: '' })
      }
      registry.add('vus', 10 + s, {})
      expected.push({ values, failures: 10 })
      output.addWindow(registry.drainWindow(T0 + (s + 1) * 1000, { histograms: true }))
    }
    await output.stop({ summary: registry.summary({ testRunDurationMs: 3000 }), thresholds: [] })

    const lines = parse(await readFile(file, 'utf8'))
    assert.equal(lines[0]?.type, 'Header')
    assert.deepEqual(lines[0], { type: 'Header', format: 'mib-aggregates', version: 1, windowMs: 1000, startedAtMs: T0, startedAt: new Date(T0).toISOString() })
    const declared = new Set<string>()
    const windows: WindowLine[] = []
    assert.equal(lines.at(-1)?.type, 'End', 'the last line marks a test that reached its end')
    for (const line of lines.slice(1, -1)) {
      if (line.type === 'Metric') { declared.add(line.name); continue }
      assert.equal(line.type, 'Window')
      const window = line as WindowLine
      for (const metric of Object.keys(window.metrics)) assert.ok(declared.has(metric), `a Metric line precedes the first window with ${metric}`)
      windows.push(window)
    }
    assert.equal(windows.length, 3)
    const durationLine = lines.find((l) => l.type === 'Metric' && l.name === 'http_req_duration')
    assert.deepEqual(durationLine, { type: 'Metric', name: 'http_req_duration', metricType: 'trend', contains: 'time', hdrScale: 1000, thresholds: ['p(95)<500'] })

    windows.forEach((w, s) => {
      assert.equal(windowSecond(w.start, w.end), T0 / 1000 + s)
      assert.deepEqual(w.metrics.http_reqs, { n: 1000 })
      assert.deepEqual(w.metrics.http_req_failed, { p: 10, f: 990 })
      assert.deepEqual(w.metrics.vus, { v: 10 + s, min: 10 + s, max: 10 + s })
      assert.deepEqual(w.failures, [['a', '503', '1503', 10]])
      assert.deepEqual(w.checks, [['', 'ok', 990, 10]])
      const values = expected[s]?.values ?? []
      const trend = w.metrics.http_req_duration as TrendAggregate
      assert.equal(trend.n, 1000)
      assert.equal(trend.min, Math.min(...values))
      assert.equal(trend.max, Math.max(...values))
      assert.ok(Math.abs(trend.sum - values.reduce((a, b) => a + b, 0)) < 1e-6)
      // HdrHistogram's own decoder reads the histogram: every value is in it, in µs (hdrScale 1000), within 0.1 %.
      const hist = decodeFromCompressedBase64(trend.h)
      assert.equal(hist.totalCount, 1000)
      const sorted = [...values].sort((a, b) => a - b)
      for (const p of [50, 90, 99]) {
        const truth = sorted[Math.ceil((p / 100) * sorted.length) - 1] as number
        const got = hist.getValueAtPercentile(p) / 1000
        assert.ok(Math.abs(got - truth) <= truth * 0.001 + 0.001, `p${p}: ${got} vs ${truth}`)
      }
      const byName = w.breakdown.name
      assert.equal((byName?.a?.http_req_duration as TrendAggregate).n + (byName?.b?.http_req_duration as TrendAggregate).n, 1000)
      assert.equal(decodeFromCompressedBase64((w.submetrics['http_req_duration{name:a}'] as TrendAggregate).h).totalCount, 500)
    })
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

test('aggregate=FILE.gz writes the same lines gzip-compressed', async () => {
  const dir = await tempDir()
  try {
    const registry = MetricRegistry.withBuiltins()
    const outputs = createOutputs({ out: [`aggregate=${join(dir, 'a.ndjson.gz')}`], summary: false })
    assert.equal(outputs.wantsHistograms, true)
    assert.equal(outputs.wantsSamples, false, 'no per-sample objects for the aggregates')
    await outputs.start({ registry, thresholds: {}, startedAtMs: T0 })
    registry.drainWindow(T0)
    registry.add('http_req_duration', 5, { name: 'x' })
    outputs.addWindow(registry.drainWindow(T0 + 1000, { histograms: outputs.wantsHistograms }), { vus: 1, thresholds: [] })
    await outputs.stop({ summary: registry.summary({ testRunDurationMs: 1000 }), thresholds: [] })
    const lines = parse(gunzipSync(await readFile(join(dir, 'a.ndjson.gz'))).toString('utf8'))
    assert.deepEqual(lines.map((l) => l.type), ['Header', 'Metric', 'Window', 'End'])
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

test('aggregate output parameters are validated before the test starts', () => {
  assert.ok(createAggregateOutput('aggregate=f', 'f', {}) instanceof AggregateOutput)
  assert.throws(() => createAggregateOutput('aggregate=', '', {}), { code: 'MIB_ERR_LOAD_OUTPUT_INVALID', message: /needs a file/ })
  assert.throws(() => createAggregateOutput('aggregate=f?x=1', 'f', { x: '1' }), { code: 'MIB_ERR_LOAD_OUTPUT_INVALID', message: /unknown parameter/ })
})

const fixture = fileURLToPath(new URL('./fixtures/exit-after-windows.ts', import.meta.url))

for (const name of ['aggregates.ndjson', 'aggregates.ndjson.gz']) {
  test(`windows written before process.exit are all in ${name}`, async () => {
    const dir = await tempDir()
    try {
      const file = join(dir, name)
      const child = spawnSync(process.execPath, ['--import', 'tsx', fixture, file], { encoding: 'utf8', timeout: 60_000 })
      assert.equal(child.status, 3, child.stderr)
      const bytes = await readFile(file)
      const lines = parse((name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'))
      assert.equal(lines.filter((l) => l.type === 'Window').length, 3)
      assert.equal(lines.some((l) => l.type === 'End'), false, 'a process that exits before the test ends leaves no End line')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
}
