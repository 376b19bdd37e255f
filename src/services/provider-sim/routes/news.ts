/**
 * GET /v2/everything — NewsAPI's search endpoint: q, from, to, page, pageSize,
 * sortBy; key in X-Api-Key, `Authorization: Bearer`, or the apiKey parameter.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { NEWS_API_LIMITS } from '../../common/domain/index.js'
import type { SimContext } from '../context.js'
import type { InjectedStatus } from '../faults.js'
import type { NewsApiArticle } from '../news-generator.js'
import { isEmptyQuery, parseNewsQuery, type NewsQuery } from '../news-query.js'
import { NewsParameterInvalidError, NewsParametersMissingError } from '../errors.js'
import { applyInjectedFaults } from './injected-faults.js'
import { firstValue, type RawQuery } from './query-params.js'

export type NewsApiErrorCode = 'parameterInvalid' | 'parametersMissing' | 'apiKeyInvalid' | 'rateLimited' | 'unexpectedError'

export interface NewsApiError { status: 'error', code: NewsApiErrorCode, message: string }
export interface NewsApiOk { status: 'ok', totalResults: number, articles: NewsApiArticle[] }

export const MAX_PAGE_SIZE = NEWS_API_LIMITS.maxPageSize
/** NewsAPI's own limit on the length of `q`. */
const MAX_QUERY_CHARS = NEWS_API_LIMITS.maxQueryChars
export const DEFAULT_PAGE_SIZE = 20
const SORT_BY = new Set(['publishedAt', 'relevancy', 'popularity'])

export function newsApiError (code: NewsApiErrorCode, message: string): NewsApiError {
  return { status: 'error', code, message }
}

const INJECTED: Record<InjectedStatus, NewsApiError> = {
  500: newsApiError('unexpectedError', 'This shouldn\'t happen, and if it does then it\'s our fault, not yours (injected by the provider simulator).'),
  503: newsApiError('unexpectedError', 'The service is temporarily unavailable (injected by the provider simulator).'),
  429: newsApiError('rateLimited', 'You have made too many requests recently (injected by the provider simulator).')
}

export function registerNewsRoute (app: FastifyInstance, ctx: SimContext): void {
  const keyDigest = ctx.apiKey === undefined ? undefined : digest(ctx.apiKey)
  app.get('/v2/everything', async (request, reply) => {
    if (await applyInjectedFaults(ctx, 'newsapi_everything', reply, (status) => INJECTED[status])) return reply
    if (keyDigest !== undefined && !keyMatches(keyDigest, presentedKey(request))) {
      return await reply.code(401).send(newsApiError('apiKeyInvalid', 'Your API key is invalid or incorrect. Check your key, or pass it in the X-Api-Key header.'))
    }
    let search: ReturnType<typeof parseNewsSearch>
    try {
      search = parseNewsSearch(request.query as RawQuery, Date.now())
    } catch (err) {
      const code = newsApiCodeOf(err)
      if (code === undefined) throw err
      return await reply.code(400).send(newsApiError(code, (err as Error).message))
    }
    const page = ctx.news.search(search)
    ctx.metrics.newsArticles.set(ctx.news.size)
    const body: NewsApiOk = { status: 'ok', totalResults: page.totalResults, articles: page.articles }
    return body
  })
}

export interface ParsedNewsSearch {
  query: NewsQuery
  fromMs: number
  toMs: number
  page: number
  pageSize: number
}

function newsApiCodeOf (err: unknown): NewsApiErrorCode | undefined {
  if (err instanceof NewsParametersMissingError) return 'parametersMissing'
  if (err instanceof NewsParameterInvalidError) return 'parameterInvalid'
  return undefined
}

/** Validates the query string the way NewsAPI does; throws NewsParameterInvalidError / NewsParametersMissingError. */
export function parseNewsSearch (raw: RawQuery, nowMs: number): ParsedNewsSearch {
  const q = firstValue(raw, 'q')?.trim() ?? ''
  if (q === '') {
    throw new NewsParametersMissingError('Required parameters are missing. Please set any of the following parameters and try again: q.')
  }
  if (q.length > MAX_QUERY_CHARS) throw new NewsParameterInvalidError(`The q parameter is too long: at most ${MAX_QUERY_CHARS} characters.`)
  const query = parseNewsQuery(q)
  if (isEmptyQuery(query)) throw new NewsParameterInvalidError('The q parameter contains no keyword.')
  const fromMs = parseDate(firstValue(raw, 'from'), 'from', 'start') ?? 0
  const toMs = parseDate(firstValue(raw, 'to'), 'to', 'end') ?? nowMs
  if (fromMs > toMs) throw new NewsParameterInvalidError('The from parameter is after the to parameter.')
  const pageSize = parseInteger(firstValue(raw, 'pageSize'), 'pageSize', 1, MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE
  const page = parseInteger(firstValue(raw, 'page'), 'page', 1, Number.MAX_SAFE_INTEGER) ?? 1
  const sortBy = firstValue(raw, 'sortBy')
  if (sortBy !== undefined && !SORT_BY.has(sortBy)) {
    throw new NewsParameterInvalidError(`The sortBy parameter must be one of: ${[...SORT_BY].join(', ')}.`)
  }
  return { query, fromMs, toMs, page, pageSize }
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/

/**
 * ISO 8601 date or date-time; without a zone it is UTC (as NewsAPI reads it).
 * A bare date means the start of that day for `from`, its end for `to`.
 */
function parseDate (value: string | undefined, name: string, edge: 'start' | 'end'): number | undefined {
  if (value === undefined || value === '') return undefined
  let ms = Number.NaN
  if (DATE_ONLY.test(value)) {
    ms = Date.parse(`${value}T00:00:00Z`) + (edge === 'end' ? 86_400_000 - 1 : 0)
  } else if (DATE_TIME.test(value)) {
    ms = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}Z`)
  }
  if (!Number.isFinite(ms)) {
    throw new NewsParameterInvalidError(`The ${name} parameter is in an invalid format: use ISO 8601, e.g. 2026-11-28 or 2026-11-28T09:30:00Z.`)
  }
  return ms
}

function parseInteger (value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined || value === '') return undefined
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new NewsParameterInvalidError(`The ${name} parameter must be an integer between ${min} and ${max === Number.MAX_SAFE_INTEGER ? 'infinity' : max}.`)
  }
  return n
}

function presentedKey (request: FastifyRequest): string | undefined {
  const header = request.headers['x-api-key']
  if (typeof header === 'string' && header !== '') return header
  const auth = request.headers.authorization
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice('Bearer '.length)
  return firstValue(request.query as RawQuery, 'apiKey')
}

// Comparing digests keeps the comparison constant-time whatever the key lengths.
function digest (key: string): Buffer {
  return createHash('sha256').update(key).digest()
}

function keyMatches (expected: Buffer, presented: string | undefined): boolean {
  return presented !== undefined && timingSafeEqual(expected, digest(presented))
}
