import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import * as errors from './errors.js'

test('every monitor error code is documented in docs/monitor.md', async () => {
  const docs = await readFile(new URL('../../../docs/monitor.md', import.meta.url), 'utf8')
  const codes = Object.values(errors).map((declared) => declared.code)
  assert.ok(codes.length >= 10)
  for (const code of codes) assert.ok(docs.includes(`\`${code}\``), `${code} is missing from docs/monitor.md`)
})
