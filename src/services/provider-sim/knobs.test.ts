import { test } from 'node:test'
import assert from 'node:assert/strict'
import { InvalidKnobsError } from './errors.js'
import { DEFAULT_KNOBS, knobsOptionsSchema, mergeKnobs } from './knobs.js'

test('a patch merges into the current knobs', () => {
  assert.deepEqual(mergeKnobs(DEFAULT_KNOBS, { errorRate: 0.5 }), { ...DEFAULT_KNOBS, errorRate: 0.5 })
  assert.deepEqual(mergeKnobs(DEFAULT_KNOBS, {}), DEFAULT_KNOBS)
})

test('a bad patch is rejected with every problem listed', () => {
  assert.throws(() => mergeKnobs(DEFAULT_KNOBS, { errorRate: 2, tickRateHz: -1, latencyMs: 3 }), (err: unknown) => {
    assert.ok(err instanceof InvalidKnobsError)
    assert.equal(err.code, 'MIB_ERR_PROVIDER_SIM_KNOBS_INVALID')
    assert.equal(err.statusCode, 400)
    assert.match(err.message, /errorRate/)
    assert.match(err.message, /tickRateHz/)
    assert.match(err.message, /latencyMs/)
    return true
  })
  assert.throws(() => mergeKnobs(DEFAULT_KNOBS, 'fast'), InvalidKnobsError)
  assert.throws(() => mergeKnobs(DEFAULT_KNOBS, { errorRate: '0.5' }), InvalidKnobsError)
})

test('a p99 below the median is rejected after the merge', () => {
  assert.throws(() => mergeKnobs(DEFAULT_KNOBS, { latencyMedianMs: 100 }), /latencyP99Ms \(0\) must be >= latencyMedianMs \(100\)/)
  assert.deepEqual(mergeKnobs(DEFAULT_KNOBS, { latencyMedianMs: 100, latencyP99Ms: 300 }), { ...DEFAULT_KNOBS, latencyMedianMs: 100, latencyP99Ms: 300 })
})

test('at start-up a p99 left out equals the median', () => {
  assert.deepEqual(knobsOptionsSchema.parse({ latencyMedianMs: 40 }), { ...DEFAULT_KNOBS, latencyMedianMs: 40, latencyP99Ms: 40 })
  assert.deepEqual(knobsOptionsSchema.parse({}), DEFAULT_KNOBS)
  assert.equal(knobsOptionsSchema.safeParse({ latencyMedianMs: 40, latencyP99Ms: 10 }).success, false)
})
