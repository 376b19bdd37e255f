import { test } from 'node:test'
import assert from 'node:assert/strict'
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
