/**
 * FetchNewsData and GetNewsBuffer. Fetched articles are analysed once
 * (sentiment, symbols, index words), stored deduplicated by url, and returned
 * with how they match the query. Identical concurrent fetches share one
 * upstream call, and an answer is reused for newsCacheMs (the provider's
 * index moves on a scale of minutes).
 */
import type { NewsHit } from './buffers/news-store.js'
import type { Ingestion } from './ingestion.js'
import type { Article } from './model.js'
import { articleJson, jsonArrayBytes } from './json-items.js'
import { analyzeText, type TextAnalysis } from './news/analyze.js'
import { matchKeywords } from './news/relevance.js'
import type { SymbolExtractor } from './news/symbols.js'
import { keywordWords } from './news/tokenize.js'
import { SingleFlight } from '../common/single-flight.js'
import type { NewsApiSource, RawArticle } from './sources/news-api.js'
import { TtlCache } from './ttl-cache.js'

const HOUR_MS = 3_600_000
/** Distinct (keywords, hours) answers cached at most. */
const MAX_CACHED_QUERIES = 1_000

/** One FetchNewsData answer, shared by every caller it answers while cached. */
export interface NewsAnswer {
  /** Newest first. */
  articles: Article[]
  /** Clock ms until which the same query gets this same answer (0: not cached). */
  expiresAt: number
}

/** An answer's items as a JSON array: built once per answer, however many callers it serves. */
const answerJsonCache = new WeakMap<NewsAnswer, Buffer>()

export class NewsService {
  readonly #ingestion: Ingestion
  readonly #symbols: SymbolExtractor
  readonly #pageSize: number
  readonly #cache: TtlCache<NewsAnswer>
  readonly #flights = new SingleFlight<NewsAnswer>()

  constructor (ingestion: Ingestion, symbols: SymbolExtractor, pageSize: number, cacheMs: number) {
    this.#ingestion = ingestion
    this.#symbols = symbols
    this.#pageSize = pageSize
    this.#cache = new TtlCache(cacheMs, MAX_CACHED_QUERIES)
  }

  /** Articles of the last `hoursBack` hours matching any keyword, newest first. */
  async fetch (source: NewsApiSource, keywords: readonly string[], hoursBack: number): Promise<Article[]> {
    return (await this.fetchAnswer(source, keywords, hoursBack)).articles
  }

  /** As fetch, with how long the answer stays the same (for the contract's max_age_ms). */
  async fetchAnswer (source: NewsApiSource, keywords: readonly string[], hoursBack: number): Promise<NewsAnswer> {
    // Case-sensitive: the answer reports the keywords as the caller wrote them.
    const key = `${hoursBack}|${[...keywords].sort().join('\u0000')}`
    const cached = this.#cache.get(key)
    if (cached !== undefined) return cached.value
    const flight = this.#flights.run(key, async () => {
      const now = Date.now()
      const raw = await source.search({ keywords, fromMs: now - hoursBack * HOUR_MS, toMs: now, pageSize: this.#pageSize })
      const answer: NewsAnswer = { articles: this.#ingest(raw, keywords, source.id), expiresAt: 0 }
      this.#cache.set(key, answer)
      answer.expiresAt = this.#cache.get(key)?.expiresAt ?? 0
      return answer
    })
    return await flight.promise
  }

  /** Milliseconds `answer` stays what the same query gets (0 once expired or never cached). */
  maxAgeMs (answer: NewsAnswer): number {
    return Math.max(0, answer.expiresAt - this.#cache.now())
  }

  /** The answer's items as one JSON array (json-items.ts). */
  answerJson (answer: NewsAnswer): Buffer {
    let json = answerJsonCache.get(answer)
    if (json === undefined) {
      json = jsonArrayBytes(answer.articles.map((a) => articleJson(a, a.keywords, a.relevance_score)))
      answerJsonCache.set(answer, json)
    }
    return json
  }

  /** Stored items matching any keyword (every item when none), newest first. */
  read (keywords: readonly string[], limit: number): Article[] {
    const hits = this.#ingestion.news.query({ keywords, wordLists: keywords.map(keywordWords) }, limit)
    return keywords.length === 0 ? hits.map((h) => h.entry.article) : hits.map(withQueryMatch)
  }

  /** As read, as one JSON array: no per-query copy of the items, each item's fixed JSON built once. */
  readJson (keywords: readonly string[], limit: number): { json: Buffer, count: number } {
    const hits = this.#ingestion.news.query({ keywords, wordLists: keywords.map(keywordWords) }, limit)
    const items = keywords.length === 0
      ? hits.map((h) => articleJson(h.entry.article, h.entry.article.keywords, h.entry.article.relevance_score))
      : hits.map((h) => articleJson(h.entry.article, h.match.matched, h.match.relevance))
    return { json: jsonArrayBytes(items), count: hits.length }
  }

  #ingest (raw: readonly RawArticle[], keywords: readonly string[], sourceId: string): Article[] {
    const wordLists = keywords.map(keywordWords)
    const analysed = raw.map((item) => this.#analyse(item, keywords, wordLists))
    // Oldest first into the store, so that its newest-first order follows publication.
    const oldestFirst = [...analysed].sort((a, b) => a.article.timestamp - b.article.timestamp)
    for (const { article, analysis } of oldestFirst) {
      if (analysis !== undefined) this.#ingestion.article(article, analysis, sourceId)
    }
    return analysed.map((a) => a.article).sort((a, b) => b.timestamp - a.timestamp)
  }

  /** The item as this query sees it; `analysis` is undefined when the url is already stored (nothing to ingest). */
  #analyse (item: RawArticle, keywords: readonly string[], wordLists: ReadonlyArray<readonly string[]>): { article: Article, analysis: TextAnalysis | undefined } {
    const stored = this.#ingestion.news.byUrl(item.url)
    if (stored !== undefined) return { article: withQueryMatch({ entry: stored, match: this.#ingestion.news.match(stored, { keywords, wordLists }) }), analysis: undefined }
    const analysis = analyzeText(item, this.#symbols)
    const words = new Set(analysis.words)
    const match = matchKeywords(keywords, wordLists, { inTitle: (w) => analysis.titleWords.has(w), inText: (w) => words.has(w) })
    const article: Article = {
      title: item.title,
      content: item.content === '' ? item.description : item.content,
      source: item.source,
      timestamp: item.publishedAt,
      sentiment_score: analysis.sentiment,
      relevance_score: match.relevance,
      url: item.url,
      symbols: analysis.symbols,
      keywords: match.matched
    }
    return { article, analysis }
  }
}

/**
 * The stored article with this query's matched keywords and relevance (a copy: the stored one is shared).
 * Field by field, in Article's order: on Node 20 `{ ...article, keywords }` costs 1–3 µs per
 * item (docs/load.md "Where the cost goes"), and a buffer read copies up to `limit` items.
 */
function withQueryMatch (hit: NewsHit): Article {
  const a = hit.entry.article
  return {
    title: a.title,
    content: a.content,
    source: a.source,
    timestamp: a.timestamp,
    sentiment_score: a.sentiment_score,
    relevance_score: hit.match.relevance,
    url: a.url,
    symbols: a.symbols,
    keywords: hit.match.matched
  }
}
