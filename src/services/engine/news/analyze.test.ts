import { test } from 'node:test'
import assert from 'node:assert/strict'
import { analyzeText } from './analyze.js'
import { scoreSentiment } from './sentiment.js'
import { SymbolExtractor } from './symbols.js'
import { tokenize, keywordWords } from './tokenize.js'
import { matchKeywords } from './relevance.js'

const extractor = new SymbolExtractor(['AAPL', 'MSFT'])

test('sentiment is positive for good finance news, negative for bad, 0 for neutral, always within -1..1', () => {
  const good = scoreSentiment(tokenize('Apple shares surge to a record after earnings beat estimates'))
  const bad = scoreSentiment(tokenize('Tesla stock plunges as recall and lawsuit weigh; analysts downgrade'))
  assert.ok(good > 0.5, `good=${good}`)
  assert.ok(bad < -0.5, `bad=${bad}`)
  assert.equal(scoreSentiment(tokenize('The company held its annual meeting on Tuesday')), 0)
  const extreme = scoreSentiment(tokenize('surge '.repeat(500)))
  assert.ok(extreme <= 1 && extreme > 0.99)
})

test('a negator flips the sentiment of the words right after it', () => {
  assert.ok(scoreSentiment(tokenize('results were profitable')) > 0)
  assert.ok(scoreSentiment(tokenize('results were not profitable')) < 0)
})

test('symbols come from cashtags, exchange notation, known tickers and company names, never from random capitals', () => {
  const text = 'Microsoft and $NVDA rally; Johnson & Johnson (NYSE: JNJ) steady. The CEO said USA sales of AAPL grew.'
  const symbols = extractor.extract(text, tokenize(text))
  assert.deepEqual(new Set(symbols), new Set(['MSFT', 'NVDA', 'JNJ', 'AAPL']))
  assert.deepEqual(extractor.extract('V is a letter', tokenize('V is a letter')), [])
})

test('relevance is 1 when every keyword is in the title, 0.5 in the body only, and 0 without a match', () => {
  const keywords = ['Apple', 'interest rates']
  const lists = keywords.map(keywordWords)
  const target = (title: string, body: string): { inTitle: (w: string) => boolean, inText: (w: string) => boolean } => {
    const t = new Set(tokenize(title)); const all = new Set(tokenize(`${title} ${body}`))
    return { inTitle: (w) => t.has(w), inText: (w) => all.has(w) }
  }
  assert.deepEqual(matchKeywords(keywords, lists, target('Apple and interest rates', '')), { matched: keywords, relevance: 1 })
  assert.deepEqual(matchKeywords(keywords, lists, target('Apple news', 'rates went up; interest too')), { matched: keywords, relevance: 0.75 })
  assert.deepEqual(matchKeywords(keywords, lists, target('Markets', 'the rates moved')), { matched: [], relevance: 0 })
})

test('analysis indexes distinct words of title, description and content', () => {
  const analysis = analyzeText({ title: 'Apple beats', description: 'Apple beats again', content: 'Strong quarter' }, extractor)
  assert.deepEqual(analysis.words, ['apple', 'beats', 'again', 'strong', 'quarter'])
  assert.deepEqual([...analysis.titleWords], ['apple', 'beats'])
  assert.deepEqual(analysis.symbols, ['AAPL'])
  assert.ok(analysis.sentiment > 0)
})
