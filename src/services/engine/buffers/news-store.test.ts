import { test } from 'node:test'
import assert from 'node:assert/strict'
import { NewsStore, type NewsQuery } from './news-store.js'
import type { Article } from '../model.js'
import { keywordWords, tokenize } from '../news/tokenize.js'

function insert (store: NewsStore, url: string, title: string, body = ''): string {
  const article: Article = { title, content: body, source: 'test', timestamp: 0, sentiment_score: 0, relevance_score: 0, url, symbols: [], keywords: [] }
  return store.insert(article, [...new Set(tokenize(`${title} ${body}`))], new Set(tokenize(title)))
}

function query (...keywords: string[]): NewsQuery {
  return { keywords, wordLists: keywords.map(keywordWords) }
}

test('the store keeps the newest items up to its capacity, counts evictions and deduplicates by url', () => {
  const store = new NewsStore(3)
  assert.equal(insert(store, 'u1', 'one'), 'stored')
  assert.equal(insert(store, 'u1', 'one again'), 'duplicate')
  insert(store, 'u2', 'two')
  insert(store, 'u3', 'three')
  assert.equal(insert(store, 'u4', 'four'), 'evicted')
  assert.equal(store.size, 3)
  assert.deepEqual(store.query(query(), 10).map((h) => h.entry.article.url), ['u4', 'u3', 'u2'])
  assert.equal(store.byUrl('u1'), undefined)
  assert.equal(insert(store, 'u1', 'one is back'), 'evicted')
})

test('the keyword index forgets evicted items, so a query never returns them and no word leaks', () => {
  const store = new NewsStore(2)
  insert(store, 'u1', 'Apple rally', 'unique-word-alpha')
  insert(store, 'u2', 'Tesla slump')
  insert(store, 'u3', 'Nvidia record')
  assert.deepEqual(store.query(query('apple'), 10), [])
  assert.deepEqual(store.query(query('alpha'), 10), [])
  assert.ok(store.indexIsConsistent())
  assert.equal(store.indexedWords, 4) // tesla, slump, nvidia, record
})

test('a keyword query returns matching items newest first with the keywords they matched and a relevance', () => {
  const store = new NewsStore(100)
  insert(store, 'u1', 'Apple earnings', 'interest rates rise')
  insert(store, 'u2', 'Bank news', 'nothing relevant')
  insert(store, 'u3', 'Interest rates and Apple', '')
  const hits = store.query(query('Apple', 'interest rates'), 10)
  assert.deepEqual(hits.map((h) => h.entry.article.url), ['u3', 'u1'])
  assert.deepEqual(hits[0]?.match, { matched: ['Apple', 'interest rates'], relevance: 1 })
  assert.deepEqual(hits[1]?.match, { matched: ['Apple', 'interest rates'], relevance: 0.75 })
  assert.deepEqual(store.query(query('apple'), 1).map((h) => h.entry.article.url), ['u3'])
})

test('common and rare keywords give the same answers whichever query plan is used', () => {
  const store = new NewsStore(1_000)
  for (let i = 0; i < 3_000; i++) insert(store, `u${i}`, `market update ${i}`, i % 97 === 0 ? 'merger rumour' : 'quiet day')
  const common = store.query(query('market'), 5).map((h) => h.entry.article.url)
  assert.deepEqual(common, ['u2999', 'u2998', 'u2997', 'u2996', 'u2995'])
  const rare = store.query(query('merger'), 100).map((h) => h.entry.article.url)
  const expected = []
  for (let i = 2999; i >= 2000; i--) if (i % 97 === 0) expected.push(`u${i}`)
  assert.deepEqual(rare, expected)
  assert.ok(store.indexIsConsistent())
})
