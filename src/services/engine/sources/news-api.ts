/**
 * NewsAPI's search (GET /v2/everything), the format the provider simulator
 * serves too. The key travels in X-Api-Key, never in the URL (URLs get logged).
 */
import { z } from 'zod'
import { NEWS_API_LIMITS } from '../../common/domain/index.js'
import { InvalidApiKeyError, NewsQueryTooLongError, UpstreamMalformedError } from '../errors.js'
import type { UpstreamCaller } from '../http-client/upstream-caller.js'
import type { SourceType } from '../model.js'
import { HttpSource } from './http-source.js'

const articleSchema = z.looseObject({
  source: z.looseObject({ id: z.string().nullable().optional(), name: z.string().nullable().optional() }).nullable().optional(),
  title: z.string().min(1),
  description: z.string().nullable().optional(),
  url: z.string().min(1).max(2048),
  publishedAt: z.string(),
  content: z.string().nullable().optional()
})

const responseSchema = z.looseObject({
  status: z.literal('ok'),
  articles: z.array(z.unknown())
})

export interface RawArticle {
  title: string
  description: string
  content: string
  url: string
  source: string
  /** Epoch ms. */
  publishedAt: number
}

export interface NewsSearch {
  keywords: readonly string[]
  fromMs: number
  toMs: number
  pageSize: number
}

export const NEWS_SOURCE_ID = 'news_api'

/** NewsAPI's error body: {"status":"error","code","message"}. */
export function describeNewsApiError (body: unknown): string {
  const error = body as { code?: unknown, message?: unknown } | undefined
  if (typeof error?.message === 'string') return `${String(error.code ?? 'error')}: ${error.message}`
  return typeof body === 'string' ? body : 'no error description'
}

/** NewsAPI's own bound on `q`; a longer query is the client's to shorten, not an upstream failure. */
const MAX_NEWS_QUERY_CHARS = NEWS_API_LIMITS.maxQueryChars

const SEARCH_OPERATORS = new Set(['AND', 'OR', 'NOT'])

/**
 * NewsAPI's q: keywords OR-ed. A keyword that is not one plain word (spaces,
 * punctuation, a leading +/-, or an operator such as `OR`) goes as an exact
 * phrase, so the provider searches for it instead of reading it as syntax.
 * Throws the client's error when the query exceeds the provider's bound.
 */
export function newsQuery (keywords: readonly string[]): string {
  const q = keywords.map((k) => (/^[\p{L}\p{N}]+$/u.test(k) && !SEARCH_OPERATORS.has(k) ? k : `"${k}"`)).join(' OR ')
  if (q.length > MAX_NEWS_QUERY_CHARS) throw new NewsQueryTooLongError(q.length, MAX_NEWS_QUERY_CHARS)
  return q
}

/** Keys the provider refused, remembered (bounded) so a client retrying a bad key costs no upstream call. */
const REJECTED_KEYS_REMEMBERED = 16

export class NewsApiSource extends HttpSource {
  readonly id = NEWS_SOURCE_ID
  readonly type: SourceType = 'news'
  #apiKey: string
  readonly #rejectedKeys = new Set<string>()

  constructor (caller: UpstreamCaller, enabled: boolean, apiKey: string) {
    super(caller, enabled)
    this.#apiKey = apiKey
  }

  async search (search: NewsSearch, signal?: AbortSignal, apiKey = this.#apiKey): Promise<RawArticle[]> {
    const body = await this.caller.getJson({
      path: '/v2/everything',
      query: {
        q: newsQuery(search.keywords),
        from: isoSeconds(search.fromMs),
        to: isoSeconds(search.toMs),
        pageSize: String(search.pageSize),
        page: '1',
        sortBy: 'publishedAt'
      },
      headers: { 'x-api-key': apiKey },
      signal
    })
    this.markReached()
    return this.#parse(body)
  }

  protected override needsVerification (apiKey: string | undefined): boolean {
    return apiKey !== undefined && apiKey !== this.#apiKey
  }

  protected async probe (apiKey: string | undefined): Promise<string> {
    const key = apiKey ?? this.#apiKey
    if (this.#rejectedKeys.has(key)) throw new InvalidApiKeyError()
    const now = Date.now()
    try {
      await this.search({ keywords: ['market'], fromMs: now - 3_600_000, toMs: now, pageSize: 1 }, undefined, key)
    } catch (err) {
      if ((err as { code?: unknown }).code === 'MIB_ERR_ENGINE_UPSTREAM_AUTH' && apiKey !== undefined) {
        this.#rememberRejected(key)
        throw new InvalidApiKeyError()
      }
      throw err
    }
    const rotated = key !== this.#apiKey
    this.#apiKey = key
    return rotated ? `${this.id} connected with the new api_key` : `${this.id} connected`
  }

  #rememberRejected (key: string): void {
    if (this.#rejectedKeys.size >= REJECTED_KEYS_REMEMBERED) {
      const oldest = this.#rejectedKeys.values().next().value
      if (oldest !== undefined) this.#rejectedKeys.delete(oldest)
    }
    this.#rejectedKeys.add(key)
  }

  #parse (body: unknown): RawArticle[] {
    const parsed = responseSchema.safeParse(body)
    if (!parsed.success) throw new UpstreamMalformedError(this.id, 'expected {"status":"ok","articles":[...]}')
    const articles: RawArticle[] = []
    for (const raw of parsed.data.articles) {
      const article = articleSchema.safeParse(raw)
      if (!article.success) continue
      const publishedAt = Date.parse(article.data.publishedAt)
      // NewsAPI replaces taken-down articles by "[Removed]" placeholders: nothing to index.
      if (Number.isNaN(publishedAt) || article.data.title === '[Removed]') continue
      articles.push({
        title: article.data.title,
        description: article.data.description ?? '',
        content: article.data.content ?? '',
        url: article.data.url,
        source: article.data.source?.name ?? article.data.source?.id ?? 'unknown',
        publishedAt
      })
    }
    return articles
  }
}

function isoSeconds (ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}
