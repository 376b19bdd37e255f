import { test } from 'node:test'
import assert from 'node:assert/strict'
import { isEmptyQuery, matches, parseNewsQuery, toSearchable } from './news-query.js'

const text = toSearchable('Apple (AAPL) stock surges after strong quarterly earnings report. The Fed decision on interest rates looms.')
const hit = (q: string): boolean => matches(parseNewsQuery(q), text)

test('keywords separated by spaces or OR match when any of them appears', () => {
  assert.equal(hit('stock OR crypto'), true)
  assert.equal(hit('crypto stock'), true)
  assert.equal(hit('crypto OR bitcoin'), false)
})

test('matching is case-insensitive and on whole words', () => {
  assert.equal(hit('EARNINGS'), true)
  assert.equal(hit('earn'), false)
  assert.equal(hit('aapl'), true)
})

test('AND requires every keyword of its group', () => {
  assert.equal(hit('stock AND earnings'), true)
  assert.equal(hit('stock AND crypto'), false)
  assert.equal(hit('crypto OR stock AND earnings'), true)
})

test('quoted phrases match words in sequence', () => {
  assert.equal(hit('"interest rates"'), true)
  assert.equal(hit('"rates interest"'), false)
})

test('+word is required and -word or NOT word excludes', () => {
  assert.equal(hit('crypto +stock'), false, 'any-of group unmet')
  assert.equal(hit('+stock'), true)
  assert.equal(hit('stock -earnings'), false)
  assert.equal(hit('stock NOT earnings'), false)
  assert.equal(hit('stock NOT crypto'), true)
})

test('a query of operators and punctuation only is empty', () => {
  assert.equal(isEmptyQuery(parseNewsQuery('OR AND ( )')), true)
  assert.equal(isEmptyQuery(parseNewsQuery('(stock)')), false)
})
