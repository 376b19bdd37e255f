import { test } from 'node:test'
import assert from 'node:assert/strict'
import { DEFAULT_SYMBOLS } from '../common/defaults.js'
import { generateArticle, slotLengthMs } from './news-generator.js'
import { parseNewsQuery } from './news-query.js'
import { NewsStore, type NewsSearch } from './news-store.js'
import { NEWS_KEYWORDS, type Sentiment } from './news-templates.js'

const NOW = Date.parse('2026-11-28T12:00:00Z')
const DAY = 86_400_000
const settings = { seed: 42, symbols: DEFAULT_SYMBOLS, articlesPerHour: 20, historyDays: 7, maxArticles: 5000 }
const everything = (q: string, extra: Partial<NewsSearch> = {}): NewsSearch =>
  ({ query: parseNewsQuery(q), fromMs: 0, toMs: NOW, page: 1, pageSize: 100, ...extra })

// A naive finance lexicon scorer, like the ones consumers use. It also knows
// words that are polar in finance lexicons but name topics (dividend, inflation).
const LEXICON: Record<string, number> = {
  surge: 2, surges: 2, rally: 2, rallies: 2, jump: 2, jumps: 2, record: 2, gain: 1, gains: 1, rises: 1, rose: 1,
  strong: 1, upbeat: 1, robust: 1, solid: 1, growth: 1, optimism: 1, confidence: 1, bright: 1, raised: 1, dividend: 1,
  plunges: -2, slumps: -2, tumble: -1, slides: -1, slide: -1, drop: -1, falls: -1, fell: -1, weak: -1, weaker: -1,
  concerns: -1, concern: -1, risks: -1, losses: -1, cut: -1, poor: -1, fear: -1, decline: -1, inflation: -1
}
function lexiconSentiment (text: string): Sentiment {
  let score = 0
  for (const word of text.toLowerCase().split(/[^a-z]+/)) score += LEXICON[word] ?? 0
  return score > 0 ? 'positive' : score < 0 ? 'negative' : 'neutral'
}

test('the same seed gives the same articles, another seed different ones', () => {
  const slot = Math.floor(NOW / slotLengthMs(20))
  assert.deepEqual(generateArticle(1, slot, slotLengthMs(20), DEFAULT_SYMBOLS), generateArticle(1, slot, slotLengthMs(20), DEFAULT_SYMBOLS))
  assert.notDeepEqual(generateArticle(1, slot, slotLengthMs(20), DEFAULT_SYMBOLS).article, generateArticle(2, slot, slotLengthMs(20), DEFAULT_SYMBOLS).article)
  const a = new NewsStore(settings).search(everything('stock'), NOW)
  const b = new NewsStore(settings).search(everything('stock'), NOW)
  assert.deepEqual(a, b)
})

test('two stores started at different times agree on the history they share', () => {
  const early = new NewsStore(settings)
  early.catchUp(NOW - 3 * 3_600_000)
  const window = everything('market', { fromMs: NOW - DAY, toMs: NOW - 4 * 3_600_000 })
  assert.deepEqual(early.search(window, NOW), new NewsStore(settings).search(window, NOW))
})

test('a lexicon scorer recovers the sentiment of every article from its wording', () => {
  const articles = new NewsStore(settings).all(NOW)
  assert.ok(articles.length > 1000)
  const counts: Record<Sentiment, number> = { positive: 0, negative: 0, neutral: 0 }
  for (const { article, sentiment } of articles) {
    // The headline alone carries it, and so do headline and description together.
    assert.equal(lexiconSentiment(article.title), sentiment, article.title)
    assert.equal(lexiconSentiment(`${article.title} ${article.description}`), sentiment, article.title)
    counts[sentiment]++
  }
  assert.ok(counts.positive > 0 && counts.negative > 0 && counts.neutral > 0)
})

test('every common finance keyword returns articles', () => {
  const store = new NewsStore(settings)
  for (const keyword of NEWS_KEYWORDS) {
    assert.ok(store.search(everything(keyword), NOW).totalResults > 0, `no article for "${keyword}"`)
  }
})

test('the history covers the configured days at the configured rate, newest first', () => {
  const store = new NewsStore(settings)
  const all = store.all(NOW)
  assert.ok(Math.abs(all.length - 7 * 24 * 20) <= 1, `got ${all.length}`)
  assert.ok((all[0]?.publishedAtMs ?? 0) >= NOW - 7 * DAY)
  assert.ok((all.at(-1)?.publishedAtMs ?? Infinity) <= NOW)
  const page = store.search(everything('stock OR market OR shares'), NOW)
  const times = page.articles.map((a) => Date.parse(a.publishedAt))
  assert.deepEqual(times, [...times].sort((x, y) => y - x))
})

test('the history is capped at maxArticles, dropping the oldest', () => {
  const store = new NewsStore({ ...settings, maxArticles: 100 })
  store.catchUp(NOW)
  assert.equal(store.size, 100)
  store.catchUp(NOW + 10 * 3_600_000)
  assert.equal(store.size, 100)
  assert.ok((store.all(NOW + 10 * 3_600_000)[0]?.publishedAtMs ?? 0) > NOW)
})

test('articles appear as time passes, never before their publication time', () => {
  const store = new NewsStore(settings)
  store.catchUp(NOW)
  assert.ok(store.all(NOW).every((a) => a.publishedAtMs <= NOW))
  const later = NOW + 3_600_000
  const fresh = store.all(later).filter((a) => a.publishedAtMs > NOW)
  assert.ok(fresh.length >= 19 && fresh.length <= 21, `${fresh.length} new articles in an hour at 20/h`)
  assert.ok(store.all(later).every((a) => a.publishedAtMs <= later && a.publishedAtMs >= later - 7 * DAY))
})

test('from/to bound the results and pages split them without overlap', () => {
  const store = new NewsStore(settings)
  const fromMs = NOW - DAY
  const toMs = NOW - DAY / 2
  const first = store.search(everything('stock OR market', { fromMs, toMs, pageSize: 10 }), NOW)
  const second = store.search(everything('stock OR market', { fromMs, toMs, pageSize: 10, page: 2 }), NOW)
  assert.ok(first.totalResults > 20)
  assert.equal(first.totalResults, second.totalResults)
  assert.equal(first.articles.length, 10)
  for (const a of [...first.articles, ...second.articles]) {
    const at = Date.parse(a.publishedAt)
    assert.ok(at >= fromMs && at <= toMs)
  }
  const urls = new Set([...first.articles, ...second.articles].map((a) => a.url))
  assert.equal(urls.size, 20)
  const beyond = store.search(everything('stock', { page: 10_000 }), NOW)
  assert.deepEqual(beyond.articles, [])
})

test('articles have NewsAPI fields: whole-second UTC timestamps, truncated content, no image', () => {
  const [first] = new NewsStore(settings).search(everything('earnings'), NOW).articles
  assert.ok(first !== undefined)
  assert.match(first.publishedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
  assert.equal(first.urlToImage, null)
  assert.match(first.url, /^https:\/\/news\.example\//)
  assert.ok(first.source.id.startsWith('mib-'))
  assert.ok(first.content.length <= 220)
})
