import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ReadCache } from './read-cache.js'

function clock (): { now: () => number, advance: (ms: number) => void } {
  let t = 1_000
  return { now: () => t, advance: (ms) => { t += ms } }
}

test('an entry is fresh until the TTL, stale for the stale window, then gone', () => {
  const c = clock()
  const cache = new ReadCache<string>(100, 50, 1024, c.now)
  cache.set('k', 'v', 1)
  c.advance(40)
  assert.deepEqual(cache.get('k'), { value: 'v', ageMs: 40, fresh: true })
  c.advance(60)
  assert.deepEqual(cache.get('k'), { value: 'v', ageMs: 100, fresh: false })
  c.advance(50)
  assert.equal(cache.get('k'), undefined)
  assert.equal(cache.size, 0)
  assert.equal(cache.bytes, 0)
})

test('the byte budget evicts the oldest entries first and refuses values larger than itself', () => {
  const c = clock()
  const cache = new ReadCache<string>(10_000, 0, 100, c.now)
  cache.set('a', 'a', 40)
  cache.set('b', 'b', 40)
  cache.set('c', 'c', 40)
  assert.equal(cache.get('a'), undefined, 'the oldest went to make room')
  assert.equal(cache.get('b')?.value, 'b')
  assert.equal(cache.get('c')?.value, 'c')
  assert.ok(cache.bytes <= 100)
  cache.set('huge', 'h', 101)
  assert.equal(cache.get('huge'), undefined)
  assert.equal(cache.get('c')?.value, 'c', 'a refused value evicts nothing')
})

test('replacing a key keeps the byte count exact; expired entries are swept on insert', () => {
  const c = clock()
  const cache = new ReadCache<string>(100, 0, 1000, c.now)
  cache.set('k', 'v1', 10)
  cache.set('k', 'v2', 30)
  assert.equal(cache.bytes, 30)
  c.advance(150)
  cache.set('other', 'o', 5)
  assert.equal(cache.size, 1)
  assert.equal(cache.bytes, 5)
})

test('a zero TTL disables the cache', () => {
  const cache = new ReadCache<string>(0, 0, 1000)
  cache.set('k', 'v', 1)
  assert.equal(cache.enabled, false)
  assert.equal(cache.get('k'), undefined)
})
