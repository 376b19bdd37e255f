import { test } from 'node:test'
import assert from 'node:assert/strict'
import { RingBuffer } from './ring-buffer.js'

test('a ring keeps the newest items up to its capacity and returns each evicted item', () => {
  const ring = new RingBuffer<number>(3)
  assert.equal(ring.push(1), undefined)
  assert.equal(ring.push(2), undefined)
  assert.equal(ring.push(3), undefined)
  assert.equal(ring.push(4), 1)
  assert.equal(ring.push(5), 2)
  assert.equal(ring.size, 3)
  assert.deepEqual(ring.readNewest(10), [5, 4, 3])
  assert.deepEqual(ring.readNewest(2), [5, 4])
  assert.equal(ring.newest(), 5)
  assert.equal(ring.oldest(), 3)
  assert.equal(ring.newest(3), undefined)
})

test('an empty ring reads as empty and a cleared ring starts over', () => {
  const ring = new RingBuffer<string>(2)
  assert.deepEqual(ring.readNewest(5), [])
  assert.equal(ring.oldest(), undefined)
  ring.push('a'); ring.push('b'); ring.push('c')
  ring.clear()
  assert.equal(ring.size, 0)
  ring.push('d')
  assert.deepEqual(ring.readNewest(5), ['d'])
})

test('a ring refuses a capacity that is not a positive integer', () => {
  assert.throws(() => new RingBuffer(0), RangeError)
  assert.throws(() => new RingBuffer(1.5), RangeError)
})

test('shift removes the oldest items first, also across the wrap-around', () => {
  const ring = new RingBuffer<number>(3)
  for (const n of [1, 2, 3, 4]) ring.push(n)
  assert.equal(ring.shift(), 2)
  ring.push(5)
  assert.deepEqual([ring.shift(), ring.shift(), ring.shift(), ring.shift()], [3, 4, 5, undefined])
  assert.equal(ring.size, 0)
  ring.push(6)
  assert.deepEqual(ring.readNewest(3), [6])
})
