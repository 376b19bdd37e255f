import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { MetricRegistry, type Sample } from '../../metrics/index.js'
import { parseThresholds } from '../../thresholds/index.js'
import { createOutputs } from '../index.js'
import { createJsonOutput, JsonAggregateOutput, JsonOutput } from './index.js'
import { gunzipSync } from 'node:zlib'
import { NdjsonWriter } from './ndjson-writer.js'
import { GzipLineWriter } from './gzip-writer.js'

// k6's JSON output schema, strictly: unknown fields fail the check.
const RFC3339_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(Z|[+-]\d{2}:\d{2})$/
const MetricLine = z.strictObject({
  type: z.literal('Metric'),
  data: z.strictObject({
    name: z.string(),
    type: z.enum(['counter', 'gauge', 'rate', 'trend']),
    contains: z.enum(['default', 'time', 'data']),
    thresholds: z.array(z.string()),
    submetrics: z.array(z.strictObject({ name: z.string(), suffix: z.string(), tags: z.record(z.string(), z.string()) })).nullable()
  }),
  metric: z.string()
})
const PointLine = z.strictObject({
  type: z.literal('Point'),
  data: z.strictObject({
    time: z.string().regex(RFC3339_MS),
    value: z.number(),
    tags: z.record(z.string(), z.string()),
    aggregate: z.record(z.string(), z.number()).optional()
  }),
  metric: z.string()
})
const Line = z.union([MetricLine, PointLine])

/** Parses NDJSON and checks every line against k6's schema and the Metric-before-Point rule. */
function checkK6Json (text: string): Array<z.infer<typeof Line>> {
  assert.ok(text.endsWith('\n'), 'the file ends with a complete line')
  const lines = text.trimEnd().split('\n').map((raw, i) => {
    const parsed = Line.safeParse(JSON.parse(raw))
    assert.ok(parsed.success, `line ${i + 1} does not match k6's schema: ${raw}\n${parsed.error?.message ?? ''}`)
    return parsed.data
  })
  const declared = new Set<string>()
  for (const line of lines) {
    if (line.type === 'Metric') {
      assert.equal(line.metric, line.data.name)
      assert.ok(!declared.has(line.metric), `${line.metric} is declared once`)
      declared.add(line.metric)
    } else {
      assert.ok(declared.has(line.metric), `a Metric line precedes the first Point of ${line.metric}`)
    }
  }
  return lines
}

async function tempDir (): Promise<string> {
  return await mkdtemp(join(tmpdir(), 'mib-json-'))
}

test('json output streams k6 Metric and Point lines that match k6 schema', async () => {
  const dir = await tempDir()
  try {
    const registry = MetricRegistry.withBuiltins()
    const thresholds = parseThresholds({ http_req_duration: ['p(95)<500'], 'http_req_duration{name:fetch}': ['avg<100'] }, registry)
    const output = new JsonOutput(join(dir, 'out.ndjson'))
    await output.start({ registry, thresholds: thresholds.expressionsByMetric(), startedAtMs: 0 })
    const tags = { name: 'fetch', method: 'GET', status: '200', url: 'http://127.0.0.1/q?x="1"' }
    const samples: Sample[] = [
      { metric: 'http_reqs', time: Date.UTC(2024, 0, 2, 3, 4, 5, 678), value: 1, tags },
      { metric: 'http_req_duration', time: Date.UTC(2024, 0, 2, 3, 4, 5, 678), value: 12.345, tags },
      { metric: 'http_reqs', time: Date.UTC(2024, 0, 2, 3, 4, 5, 679), value: 1, tags: {} }
    ]
    output.addSamples(samples)
    await output.stop({ summary: registry.summary({ testRunDurationMs: 1 }), thresholds: [] })
    const lines = checkK6Json(await readFile(join(dir, 'out.ndjson'), 'utf8'))
    assert.deepEqual(lines.map((l) => `${l.type}:${l.metric}`), ['Metric:http_reqs', 'Point:http_reqs', 'Metric:http_req_duration', 'Point:http_req_duration', 'Point:http_reqs'])
    assert.deepEqual(lines[0], { type: 'Metric', data: { name: 'http_reqs', type: 'counter', contains: 'default', thresholds: [], submetrics: null }, metric: 'http_reqs' })
    assert.deepEqual(lines[1], { type: 'Point', data: { time: '2024-01-02T03:04:05.678Z', value: 1, tags }, metric: 'http_reqs' })
    assert.deepEqual(lines[2]?.data, {
      name: 'http_req_duration',
      type: 'trend',
      contains: 'time',
      thresholds: ['p(95)<500'],
      submetrics: [{ name: 'http_req_duration{name:fetch}', suffix: 'name:fetch', tags: { name: 'fetch' } }]
    })
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

test('aggregated json output writes one point per metric and tag set per window', async () => {
  const dir = await tempDir()
  try {
    const registry = MetricRegistry.withBuiltins()
    registry.trackSubmetric('http_req_duration{status:200}')
    const output = createJsonOutput('json=x?aggregate=1s', join(dir, 'agg.ndjson'), { aggregate: '1s' })
    assert.ok(output instanceof JsonAggregateOutput)
    assert.equal(output.windowIntervalMs, 1000)
    await output.start({ registry, thresholds: {}, startedAtMs: 0 })
    registry.drainWindow(1000)
    for (let i = 1; i <= 100; i++) {
      registry.add('http_req_duration', i, { name: i % 2 === 0 ? 'a' : 'b', status: '200' })
      registry.add('http_reqs', 1, { name: i % 2 === 0 ? 'a' : 'b' })
    }
    output.addWindow(registry.drainWindow(2000))
    await output.stop({ summary: registry.summary({ testRunDurationMs: 1 }), thresholds: [] })
    const points = checkK6Json(await readFile(join(dir, 'agg.ndjson'), 'utf8')).filter((l) => l.type === 'Point')
    const keyed = points.map((p) => p.type === 'Point' ? `${p.metric}${JSON.stringify(p.data.tags)}=${p.data.value}` : '')
    assert.deepEqual(keyed.sort(), [
      'http_req_duration{"name":"a"}=51',
      'http_req_duration{"name":"b"}=50',
      'http_req_duration{"status":"200"}=50.5',
      'http_req_duration{}=50.5',
      'http_reqs{"name":"a"}=50',
      'http_reqs{"name":"b"}=50',
      'http_reqs{}=100'
    ])
    const whole = points.find((p) => p.metric === 'http_req_duration' && Object.keys(p.data.tags).length === 0)
    assert.equal(whole?.type === 'Point' ? whole.data.aggregate?.count : undefined, 100)
    assert.equal(whole?.type === 'Point' ? whole.data.aggregate?.windowMs : undefined, 1000)
    assert.equal(whole?.type === 'Point' ? whole.data.time : undefined, new Date(2000).toISOString())
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

test('json output parameters are validated before the test starts', () => {
  assert.ok(createJsonOutput('json=f', 'f', {}) instanceof JsonOutput)
  assert.throws(() => createJsonOutput('json=', '', {}), { code: 'MIB_ERR_LOAD_OUTPUT_INVALID', message: /needs a file/ })
  assert.throws(() => createJsonOutput('json=f?agg=1s', 'f', { agg: '1s' }), { code: 'MIB_ERR_LOAD_OUTPUT_INVALID', message: /unknown parameter\(s\) agg/ })
  assert.throws(() => createJsonOutput('json=f?aggregate=5s', 'f', { aggregate: '5s' }), { code: 'MIB_ERR_LOAD_OUTPUT_INVALID', message: /aggregate=5s is not supported/ })
})

test('a file that cannot be opened fails start with MIB_ERR_LOAD_OUTPUT_WRITE', async () => {
  const dir = await tempDir()
  try {
    const output = new JsonOutput(join(dir, 'missing-dir-is-a-file', 'x.ndjson'))
    await (await import('node:fs/promises')).writeFile(join(dir, 'missing-dir-is-a-file'), 'not a directory')
    await assert.rejects(output.start({ registry: MetricRegistry.withBuiltins(), thresholds: {}, startedAtMs: 0 }), { code: 'MIB_ERR_LOAD_OUTPUT_WRITE' })
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

test('when the disk falls behind, lines beyond the buffer bound are dropped and counted, never buffered', async () => {
  const dir = await tempDir()
  try {
    const writer = new NdjsonWriter({ path: join(dir, 'slow.ndjson'), minLength: 1024, maxLength: 4096 })
    await writer.ready()
    const line = `${'x'.repeat(99)}\n`
    // Synchronous burst: no write can complete in between, so the buffer fills.
    for (let i = 0; i < 1000; i++) writer.write(line)
    assert.ok(writer.droppedLines > 0, 'some lines were dropped')
    await writer.close()
    const written = (await readFile(join(dir, 'slow.ndjson'), 'utf8')).split('\n').length - 1
    assert.equal(written + writer.droppedLines, 1000, 'every line is either written or counted')
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

test('json=FILE.gz writes k6 lines gzip-compressed, as k6 does', async () => {
  const dir = await tempDir()
  try {
    const registry = MetricRegistry.withBuiltins()
    const output = new JsonOutput(join(dir, 'out.ndjson.gz'))
    await output.start({ registry, thresholds: {}, startedAtMs: 0 })
    const tags = { name: 'fetch', status: '200' }
    // Several batches: more than one gzip member in the file.
    for (let batch = 0; batch < 3; batch++) {
      output.addSamples(Array.from({ length: 2000 }, (_, i) => ({ metric: 'http_req_duration', time: 1_700_000_000_000 + batch * 2000 + i, value: i / 10, tags })))
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    await output.stop({ summary: registry.summary({ testRunDurationMs: 1 }), thresholds: [] })
    const bytes = await readFile(join(dir, 'out.ndjson.gz'))
    assert.deepEqual([...bytes.subarray(0, 2)], [0x1f, 0x8b], 'a gzip file')
    const points = checkK6Json(gunzipSync(bytes).toString('utf8')).filter((l) => l.type === 'Point')
    assert.equal(points.length, 6000)
    assert.deepEqual(points.slice(0, 3).map((p) => p.data.value), [0, 0.1, 0.2], 'in order')
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

test('the gzip writer drops and counts lines beyond its bound, and keeps every other line', async () => {
  const dir = await tempDir()
  try {
    const writer = new GzipLineWriter({ path: join(dir, 'slow.ndjson.gz'), minLength: 1024, maxLength: 4096 })
    await writer.ready()
    const line = `${'x'.repeat(99)}\n`
    for (let i = 0; i < 1000; i++) writer.write(line)
    assert.ok(writer.droppedLines > 0, 'some lines were dropped')
    await writer.close()
    const written = gunzipSync(await readFile(join(dir, 'slow.ndjson.gz'))).toString('utf8').split('\n').length - 1
    assert.equal(written + writer.droppedLines, 1000, 'every line is either written or counted')
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

const fixture = fileURLToPath(new URL('./fixtures/exit-before-stop.ts', import.meta.url))

for (const how of ['exit', 'throw'] as const) {
  test(`buffered points reach the file when the process ends by ${how === 'exit' ? 'process.exit' : 'an uncaught exception'} before stop()`, async () => {
    const dir = await tempDir()
    try {
      const file = join(dir, 'crash.ndjson')
      const child = spawnSync(process.execPath, ['--import', 'tsx', fixture, file, how], { encoding: 'utf8', timeout: 60_000 })
      assert.notEqual(child.status, 0, child.stderr)
      const points = checkK6Json(await readFile(file, 'utf8')).filter((l) => l.type === 'Point')
      assert.equal(points.length, 500)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
}

test('buffered points reach a .gz file when the process ends by process.exit before stop()', async () => {
  const dir = await tempDir()
  try {
    const file = join(dir, 'crash.ndjson.gz')
    const child = spawnSync(process.execPath, ['--import', 'tsx', fixture, file, 'exit'], { encoding: 'utf8', timeout: 60_000 })
    assert.notEqual(child.status, 0, child.stderr)
    const points = checkK6Json(gunzipSync(await readFile(file)).toString('utf8')).filter((l) => l.type === 'Point')
    assert.equal(points.length, 500)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

test('the output set asks for samples only when an output streams them', () => {
  assert.equal(createOutputs({ summary: true, summaryExport: 'x.json' }).wantsSamples, false)
  assert.equal(createOutputs({ out: ['json=x.ndjson'] }).wantsSamples, true)
  assert.equal(createOutputs({ out: ['json=x.ndjson?aggregate=1s'] }).wantsSamples, false)
  assert.equal(createOutputs({ out: ['json=x.ndjson?aggregate=1s'] }).wantsWindows, true)
})
