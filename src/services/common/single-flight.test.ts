import { test } from 'node:test'
import assert from 'node:assert/strict'
import { SingleFlight } from './single-flight.js'

test('concurrent calls with the same key share one in-flight call; other keys run their own', async () => {
  const flights = new SingleFlight<number>()
  let calls = 0
  let release: (v: number) => void = () => {}
  const call = async (): Promise<number> => { calls++; return await new Promise<number>((resolve) => { release = resolve }) }
  const first = flights.run('k', call)
  const second = flights.run('k', call)
  const other = flights.run('other', async () => 7)
  assert.equal(first.joined, false)
  assert.equal(second.joined, true)
  assert.equal(other.joined, false)
  assert.equal(flights.size, 2)
  release(42)
  assert.deepEqual(await Promise.all([first.promise, second.promise, other.promise]), [42, 42, 7])
  assert.equal(calls, 1)
  assert.equal(flights.size, 0)
})

test('a settled call is not cached: the next one runs again, after a failure too', async () => {
  const flights = new SingleFlight<number>()
  let calls = 0
  await assert.rejects(flights.run('k', async () => { calls++; throw new Error('down') }).promise, /down/)
  assert.equal(flights.size, 0)
  assert.equal(await flights.run('k', async () => { calls++; return 1 }).promise, 1)
  assert.equal(calls, 2)
})
