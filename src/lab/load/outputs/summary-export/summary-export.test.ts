import assert from 'node:assert/strict'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { MetricRegistry } from '../../metrics/index.js'
import { parseThresholds } from '../../thresholds/index.js'
import { SummaryExportOutput, toLegacySummaryExport } from './index.js'

function data (): ReturnType<MetricRegistry['summary']> {
  const registry = MetricRegistry.withBuiltins()
  const set = parseThresholds({ http_req_duration: ['p(95)<500', 'max<1'], checks: ['rate>0.5'] }, registry)
  for (let i = 1; i <= 10; i++) {
    registry.add('http_reqs', 1, { name: 'fetch' })
    registry.add('http_req_duration', i, { name: 'fetch' })
    registry.add('checks', i > 2 ? 1 : 0, { group: '', check: 'ok' })
  }
  registry.add('vus', 3, {})
  return registry.summary({ testRunDurationMs: 5000, thresholds: set.evaluate(registry, 5000) })
}

test('the legacy summary export has k6 keys per metric type and thresholds as "failed" booleans', () => {
  const legacy = toLegacySummaryExport(data())
  assert.deepEqual(Object.keys(legacy).sort(), ['metrics', 'operations', 'root_group'])
  assert.deepEqual(legacy.metrics.http_reqs, { count: 10, rate: 2 })
  assert.deepEqual(legacy.metrics.vus, { value: 3, min: 3, max: 3 })
  assert.deepEqual(legacy.metrics.checks, { passes: 8, fails: 2, value: 0.8, thresholds: { 'rate>0.5': false } })
  const duration = legacy.metrics.http_req_duration
  assert.deepEqual(Object.keys(duration ?? {}), ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'thresholds'])
  assert.deepEqual(duration?.thresholds, { 'p(95)<500': false, 'max<1': true })
  // k6 v0.48 keys the legacy root_group's checks and groups by name.
  assert.equal(legacy.root_group.checks.ok?.passes, 8)
  assert.deepEqual(legacy.root_group.groups, {})
})

test('the summary export output writes the JSON file atomically at stop, creating folders', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mib-export-'))
  try {
    const path = join(dir, 'nested', 'summary.json')
    await new SummaryExportOutput(path).stop({ summary: data(), thresholds: [] })
    const parsed = JSON.parse(await readFile(path, 'utf8')) as { metrics: Record<string, unknown> }
    assert.ok('http_req_duration' in parsed.metrics)
    assert.deepEqual(await readdir(join(dir, 'nested')), ['summary.json'], 'no temp file is left behind')
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

test('an unwritable summary export path fails with MIB_ERR_LOAD_OUTPUT_WRITE', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mib-export-'))
  try {
    await writeFile(join(dir, 'file'), 'a file, not a folder')
    await assert.rejects(new SummaryExportOutput(join(dir, 'file', 'summary.json')).stop({ summary: data(), thresholds: [] }), { code: 'MIB_ERR_LOAD_OUTPUT_WRITE' })
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})
