import { test } from 'node:test'
import assert from 'node:assert/strict'
import { EventEmitter } from 'node:events'
import { TickHub } from './tick-hub.js'
import type { TickSink } from './subscriber.js'
import type { Tick } from '../model.js'

/** A sink that accepts `room` writes before pushing back, like a Writable at its highWaterMark. */
class FakeSink extends EventEmitter implements TickSink {
  written: Tick[] = []
  ended = false
  room: number
  constructor (room = Infinity) { super(); this.room = room }
  write (tick: Tick): boolean { this.written.push(tick); return this.written.length < this.room }
  end (): void { this.ended = true }
  drain (room: number): void { this.room = this.written.length + room; this.emit('drain') }
}

function tick (symbol: string, price: number): Tick {
  return { symbol, price, volume: 1, timestamp: price, source: 'test', additional_data: {} }
}

test('subscribers receive only the symbols they asked for; an empty list means every symbol', () => {
  const hub = new TickHub(10, 10)
  const apple = new FakeSink()
  const all = new FakeSink()
  hub.subscribe(apple, ['AAPL'])
  hub.subscribe(all, [])
  for (const [s, p] of [['AAPL', 1], ['MSFT', 2], ['AAPL', 3]] as const) hub.publish(tick(s, p))
  assert.deepEqual(apple.written.map((t) => t.price), [1, 3])
  assert.deepEqual(all.written.map((t) => t.price), [1, 2, 3])
})

test('a subscriber pushing back queues up to its bound, drops the oldest beyond, and catches up on drain', () => {
  const hub = new TickHub(10, 3)
  const slow = new FakeSink(1)
  const fast = new FakeSink()
  hub.subscribe(slow, ['AAPL'])
  hub.subscribe(fast, ['AAPL'])
  for (let p = 1; p <= 10; p++) hub.publish(tick('AAPL', p))
  assert.deepEqual(slow.written.map((t) => t.price), [1]) // 2..10 queued: only 8, 9, 10 kept
  assert.equal(hub.dropped, 6)
  assert.equal(fast.written.length, 10)
  slow.drain(100)
  assert.deepEqual(slow.written.map((t) => t.price), [1, 8, 9, 10])
  hub.publish(tick('AAPL', 11))
  assert.deepEqual(slow.written.map((t) => t.price), [1, 8, 9, 10, 11])
})

test('unsubscribing stops delivery and frees the slot; the cap is enforced', () => {
  const hub = new TickHub(1, 10)
  const sink = new FakeSink()
  const sub = hub.subscribe(sink, ['AAPL', 'MSFT'])
  assert.throws(() => hub.subscribe(new FakeSink(), []), { code: 'MIB_ERR_ENGINE_TOO_MANY_SUBSCRIBERS' })
  hub.unsubscribe(sub)
  hub.unsubscribe(sub)
  assert.equal(hub.size, 0)
  hub.publish(tick('AAPL', 1))
  assert.equal(sink.written.length, 0)
  hub.subscribe(new FakeSink(), [])
  assert.equal(hub.size, 1)
})

test('closeAll ends every stream and leaves the hub empty', () => {
  const hub = new TickHub(10, 10)
  const a = new FakeSink(); const b = new FakeSink()
  hub.subscribe(a, ['AAPL']); hub.subscribe(b, [])
  hub.closeAll()
  assert.equal(hub.size, 0)
  assert.ok(a.ended && b.ended)
})
