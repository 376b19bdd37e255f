import { test } from 'node:test'
import assert from 'node:assert/strict'
import { SingleFlight } from './single-flight.js'
import { TtlCache } from './ttl-cache.js'

test('cached entries expire after the ttl, a cached null is a hit, and size stays bounded', () => {
  let now = 0
  const cache = new TtlCache<number | null>(250, 2, () => now)
  cache.set('A', 1)
  cache.set('B', null)
  assert.deepEqual(cache.get('B'), { value: null, expiresAt: 250 })
  cache.set('C', 3) // evicts A, the oldest
  assert.equal(cache.get('A'), undefined)
  assert.equal(cache.size, 2)
  now = 250
  assert.equal(cache.get('C'), undefined)
})

test('a ttl of 0 disables the cache', () => {
  const cache = new TtlCache<number>(0, 10)
  cache.set('A', 1)
  assert.equal(cache.get('A'), undefined)
  assert.equal(cache.enabled, false)
})

test('single-flight shares one in-flight call per key and forgets it when settled, also on failure', async () => {
  const flights = new SingleFlight<number>()
  let calls = 0
  let release: (n: number) => void = () => {}
  const first = flights.run('k', async () => { calls++; return await new Promise<number>((resolve) => { release = resolve }) })
  const second = flights.run('k', async () => { calls++; return 0 })
  assert.equal(first.joined, false)
  assert.equal(second.joined, true)
  release(7)
  assert.deepEqual(await Promise.all([first.promise, second.promise]), [7, 7])
  assert.equal(calls, 1)
  assert.equal(flights.size, 0)
  await assert.rejects(flights.run('k', async () => { throw new Error('boom') }).promise, /boom/)
  assert.equal(flights.size, 0)
})
