import { test } from 'node:test'
import assert from 'node:assert/strict'
import { KeptAnswers } from './kept-answers.js'

function clock (): { now: () => number, advance: (ms: number) => void } {
  let t = 1_000
  return { now: () => t, advance: (ms) => { t += ms } }
}

test('an answer is kept exactly as long as its own max age, each entry with its own', () => {
  const c = clock()
  const kept = new KeptAnswers<string>(1024, c.now)
  kept.set('short', 's', 1, 100)
  kept.set('long', 'l', 1, 300)
  c.advance(99)
  assert.equal(kept.get('short'), 's')
  c.advance(1)
  assert.equal(kept.get('short'), undefined, 'gone at its max age')
  assert.equal(kept.get('long'), 'l')
  c.advance(200)
  assert.equal(kept.get('long'), undefined)
  assert.equal(kept.size, 0)
  assert.equal(kept.bytes, 0)
})

test('max age 0 (the engine\'s cache is off) keeps nothing; a new answer replaces the old one', () => {
  const c = clock()
  const kept = new KeptAnswers<string>(1024, c.now)
  kept.set('k', 'v', 1, 0)
  assert.equal(kept.get('k'), undefined)
  kept.set('k', 'v1', 10, 100)
  kept.set('k', 'v2', 20, 100)
  assert.equal(kept.get('k'), 'v2')
  assert.equal(kept.bytes, 20)
})

test('the byte budget evicts the oldest answers first and refuses answers larger than itself', () => {
  const c = clock()
  const kept = new KeptAnswers<string>(100, c.now)
  kept.set('a', 'a', 40, 1000)
  kept.set('b', 'b', 40, 1000)
  kept.set('c', 'c', 40, 1000)
  assert.equal(kept.get('a'), undefined)
  assert.equal(kept.get('b'), 'b')
  assert.equal(kept.bytes, 80)
  kept.set('huge', 'h', 101, 1000)
  assert.equal(kept.get('huge'), undefined)
  assert.equal(kept.bytes, 80)
})

test('with a stale window an answer outlives its freshness for getStale only, with its age, and is dropped after the window', () => {
  const c = clock()
  const kept = new KeptAnswers<string>(1024, c.now, 1_000)
  kept.set('k', 'v', 1, 100)
  c.advance(100)
  assert.equal(kept.get('k'), undefined, 'never served as fresh past its max age')
  assert.deepEqual(kept.getStale('k'), { value: 'v', ageMs: 100 })
  c.advance(999)
  assert.deepEqual(kept.getStale('k'), { value: 'v', ageMs: 1_099 })
  c.advance(1)
  assert.equal(kept.getStale('k'), undefined, 'gone at max age + stale window')
  assert.equal(kept.size, 0)
  assert.equal(new KeptAnswers<string>(1024, c.now).getStale('k'), undefined)
})
