/**
 * Bounded news store: a ring of the newest `capacity` items, deduplicated by
 * url, with a keyword index maintained on insert and eviction. "Newest" is
 * ingestion order (FetchNewsData inserts each page oldest → newest).
 */
import type { Article } from '../model.js'
import type { KeywordMatch } from '../news/relevance.js'
import { KeywordIndex } from './keyword-index.js'
import { RingBuffer } from './ring-buffer.js'

export interface NewsEntry {
  id: number
  article: Article
  /** Distinct lowercase words of title + description + content (what the index holds). */
  words: readonly string[]
  titleWords: ReadonlySet<string>
}

export type InsertOutcome = 'stored' | 'evicted' | 'duplicate'

export interface NewsQuery {
  /** The keywords as asked (reported back in `keywords`). */
  keywords: readonly string[]
  /** keywordWords() of each keyword. */
  wordLists: ReadonlyArray<readonly string[]>
}

export interface NewsHit {
  entry: NewsEntry
  match: KeywordMatch
}

export class NewsStore {
  readonly capacity: number
  #ring: RingBuffer<NewsEntry>
  #byId = new Map<number, NewsEntry>()
  #byUrl = new Map<string, NewsEntry>()
  #index = new KeywordIndex()
  #nextId = 1

  constructor (capacity: number) {
    this.capacity = capacity
    this.#ring = new RingBuffer(capacity)
  }

  get size (): number { return this.#ring.size }
  get indexedWords (): number { return this.#index.wordCount }

  byUrl (url: string): NewsEntry | undefined {
    return this.#byUrl.get(url)
  }

  insert (article: Article, words: readonly string[], titleWords: ReadonlySet<string>): InsertOutcome {
    if (this.#byUrl.has(article.url)) return 'duplicate'
    const entry: NewsEntry = { id: this.#nextId++, article, words, titleWords }
    const evicted = this.#ring.push(entry)
    if (evicted !== undefined) this.#forget(evicted)
    this.#byId.set(entry.id, entry)
    this.#byUrl.set(article.url, entry)
    this.#index.add(entry.id, words)
    return evicted === undefined ? 'stored' : 'evicted'
  }

  /** Up to `limit` items, newest first, that match any keyword (every item when none is given). */
  query (query: NewsQuery, limit: number): NewsHit[] {
    if (query.keywords.length === 0) {
      return this.#ring.readNewest(limit).map((entry) => ({ entry, match: NO_MATCH }))
    }
    const compiled = this.#compile(query)
    const candidates = this.#candidateIds(compiled)
    // Few candidates: sort just them. Many: walking the ring newest-first stops after `limit` hits.
    return candidates !== undefined && candidates.length * 4 < this.size
      ? this.#collectFromCandidates(candidates, compiled, limit)
      : this.#collectByScan(compiled, limit)
  }

  /** How a stored entry matches `query` (title words and the index). */
  match (entry: NewsEntry, query: NewsQuery): KeywordMatch {
    return this.#match(entry, this.#compile(query))
  }

  /** Whether the index agrees with the ring (tests and debugging; O(items·words)). */
  indexIsConsistent (): boolean {
    let postings = 0
    for (const entry of this.#ring.readNewest(this.capacity)) {
      for (const word of entry.words) {
        if (!this.#index.has(word, entry.id)) return false
        postings++
      }
    }
    let indexed = 0
    for (const word of new Set(this.#ring.readNewest(this.capacity).flatMap((e) => e.words))) indexed += this.#index.posting(word)?.size ?? 0
    return postings === indexed && this.#byId.size === this.size && this.#byUrl.size === this.size
  }

  #forget (entry: NewsEntry): void {
    this.#index.remove(entry.id, entry.words)
    this.#byId.delete(entry.id)
    this.#byUrl.delete(entry.article.url)
  }

  /** Resolves each query word to its posting once per query, so matching an entry is Set lookups only. */
  #compile (query: NewsQuery): CompiledQuery {
    const terms: CompiledTerm[] = []
    for (let i = 0; i < query.keywords.length; i++) {
      const words = query.wordLists[i] ?? []
      if (words.length === 0) continue
      const postings = words.map((w) => this.#index.posting(w))
      terms.push({ keyword: query.keywords[i] as string, words, postings: postings.includes(undefined) ? undefined : postings as Array<ReadonlySet<number>> })
    }
    return { terms, keywordCount: query.keywords.length }
  }

  /** Ids that may match, from each keyword's rarest word; undefined when that would be most of the store. */
  #candidateIds (query: CompiledQuery): number[] | undefined {
    const ids = new Set<number>()
    for (const term of query.terms) {
      if (term.postings === undefined) continue
      let rarest = term.postings[0] as ReadonlySet<number>
      for (const posting of term.postings) if (posting.size < rarest.size) rarest = posting
      if (ids.size + rarest.size > this.size / 4) return undefined
      for (const id of rarest) ids.add(id)
    }
    return [...ids]
  }

  #collectFromCandidates (ids: number[], query: CompiledQuery, limit: number): NewsHit[] {
    ids.sort((a, b) => b - a)
    const hits: NewsHit[] = []
    for (const id of ids) {
      if (hits.length >= limit) break
      const entry = this.#byId.get(id)
      if (entry === undefined) continue
      const match = this.#match(entry, query)
      if (match !== NO_MATCH) hits.push({ entry, match })
    }
    return hits
  }

  #collectByScan (query: CompiledQuery, limit: number): NewsHit[] {
    const hits: NewsHit[] = []
    for (let i = 0; i < this.#ring.size && hits.length < limit; i++) {
      const entry = this.#ring.newest(i) as NewsEntry
      const match = this.#match(entry, query)
      if (match !== NO_MATCH) hits.push({ entry, match })
    }
    return hits
  }

  /** The scoring of news/relevance.ts, without allocating for the (common) entries that do not match. */
  #match (entry: NewsEntry, query: CompiledQuery): KeywordMatch {
    let matched: string[] | undefined
    let score = 0
    for (const term of query.terms) {
      if (!inAll(term.postings, entry.id)) continue
      ;(matched ??= []).push(term.keyword)
      score += allIn(term.words, entry.titleWords) ? 1 : 0.5
    }
    if (matched === undefined) return NO_MATCH
    return { matched, relevance: Math.round((score / query.keywordCount) * 10_000) / 10_000 }
  }
}

interface CompiledTerm {
  keyword: string
  words: readonly string[]
  /** One posting per word; undefined when a word is in no item (the term cannot match). */
  postings: Array<ReadonlySet<number>> | undefined
}

interface CompiledQuery {
  terms: CompiledTerm[]
  keywordCount: number
}

const NO_MATCH: KeywordMatch = Object.freeze({ matched: Object.freeze([]) as unknown as string[], relevance: 0 })

// Plain loops: #match runs for every scanned entry, and closures would allocate per call.
function inAll (postings: ReadonlyArray<ReadonlySet<number>> | undefined, id: number): boolean {
  if (postings === undefined) return false
  for (const posting of postings) if (!posting.has(id)) return false
  return true
}

function allIn (words: readonly string[], set: ReadonlySet<string>): boolean {
  for (const word of words) if (!set.has(word)) return false
  return true
}
