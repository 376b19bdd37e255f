import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { test } from 'node:test'
import * as metrics from '../metrics/index.js'
import * as thresholds from '../thresholds/index.js'
import * as outputs from './index.js'

test('every error code of metrics, thresholds and outputs is documented in docs/load-metrics.md', async () => {
  const doc = await readFile(new URL('../../../../docs/load-metrics.md', import.meta.url), 'utf8')
  const codes = [metrics, thresholds, outputs]
    .flatMap((module) => Object.values(module))
    .map((value) => (typeof value === 'function' && 'code' in value ? (value as { code: unknown }).code : undefined))
    .filter((code): code is string => typeof code === 'string' && code.startsWith('MIB_ERR_'))
  assert.ok(codes.length >= 10, `found ${codes.length} codes`)
  for (const code of codes) assert.ok(doc.includes(`\`${code}\``), `${code} is missing from docs/load-metrics.md`)
})
