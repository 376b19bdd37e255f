/**
 * Builds one news article from (seed, slot). Time is cut into slots of equal
 * length anchored at the Unix epoch; slot k's article is published at a seeded
 * offset inside it. So the article for any moment is a pure function of the
 * seed: two simulators with the same seed agree on the whole history, whenever
 * they were started.
 */
import { pick, randomInt, streamFor, type Random } from './prng.js'
import { profileFor } from './symbols.js'
import {
  AUTHORS, CONTEXT_SENTENCES, SECTORS, SENTIMENT_WORDING, SESSIONS, SOURCES, TOPICS,
  type Sentiment
} from './news-templates.js'

/** An article in NewsAPI's /v2/everything shape. */
export interface NewsApiArticle {
  source: { id: string, name: string }
  author: string
  title: string
  description: string
  url: string
  urlToImage: null
  /** ISO 8601, whole seconds, UTC (`2026-11-28T09:30:00Z`), as NewsAPI sends it. */
  publishedAt: string
  content: string
}

export interface GeneratedArticle {
  slot: number
  publishedAtMs: number
  /** The sentiment the wording was chosen for (not sent on the wire; tests use it). */
  sentiment: Sentiment
  /** Tickers the article is about (empty for market-wide news). */
  symbols: string[]
  article: NewsApiArticle
  /** Full text in lower case, for keyword search (the wire `content` is truncated like NewsAPI's). */
  searchText: string
}

/** NewsAPI truncates `content` to 200 characters and appends "[+N chars]". */
const CONTENT_CHARS = 200
/** Share of articles about the whole market rather than one company. */
const MACRO_SHARE = 0.25
const MACRO_TOPICS = TOPICS.filter((t) => t.scope !== 'company')
const COMPANY_TOPICS = TOPICS.filter((t) => t.scope !== 'macro')
const NEUTRAL_MACRO_TOPICS = MACRO_TOPICS.filter((t) => t.loaded !== true)
const NEUTRAL_COMPANY_TOPICS = COMPANY_TOPICS.filter((t) => t.loaded !== true)

export function slotLengthMs (articlesPerHour: number): number {
  return Math.max(1000, Math.round(3_600_000 / articlesPerHour))
}

export function generateArticle (seed: number, slot: number, slotMs: number, symbols: readonly string[]): GeneratedArticle {
  const random = streamFor(seed, `news:${slot}`)
  // Whole seconds, as NewsAPI timestamps; the offset stays inside the slot.
  const publishedAtMs = Math.floor((slot * slotMs + random() * slotMs) / 1000) * 1000
  const sentiment = pickSentiment(random)
  const macro = random() < MACRO_SHARE
  const neutral = sentiment === 'neutral'
  const topic = pick(random, macro ? (neutral ? NEUTRAL_MACRO_TOPICS : MACRO_TOPICS) : (neutral ? NEUTRAL_COMPANY_TOPICS : COMPANY_TOPICS))
  const symbol = macro ? undefined : pick(random, symbols)
  const wording = SENTIMENT_WORDING[sentiment]

  const subject = symbol === undefined ? undefined : `${companyName(symbol)} (${symbol})`
  const title = subject === undefined
    ? `${pick(random, wording.marketMoves)} ${pick(random, wording.links)} ${topic.noun}`
    : `${subject} ${pick(random, wording.companyMoves)} ${pick(random, wording.links)} ${topic.noun}`
  const [low, high] = wording.movePercent
  const percent = (low + random() * (high - low)).toFixed(1)
  const who = subject === undefined ? 'The S&P 500 stock index' : `${subject} shares`
  const description = `${who} ${wording.described} ${percent}% in ${pick(random, SESSIONS)} trading as investors ${pick(random, wording.reactions)} the ${topic.noun}.`
  // The closer comes early so the truncated wire `content` still carries the sentiment.
  const body = [description, pick(random, wording.closers), ...contextSentences(random, 2)].join(' ')

  const source = pick(random, SOURCES)
  const publishedAt = new Date(publishedAtMs).toISOString().replace(/\.\d{3}Z$/, 'Z')
  return {
    slot,
    publishedAtMs,
    sentiment,
    symbols: symbol === undefined ? [] : [symbol],
    article: {
      source: { ...source },
      author: pick(random, AUTHORS),
      title,
      description,
      url: `https://news.example/${publishedAt.slice(0, 10).replaceAll('-', '/')}/${slug(title)}-${slot}`,
      urlToImage: null,
      publishedAt,
      content: truncate(body)
    },
    searchText: `${title} ${body}`.toLowerCase()
  }
}

function pickSentiment (random: Random): Sentiment {
  const r = random()
  return r < 0.4 ? 'positive' : r < 0.7 ? 'negative' : 'neutral'
}

function companyName (symbol: string): string {
  // "Apple Inc." reads better in a headline as "Apple".
  return profileFor(symbol).shortName.replace(/,? (Inc\.|Corporation|Holdings Inc\.|& Co\.)$/, '').replace(/\.com$/, '')
}

/** `count` distinct context sentences, filled in. */
function contextSentences (random: Random, count: number): string[] {
  const first = Math.floor(random() * CONTEXT_SENTENCES.length)
  const sentences: string[] = []
  for (let i = 0; i < count; i++) {
    // Consecutive entries of the list (wrapping): distinct without a retry loop.
    const template = CONTEXT_SENTENCES[(first + i) % CONTEXT_SENTENCES.length] ?? ''
    sentences.push(template
      .replace('{volume}', String(randomInt(random, 2, 120)))
      .replace('{sector}', pick(random, SECTORS)))
  }
  return sentences
}

function truncate (text: string): string {
  if (text.length <= CONTENT_CHARS) return text
  return `${text.slice(0, CONTENT_CHARS)}… [+${text.length - CONTENT_CHARS} chars]`
}

function slug (text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80)
}
