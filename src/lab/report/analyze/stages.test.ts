import { test } from 'node:test'
import assert from 'node:assert/strict'
import { durationSeconds, meanRpsIn, peakWindow, stageMarks } from './stages.js'
import { RateStats, SecondLatency } from '../read/stats.js'
import type { SecondStats } from '../read/ndjson-reader.js'

test('k6 durations are read in seconds; an unreadable one is NaN', () => {
  assert.equal(durationSeconds('1m30s'), 90)
  assert.equal(durationSeconds('2h'), 7200)
  assert.equal(durationSeconds('500ms'), 0.5)
  assert.equal(durationSeconds(12), 12)
  assert.equal(durationSeconds('12'), 12)
  assert.ok(Number.isNaN(durationSeconds('soon')))
})

test('stages are laid end to end from the start, each duration times the time scale', () => {
  const marks = stageMarks([{ duration: '30s', target: 100 }, { durationMs: 60000, target: 500 }, { duration: '1m', target: 500, name: 'hold' }], 0.5, 1000)
  assert.deepEqual(marks.map((m) => [m.name, m.start, m.end, m.target]), [
    ['stage 1 → 100', 1000, 1015, 100],
    ['stage 2 → 500', 1015, 1045, 500],
    ['hold', 1045, 1075, 500]
  ])
})

function second (time: number, requests: number, vus: number | null): SecondStats {
  return { time, requests, failed: new RateStats(), latency: new SecondLatency(), vus, failures: new Map(), cleanRefusals: 0 }
}

test('the peak is the hold at the highest target, not the ramp to it, nor a later return to it', () => {
  const marks = stageMarks([
    { duration: 10, target: 1000 }, { duration: 20, target: 1000 }, { duration: 10, target: 500 }, { duration: 10, target: 1000 }, { duration: 10, target: 1000 }
  ], 1, 0)
  const peak = peakWindow(marks, [])
  assert.deepEqual([peak?.start, peak?.end, peak?.source], [10, 30, 'stages'])
})

test('mean throughput over the peak counts only its whole seconds, empty seconds as zero', () => {
  const seconds = [second(10, 100, 5), second(11, 50, 5), second(13, 30, 5)]
  assert.equal(meanRpsIn({ start: 10.5, end: 14, source: 'stages', label: '' }, seconds), (50 + 0 + 30) / 3)
  assert.equal(meanRpsIn({ start: 10.2, end: 10.8, source: 'stages', label: '' }, seconds), null)
})
