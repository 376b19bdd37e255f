import { test } from 'node:test'
import assert from 'node:assert/strict'
import { hashString, mulberry32, normalSource, streamFor } from './prng.js'

const draws = (random: () => number, n: number): number[] => Array.from({ length: n }, random)

test('the same seed gives the same sequence, another seed another one', () => {
  assert.deepEqual(draws(mulberry32(7), 100), draws(mulberry32(7), 100))
  assert.notDeepEqual(draws(mulberry32(7), 100), draws(mulberry32(8), 100))
})

test('uniform draws stay in [0, 1) and average about one half', () => {
  const values = draws(mulberry32(1), 50_000)
  assert.ok(values.every((v) => v >= 0 && v < 1))
  const mean = values.reduce((a, b) => a + b, 0) / values.length
  assert.ok(Math.abs(mean - 0.5) < 0.01, `mean ${mean}`)
})

test('streams are independent per label and reproducible per (seed, label)', () => {
  assert.deepEqual(draws(streamFor(1, 'price:AAPL'), 10), draws(streamFor(1, 'price:AAPL'), 10))
  assert.notDeepEqual(draws(streamFor(1, 'price:AAPL'), 10), draws(streamFor(1, 'price:MSFT'), 10))
  assert.notEqual(hashString('AAPL', 1), hashString('AAPL', 2))
})

test('Box-Muller normals have mean about 0 and standard deviation about 1', () => {
  const normal = normalSource(mulberry32(3))
  const values = Array.from({ length: 50_000 }, normal)
  const mean = values.reduce((a, b) => a + b, 0) / values.length
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length)
  assert.ok(values.every(Number.isFinite))
  assert.ok(Math.abs(mean) < 0.03, `mean ${mean}`)
  assert.ok(Math.abs(sd - 1) < 0.03, `sd ${sd}`)
})
