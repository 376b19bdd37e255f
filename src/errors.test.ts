import { test } from 'node:test'
import assert from 'node:assert/strict'
import { MibError, defineError } from './errors.js'

test('defineError gives a class with a stable code, status and message', () => {
  const UnknownThing = defineError('MIB_ERR_TEST_UNKNOWN', 404, (name: string) => `unknown thing "${name}"`)
  const err = new UnknownThing('x')
  assert.ok(err instanceof MibError)
  assert.equal(err.code, 'MIB_ERR_TEST_UNKNOWN')
  assert.equal(UnknownThing.code, 'MIB_ERR_TEST_UNKNOWN')
  assert.equal(err.statusCode, 404)
  assert.equal(err.message, 'unknown thing "x"')
  assert.deepEqual(err.toJSON(), { code: 'MIB_ERR_TEST_UNKNOWN', message: 'unknown thing "x"', statusCode: 404 })
})
