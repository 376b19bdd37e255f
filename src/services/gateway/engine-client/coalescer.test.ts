import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Coalescer } from './coalescer.js'
import { backoffDelayMs } from './market-stream.js'

test('concurrent calls with the same key share one in-flight call', async () => {
  const coalescer = new Coalescer<number>()
  let calls = 0
  let release: (v: number) => void = () => {}
  const call = async (): Promise<number> => { calls++; return await new Promise<number>((resolve) => { release = resolve }) }
  const first = coalescer.run('k', call)
  const second = coalescer.run('k', call)
  const other = coalescer.run('other', async () => 7)
  assert.equal(first.joined, false)
  assert.equal(second.joined, true)
  assert.equal(other.joined, false)
  release(42)
  assert.deepEqual(await Promise.all([first.result, second.result, other.result]), [42, 42, 7])
  assert.equal(calls, 1)
})

test('a settled call is not cached: the next one runs again, after failures too', async () => {
  const coalescer = new Coalescer<number>()
  let calls = 0
  await assert.rejects(coalescer.run('k', async () => { calls++; throw new Error('down') }).result, /down/)
  assert.equal(coalescer.size, 0)
  assert.equal(await coalescer.run('k', async () => { calls++; return 1 }).result, 1)
  assert.equal(calls, 2)
})

test('reconnect backoff doubles from the initial delay, stays within the cap, and is jittered', () => {
  const low = (): number => 0
  const high = (): number => 0.999999
  assert.equal(backoffDelayMs(0, 100, 2000, low), 50)
  assert.equal(backoffDelayMs(0, 100, 2000, high), 100)
  assert.equal(backoffDelayMs(3, 100, 2000, high), 800)
  assert.equal(backoffDelayMs(10, 100, 2000, high), 2000)
  assert.equal(backoffDelayMs(1000, 100, 2000, low), 1000, 'huge attempt counts do not overflow')
})
