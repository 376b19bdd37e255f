/**
 * Items as JSON for the contract's `json_items` answers (proto/core_engine.proto):
 * the bytes the gateway splices into its responses unchanged. Before, every
 * buffer read and fetch encoded its items to protobuf here, the gateway decoded
 * them into objects and serialized those to JSON again — per request; that was
 * most of both services' CPU (issue 14: protobuf NewsItem$toObject, GC).
 *
 * Byte-identical to the old path: fields in the order protobufjs's toObject
 * writes them (repeated and map fields first, then the rest in field-number
 * order), numbers and strings by JSON.stringify (json-items.test.ts proves it
 * against the contract's own codec).
 *
 * Ticks and stored articles never change once built, so their JSON is built
 * once and kept beside them (WeakMap: it goes when they leave the buffers).
 */
import type { Article, Tick } from './model.js'

const tickJsonCache = new WeakMap<Tick, string>()

/** A MarketData as JSON: additional_data, symbol, price, volume, timestamp, source. */
export function tickJson (tick: Tick): string {
  let json = tickJsonCache.get(tick)
  if (json === undefined) {
    json = JSON.stringify({
      additional_data: tick.additional_data,
      symbol: tick.symbol,
      price: tick.price,
      volume: tick.volume,
      timestamp: tick.timestamp,
      source: tick.source
    })
    tickJsonCache.set(tick, json)
  }
  return json
}

const tickBytesCache = new WeakMap<Tick, Buffer>()

/** tickJson as UTF-8 bytes, also kept (a fetched quote answers many fetches while cached). */
export function tickJsonBytes (tick: Tick): Buffer {
  let bytes = tickBytesCache.get(tick)
  if (bytes === undefined) {
    bytes = Buffer.from(tickJson(tick))
    tickBytesCache.set(tick, bytes)
  }
  return bytes
}

/**
 * A NewsItem's JSON around the two per-query fields (keywords, relevance_score):
 * `{"symbols":[…],"keywords":` + keywords + `,"title":…,"relevance_score":` + relevance + `,"url":"…"}`.
 */
interface ArticleParts { head: string, middle: string, tail: string }

const articlePartsCache = new WeakMap<Article, ArticleParts>()

function partsOf (article: Article): ArticleParts {
  let parts = articlePartsCache.get(article)
  if (parts === undefined) {
    parts = {
      head: `{"symbols":${JSON.stringify(article.symbols)},"keywords":`,
      middle: `,"title":${JSON.stringify(article.title)},"content":${JSON.stringify(article.content)},"source":${JSON.stringify(article.source)}` +
        `,"timestamp":${JSON.stringify(article.timestamp)},"sentiment_score":${JSON.stringify(article.sentiment_score)},"relevance_score":`,
      tail: `,"url":${JSON.stringify(article.url)}}`
    }
    articlePartsCache.set(article, parts)
  }
  return parts
}

/**
 * A NewsItem as JSON: `article` (a stored one, whose parts are kept) as one
 * query sees it, with that query's matched keywords and relevance.
 */
export function articleJson (article: Article, keywords: readonly string[], relevance: number): string {
  const parts = partsOf(article)
  return `${parts.head}${JSON.stringify(keywords)}${parts.middle}${JSON.stringify(relevance)}${parts.tail}`
}

/** Item JSON texts as one JSON array, UTF-8. */
export function jsonArrayBytes (items: readonly string[]): Buffer {
  return Buffer.from(`[${items.join(',')}]`)
}
