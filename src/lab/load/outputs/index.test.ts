import assert from 'node:assert/strict'
import { test } from 'node:test'
import { MetricRegistry } from '../metrics/index.js'
import { createOutputs, OutputSet, parseOutputSpec, type Output } from './index.js'

test('--out specs parse into type, target and query parameters', () => {
  assert.deepEqual(parseOutputSpec('json=results.ndjson'), { type: 'json', target: 'results.ndjson', params: {} })
  assert.deepEqual(parseOutputSpec('json=out/r.ndjson?aggregate=1s'), { type: 'json', target: 'out/r.ndjson', params: { aggregate: '1s' } })
  assert.deepEqual(parseOutputSpec('json'), { type: 'json', target: '', params: {} })
  assert.throws(() => parseOutputSpec('=x'), { code: 'MIB_ERR_LOAD_OUTPUT_INVALID' })
})

test('an unknown output type is rejected before the test starts, listing the known ones', () => {
  assert.throws(() => createOutputs({ out: ['influxdb=http://x'] }), { code: 'MIB_ERR_LOAD_OUTPUT_UNKNOWN', message: 'unknown output "influxdb=http://x" (known: json, aggregate)' })
})

test('stop reaches every output even when one fails, then reports the failure', async () => {
  const stopped: string[] = []
  const failing: Output = { name: 'a', stop: async () => { stopped.push('a'); throw new Error('disk full') } }
  const fine: Output = { name: 'b', stop: async () => { stopped.push('b') } }
  const set = new OutputSet([failing, fine])
  const result = { summary: MetricRegistry.withBuiltins().summary({ testRunDurationMs: 0 }), thresholds: [] }
  await assert.rejects(set.stop(result), /disk full/)
  assert.deepEqual(stopped.sort(), ['a', 'b'])
  await set.stop(result)
  assert.equal(stopped.length, 2, 'stop is idempotent')
})

test('samples and windows go only to the outputs that implement them', () => {
  const seen: string[] = []
  const set = new OutputSet([
    { name: 'samples', addSamples: (s) => { seen.push(`samples:${s.length}`) } },
    { name: 'windows', addWindow: (_window, status) => { seen.push(`window:${status.vus}`) } },
    { name: 'neither' }
  ])
  set.addSamples([{ metric: 'm', time: 0, value: 1, tags: {} }])
  set.addWindow(MetricRegistry.withBuiltins().drainWindow(), { vus: 7, thresholds: [] })
  assert.deepEqual(seen, ['samples:1', 'window:7'], 'each window reaches the outputs with the run\'s state')
})
