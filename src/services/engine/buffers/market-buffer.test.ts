import { test } from 'node:test'
import assert from 'node:assert/strict'
import { MarketBuffer } from './market-buffer.js'
import type { Tick } from '../model.js'

function tick (symbol: string, price: number): Tick {
  return { symbol, price, volume: 1, timestamp: 1_700_000_000_000 + price, source: 'test', additional_data: {} }
}

test('each symbol keeps at most its capacity, newest first, and evictions are reported', () => {
  const buffer = new MarketBuffer(3, 10)
  const outcomes = [1, 2, 3, 4, 5].map((p) => buffer.push(tick('AAPL', p)))
  assert.deepEqual(outcomes, ['stored', 'stored', 'stored', 'evicted', 'evicted'])
  assert.deepEqual(buffer.read('AAPL', 10).map((t) => t.price), [5, 4, 3])
  assert.deepEqual(buffer.read('AAPL', 2).map((t) => t.price), [5, 4])
  assert.equal(buffer.size, 3)
  assert.deepEqual(buffer.read('MSFT', 10), [])
})

test('reading every symbol merges them newest-ingested first up to the limit', () => {
  const buffer = new MarketBuffer(2, 10)
  buffer.push(tick('AAPL', 1))
  buffer.push(tick('MSFT', 2))
  buffer.push(tick('AAPL', 3))
  buffer.push(tick('TSLA', 4))
  buffer.push(tick('AAPL', 5)) // evicts AAPL 1
  assert.deepEqual(buffer.readAll(10).map((t) => `${t.symbol}:${t.price}`), ['AAPL:5', 'TSLA:4', 'AAPL:3', 'MSFT:2'])
  assert.deepEqual(buffer.readAll(2).map((t) => t.price), [5, 4])
  assert.equal(buffer.size, 4)
  assert.equal(buffer.latest('AAPL')?.price, 5)
})

test('ticks of symbols beyond maxSymbols are dropped, so memory stays bounded', () => {
  const buffer = new MarketBuffer(5, 2)
  assert.equal(buffer.push(tick('A', 1)), 'stored')
  assert.equal(buffer.push(tick('B', 1)), 'stored')
  assert.equal(buffer.push(tick('C', 1)), 'dropped')
  assert.equal(buffer.symbolCount, 2)
  assert.equal(buffer.size, 2)
  assert.deepEqual(buffer.read('C', 5), [])
})

test('a large buffer never holds more than symbols times capacity', () => {
  const buffer = new MarketBuffer(100, 20)
  for (let i = 0; i < 50_000; i++) buffer.push(tick(`S${i % 30}`, i))
  assert.equal(buffer.size, 2_000)
  const all = buffer.readAll(1_000)
  assert.equal(all.length, 1_000)
  for (let i = 1; i < all.length; i++) assert.ok((all[i - 1] as Tick).price > (all[i] as Tick).price)
})
