import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { ENDPOINTS } from './catalogue.js'

const root = new URL('../../../../', import.meta.url)

async function codesIn (path: string): Promise<string[]> {
  const source = await readFile(new URL(path, root), 'utf8')
  return [...source.matchAll(/'(MIB_ERR_[A-Z_]+)'/g)].map((m) => m[1] ?? '')
}

test('docs/profiling.md documents every profiling error code and every endpoint', async () => {
  const docs = await readFile(new URL('docs/profiling.md', root), 'utf8')
  const codes = [...await codesIn('src/services/common/profiling/errors.ts'), ...await codesIn('src/lab/profiling/errors.ts')]
  assert.ok(codes.length >= 12, `found only ${codes.length} codes`)
  const missing = codes.filter((code) => !docs.includes(`\`${code}\``))
  assert.deepEqual(missing, [], 'codes missing from docs/profiling.md')
  const undocumented = ENDPOINTS.filter((e) => !docs.includes(`\`/debug/pprof/${e.name}\``)).map((e) => e.name)
  assert.deepEqual(undocumented, [], 'endpoints missing from docs/profiling.md')
})
