import { test } from 'node:test'
import assert from 'node:assert/strict'
import { z } from 'zod'
import { InvalidOptionsError, parseOptions } from './options.js'

const schema = z.object({
  port: z.number().int().min(0).max(65535).default(8080),
  host: z.string().default('127.0.0.1')
}).strict()

test('parseOptions applies defaults', () => {
  assert.deepEqual(parseOptions(schema, {}), { port: 8080, host: '127.0.0.1' })
})

test('parseOptions reports every problem at once, with its path', () => {
  assert.throws(() => parseOptions(schema, { port: -1, host: 3, extra: true }, 'gateway options'), (err: unknown) => {
    assert.ok(err instanceof InvalidOptionsError)
    assert.equal(err.code, 'MIB_ERR_OPTIONS_INVALID')
    assert.equal(err.problems.length, 3)
    assert.match(err.message, /gateway options/)
    assert.ok(err.problems.some((p) => p.startsWith('port:')))
    assert.ok(err.problems.some((p) => p.startsWith('host:')))
    return true
  })
})
