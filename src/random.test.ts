import { test } from 'node:test'
import assert from 'node:assert/strict'
import { filesContaining } from '../test/helpers/source-files.js'
import { mulberry32 } from './random.js'

test('the seeded generator is written once, in src/random.ts: fixtures and tests import it instead of copying it', () => {
  // mulberry32's increment: a copy of the generator carries it (spelled here so this file is no match).
  const increment = new RegExp(`0x${(0x6d2b0000 + 0x79f5).toString(16)}`, 'i')
  const copies = filesContaining(['src', 'test', 'bench', 'load-testing', 'scripts'], increment)
  assert.deepEqual(copies, ['src/random.ts'])
})

test('mulberry32 is a pure function of its seed, uniform on [0, 1)', () => {
  const [a, b] = [mulberry32(42), mulberry32(42)]
  const draws = Array.from({ length: 10000 }, () => a())
  assert.deepEqual(draws.slice(0, 5), Array.from({ length: 5 }, () => b()))
  assert.ok(draws.every((x) => x >= 0 && x < 1))
  const mean = draws.reduce((sum, x) => sum + x, 0) / draws.length
  assert.ok(Math.abs(mean - 0.5) < 0.02, `mean ${mean}`)
  assert.notEqual(mulberry32(43)(), mulberry32(42)())
})
