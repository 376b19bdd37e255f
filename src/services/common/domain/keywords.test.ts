import { test } from 'node:test'
import assert from 'node:assert/strict'
import { KEYWORD_MAX_CHARS, keywordProblem, normaliseKeyword, parseKeywordList, preview } from './index.js'

const errors = {
  invalid: (raw: string, problem: string) => new Error(`invalid ${raw}: ${problem}`),
  tooMany: (count: number, max: number) => new Error(`too many ${count}/${max}`)
}

test('a keyword is normalised before it is checked: trimmed, whitespace runs one space', () => {
  assert.equal(normaliseKeyword('  interest \t\n rates  '), 'interest rates')
  assert.equal(keywordProblem(normaliseKeyword(` ${'k'.repeat(KEYWORD_MAX_CHARS)} `)), undefined)
})

test('length counts characters, not UTF-16 units', () => {
  assert.equal(keywordProblem('𝐀'.repeat(KEYWORD_MAX_CHARS)), undefined)
  assert.match(keywordProblem('𝐀'.repeat(KEYWORD_MAX_CHARS + 1)) ?? '', /longer than 64/)
})

test('refused: blank, no letter or digit, a double quote (it would close the engine\'s phrase quotes)', () => {
  assert.equal(keywordProblem(''), 'is blank')
  assert.equal(keywordProblem('!!!'), 'has no letter or digit')
  assert.match(keywordProblem('say "hi"') ?? '', /holds "/)
})

test('a list: first spelling kept, duplicates by case and spacing dropped, then counted', () => {
  assert.deepEqual(parseKeywordList(['Stock', ' stock ', 'a  b', 'A b'], 2, errors), ['Stock', 'a b'])
  assert.throws(() => parseKeywordList(['a', 'b', 'c'], 2, errors), /too many 3\/2/)
  assert.throws(() => parseKeywordList(['a', ' '], 2, errors), /invalid  : is blank/)
})

test('preview never cuts a character in half', () => {
  const quoted = preview(`a${'😀'.repeat(50)}`)
  assert.equal(Array.from(quoted).length, 40)
  assert.doesNotMatch(quoted, /[\uD800-\uDFFF]/u, 'no unpaired surrogate')
  assert.equal(preview('\ud83d'), '\ufffd')
})
