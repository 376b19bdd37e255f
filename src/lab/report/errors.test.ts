import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import * as errors from './errors.js'
import * as resultsErrors from '../results-dir/errors.js'

test('every error code of the report component and of the results directory is documented in docs/report.md', async () => {
  const doc = await readFile(resolve(import.meta.dirname, '../../../docs/report.md'), 'utf8')
  const codes = [...Object.values(errors), ...Object.values(resultsErrors)].map((e) => e.code)
  assert.ok(codes.length >= 9)
  for (const code of codes) assert.ok(doc.includes(`\`${code}\``), `${code} is missing from docs/report.md`)
})

