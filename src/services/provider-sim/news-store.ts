/**
 * The bounded news history: the last `historyDays` of articles exist from the
 * first request on (so from/to filters have data at start-up), and new ones
 * appear as time passes. Articles are generated lazily, on the first search
 * that needs them, and the oldest fall off past `maxArticles`.
 */
import { generateArticle, slotLengthMs, type GeneratedArticle, type NewsApiArticle } from './news-generator.js'
import { matches, toSearchable, type NewsQuery, type SearchableText } from './news-query.js'

export interface NewsStoreSettings {
  seed: number
  symbols: readonly string[]
  articlesPerHour: number
  historyDays: number
  maxArticles: number
}

export interface NewsSearch {
  query: NewsQuery
  /** Inclusive bounds, epoch ms. */
  fromMs: number
  toMs: number
  page: number
  pageSize: number
}

export interface NewsPage {
  totalResults: number
  articles: NewsApiArticle[]
}

/** What the history keeps of an article: the full lower-case text only in its searchable form. */
export type StoredArticle = Omit<GeneratedArticle, 'searchText'>
interface Stored { generated: StoredArticle, text: SearchableText }

export class NewsStore {
  readonly #settings: NewsStoreSettings
  readonly #slotMs: number
  /** Oldest first. */
  #items: Stored[] = []
  #nextSlot: number | undefined

  constructor (settings: NewsStoreSettings) {
    this.#settings = settings
    this.#slotMs = slotLengthMs(settings.articlesPerHour)
  }

  get size (): number {
    return this.#items.length
  }

  /** Generates every article published up to `nowMs` that is not stored yet. */
  catchUp (nowMs = Date.now()): void {
    const { seed, symbols, historyDays, maxArticles } = this.#settings
    const currentSlot = Math.floor(nowMs / this.#slotMs)
    const oldestSlot = Math.floor((nowMs - historyDays * 86_400_000) / this.#slotMs)
    // After a long idle gap only the newest maxArticles matter: skip the rest.
    let slot = Math.max(this.#nextSlot ?? oldestSlot, oldestSlot, currentSlot - maxArticles)
    for (; slot <= currentSlot; slot++) {
      const generated = generateArticle(seed, slot, this.#slotMs, symbols)
      // The current slot's article may be due later within the slot.
      if (generated.publishedAtMs > nowMs) break
      const { searchText, ...kept } = generated
      this.#items.push({ generated: kept, text: toSearchable(searchText) })
    }
    this.#nextSlot = slot
    this.#evict(nowMs - historyDays * 86_400_000)
  }

  /** Matching articles, newest first, one page of them plus the total count. */
  search ({ query, fromMs, toMs, page, pageSize }: NewsSearch, nowMs = Date.now()): NewsPage {
    this.catchUp(nowMs)
    const skip = (page - 1) * pageSize
    const articles: NewsApiArticle[] = []
    let totalResults = 0
    for (let i = this.#items.length - 1; i >= 0; i--) {
      const item = this.#items[i]
      if (item === undefined) break
      const at = item.generated.publishedAtMs
      if (at > toMs) continue
      if (at < fromMs) break
      if (!matches(query, item.text)) continue
      if (totalResults >= skip && articles.length < pageSize) articles.push(item.generated.article)
      totalResults++
    }
    return { totalResults, articles }
  }

  /** The stored articles, oldest first (tests and diagnostics). */
  all (nowMs = Date.now()): readonly StoredArticle[] {
    this.catchUp(nowMs)
    return this.#items.map((item) => item.generated)
  }

  #evict (oldestMs: number): void {
    const { maxArticles } = this.#settings
    let drop = Math.max(0, this.#items.length - maxArticles)
    while (drop < this.#items.length && (this.#items[drop]?.generated.publishedAtMs ?? Infinity) < oldestMs) drop++
    // One copy per new article at most (articles arrive minutes apart): cheap enough.
    if (drop > 0) this.#items = this.#items.slice(drop)
  }
}
