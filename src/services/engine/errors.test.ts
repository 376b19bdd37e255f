import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as errors from './errors.js'
import { grpcStatusForHttp } from './grpc/status.js'
import { status } from '@grpc/grpc-js'

const DOC = readFileSync(fileURLToPath(new URL('../../../docs/engine.md', import.meta.url)), 'utf8')
const declared = Object.values(errors).filter((v): v is typeof v & { code: string, statusCode: number } => typeof v === 'function' && 'code' in v)

test('every engine error code is documented in docs/engine.md with its HTTP status', () => {
  assert.ok(declared.length >= 20)
  for (const error of declared) {
    assert.match(DOC, new RegExp(`\\| \`${error.code}\` \\| ${error.statusCode} \\|`), `${error.code} (${error.statusCode}) missing from docs/engine.md`)
  }
})

test('engine error codes are unique and follow MIB_ERR_ENGINE_<WHAT>', () => {
  const codes = declared.map((e) => e.code)
  assert.equal(new Set(codes).size, codes.length)
  for (const code of codes) assert.match(code, /^MIB_ERR_ENGINE_[A-Z_]+$/)
})

test('HTTP statuses map onto the gRPC statuses the gateway expects', () => {
  assert.equal(grpcStatusForHttp(400), status.INVALID_ARGUMENT)
  assert.equal(grpcStatusForHttp(404), status.NOT_FOUND)
  assert.equal(grpcStatusForHttp(409), status.FAILED_PRECONDITION)
  assert.equal(grpcStatusForHttp(502), status.UNAVAILABLE)
  assert.equal(grpcStatusForHttp(503), status.UNAVAILABLE)
  assert.equal(grpcStatusForHttp(504), status.DEADLINE_EXCEEDED)
  assert.equal(grpcStatusForHttp(500), status.INTERNAL)
  assert.equal(grpcStatusForHttp(418), status.INTERNAL)
})
