import { test } from 'node:test'
import assert from 'node:assert/strict'
import { isCleanRefusal } from './operations.js'

const envelope = { success: false, message: 'core engine unavailable', error: 'MIB_ERR_GATEWAY_ENGINE_UNAVAILABLE', metadata: {}, timestamp: '2026-12-05T00:00:00.000Z' }

test('a 503 is a clean refusal only with Retry-After and the JSON error envelope carrying a code', () => {
  assert.equal(isCleanRefusal(503, { 'Retry-After': '1' }, envelope), true)
  assert.equal(isCleanRefusal(503, {}, envelope), false, 'no Retry-After')
  assert.equal(isCleanRefusal(503, { 'Retry-After': '1' }, undefined), false, 'body not JSON')
  assert.equal(isCleanRefusal(503, { 'Retry-After': '1' }, { ...envelope, error: undefined }), false, 'no code')
  assert.equal(isCleanRefusal(503, { 'Retry-After': '1' }, { ...envelope, success: true }), false)
  assert.equal(isCleanRefusal(502, { 'Retry-After': '1' }, envelope), false, 'only 503 is a refusal')
})
