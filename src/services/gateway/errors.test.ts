import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as errors from './errors.js'

const docs = readFileSync(fileURLToPath(new URL('../../../docs/gateway.md', import.meta.url)), 'utf8')

test('every gateway error code is documented in docs/gateway.md with its status', () => {
  const declared = Object.values(errors).filter((e): e is typeof e & { code: string, statusCode: number } => typeof e === 'function' && 'code' in e)
  assert.ok(declared.length >= 10, 'the scan sees the declared errors')
  for (const error of declared) {
    assert.match(error.code, /^MIB_ERR_GATEWAY_[A-Z_]+$/)
    const row = docs.split('\n').find((line) => line.startsWith(`| \`${error.code}\``))
    assert.ok(row !== undefined, `${error.code} has a row in the error table`)
    if (!error.code.includes('_WS_')) assert.match(row, new RegExp(`\\| ${error.statusCode} \\|`), `${error.code} documents status ${error.statusCode}`)
  }
})
