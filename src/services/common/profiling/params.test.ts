import { test } from 'node:test'
import assert from 'node:assert/strict'
import Fastify from 'fastify'
import { createLogger } from '../logger.js'
import { acquireExclusive, isExclusiveBusy } from './exclusive.js'
import { InvalidParamError, InvalidSecondsError, ProfilingBusyError } from './errors.js'
import { mountProfiling } from './index.js'
import { parseIntParam, parseList, parseSecondsMs } from './params.js'
import { waitWindow } from './wait-window.js'

test('seconds: default, fractions and the (0, 300] bound', () => {
  assert.equal(parseSecondsMs({}, 30), 30_000)
  assert.equal(parseSecondsMs({ seconds: '0.25' }, 30), 250)
  assert.equal(parseSecondsMs({ seconds: '300' }, 30), 300_000)
  assert.equal(parseSecondsMs({ seconds: ['1', '2'] }, 30), 2000, 'the last of repeated parameters, as Go does')
  for (const bad of ['0', '-1', '300.5', 'abc', 'Infinity', '1e3']) assert.throws(() => parseSecondsMs({ seconds: bad }, 30), InvalidSecondsError, bad)
})

test('integer and list parameters reject what they do not know', () => {
  assert.equal(parseIntParam({ hz: '250' }, 'hz', 100, 1, 1000), 250)
  assert.throws(() => parseIntParam({ hz: '1001' }, 'hz', 100, 1, 1000), InvalidParamError)
  assert.deepEqual(parseList({ c: 'v8, node' }, 'c', ['node', 'v8']), ['v8', 'node'])
  assert.throws(() => parseList({ c: 'v8,bogus' }, 'c', ['node', 'v8']), InvalidParamError)
  assert.throws(() => parseList({ c: ',' }, 'c', ['node', 'v8']), InvalidParamError)
})

test('an exclusive slot is taken once, freed once (a double release frees nothing else)', () => {
  const release = acquireExclusive('heap snapshot')
  assert.equal(isExclusiveBusy('heap snapshot'), true)
  assert.throws(() => acquireExclusive('heap snapshot'), (err: unknown) => err instanceof ProfilingBusyError && err.statusCode === 409)
  const other = acquireExclusive('trace')
  release()
  const again = acquireExclusive('heap snapshot')
  release()
  assert.equal(isExclusiveBusy('heap snapshot'), true, 'a stale release must not free the new holder')
  again()
  other()
  assert.equal(isExclusiveBusy('heap snapshot') || isExclusiveBusy('trace'), false)
})

test('a window ends early when aborted and says so', async () => {
  const controller = new AbortController()
  const waiting = waitWindow(60_000, controller.signal)
  controller.abort()
  assert.equal(await waiting, false)
  assert.equal(await waitWindow(1, new AbortController().signal), true)
})

test('HEAD does not start a profile (no automatic HEAD routes)', async (t) => {
  const app = Fastify()
  const handle = await mountProfiling(app, { mode: 'main', adminPort: 0 }, { service: 'x', logger: createLogger({ name: 'x', env: 'test' }) })
  t.after(async () => { await handle.close(); await app.close() })
  const head = await app.inject({ method: 'HEAD', url: '/debug/pprof/profile?seconds=30' })
  assert.equal(head.statusCode, 404)
  assert.equal(isExclusiveBusy('CPU profile'), false)
  assert.equal((await app.inject({ method: 'GET', url: '/debug/pprof/?format=json' })).statusCode, 200)
})
