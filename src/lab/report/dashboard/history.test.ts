import { test } from 'node:test'
import assert from 'node:assert/strict'
import { EventHistory } from './history.js'
import { stageEvents } from './stage-events.js'

test('the history keeps the last N events in order, numbered from 1, and answers "since"', () => {
  const history = new EventHistory<number>(3)
  for (let i = 1; i <= 10; i++) history.push(i * 10)
  assert.deepEqual(history.events(), [80, 90, 100])
  assert.deepEqual(history.since(8).map((x) => [x.seq, x.event]), [[9, 90], [10, 100]])
  assert.deepEqual(history.since(99), [])
})

test('stage events mark each stage start, durations times the time scale', () => {
  const events = stageEvents([{ duration: '1m', target: 100 }, { duration: '30s', target: 100, name: 'hold' }], 0.5, 1_000_000)
  assert.deepEqual(events, [
    { type: 'stage', time: 1_000_000, name: 'stage 1 → 100', target: 100 },
    { type: 'stage', time: 1_030_000, name: 'hold', target: 100 }
  ])
})
