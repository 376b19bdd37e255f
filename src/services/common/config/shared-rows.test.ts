import { test } from 'node:test'
import assert from 'node:assert/strict'
import { z } from 'zod'
import { environmentSchema } from '../domain/environment.js'
import { defineOptionTable, parseOptionInput, readOptionInput } from './index.js'
import { environmentRow } from './shared-rows.js'

const TABLE = defineOptionTable({
  what: 'demo options',
  schema: z.strictObject({ env: environmentSchema.default('development') }),
  rows: [environmentRow]
})

const envOf = (flags: Record<string, string>, env: NodeJS.ProcessEnv): string => parseOptionInput(TABLE, readOptionInput(TABLE, flags, env)).env

test('the environment rule: MIB_ENV wins and must be valid; NODE_ENV counts only when it names an environment', () => {
  assert.equal(envOf({}, { NODE_ENV: 'production' }), 'production')
  assert.equal(envOf({}, { NODE_ENV: 'staging' }), 'development')
  assert.equal(envOf({}, { NODE_ENV: 'production', MIB_ENV: 'test' }), 'test')
  assert.equal(envOf({}, { NODE_ENV: 'production', MIB_ENV: '' }), 'production')
  assert.equal(envOf({ env: 'production' }, { MIB_ENV: 'test' }), 'production')
  assert.throws(() => envOf({}, { MIB_ENV: 'staging' }), /^ {2}- --env \(MIB_ENV, NODE_ENV\): /m)
})
