import { test } from 'node:test'
import assert from 'node:assert/strict'
import { MibError, defineError } from './errors.js'
import { ERROR_REGISTRY } from './error-registry.js'

test('defineError gives a class with a stable code, the registry\'s status and exit code, and a message', () => {
  const UnknownPreset = defineError('MIB_ERR_LOAD_UNKNOWN_PRESET', (name: string) => `unknown thing "${name}"`)
  const err = new UnknownPreset('x')
  assert.ok(err instanceof MibError)
  assert.equal(err.code, 'MIB_ERR_LOAD_UNKNOWN_PRESET')
  assert.equal(UnknownPreset.code, 'MIB_ERR_LOAD_UNKNOWN_PRESET')
  assert.equal(err.statusCode, ERROR_REGISTRY.MIB_ERR_LOAD_UNKNOWN_PRESET.status)
  assert.equal(err.exitCode, 104)
  assert.equal(UnknownPreset.exitCode, 104)
  assert.equal(err.message, 'unknown thing "x"')
  assert.deepEqual(err.toJSON(), { code: 'MIB_ERR_LOAD_UNKNOWN_PRESET', message: 'unknown thing "x"', statusCode: 400 })
})

test('a code without an HTTP status (never an HTTP answer) gets 500 and exit 1', () => {
  const Closed = defineError('MIB_ERR_LOAD_HTTP_SOCKET_CLOSED', () => 'closed')
  assert.deepEqual([new Closed().statusCode, new Closed().exitCode], [500, 1])
})
