import { test } from 'node:test'
import assert from 'node:assert/strict'
import { call, startStack } from '../fixtures/stack.js'
import { waitFor } from '../../../../test/helpers/wait.js'

// The gateway serves `JSON.stringify` of the decoded messages; json_items must give the very same bytes.
const asServed = (items: unknown[]): string => JSON.stringify(items)

test('json_items: buffer reads give byte-identical JSON to the decoded messages, and the same count', async (t) => {
  const { client } = await startStack(t, {}, { knobs: { tickRateHz: 20 } })
  await waitFor(async () => (await call(client, 'GetMarketDataBuffer', { symbol: 'AAPL', limit: 5 })).market_data.length === 5, 'AAPL ticks', 15_000)
  await call(client, 'FetchNewsData', { keywords: ['stock', 'market'], source_id: 'news_api', hours_back: 48 })
  // Between two reads the stream may add a tick: compare reads until one pair sees the same buffer.
  await waitFor(async () => {
    const messages = await call(client, 'GetMarketDataBuffer', { symbol: '', limit: 30 })
    const json = await call(client, 'GetMarketDataBuffer', { symbol: '', limit: 30, json_items: true })
    if (asServed(messages.market_data) !== json.market_data_json.toString()) return false
    assert.equal(json.market_data.length, 0, 'one encoding at a time')
    assert.equal(json.count, 30)
    assert.equal(messages.count, 30)
    return true
  }, 'a pair of identical market-data reads', 15_000)
  for (const keywords of [[], ['market'], ['Stock', 'earnings']]) {
    const messages = await call(client, 'GetNewsBuffer', { keywords, limit: 20 })
    const json = await call(client, 'GetNewsBuffer', { keywords, limit: 20, json_items: true })
    assert.ok(messages.news_items.length > 0 || keywords.includes('earnings'))
    assert.equal(json.news_items_json.toString(), asServed(messages.news_items), `keywords ${keywords.join(',')}`)
    assert.equal(json.count, messages.news_items.length)
  }
  const empty = await call(client, 'GetNewsBuffer', { keywords: ['zzzunknownword'], limit: 20, json_items: true })
  assert.equal(empty.news_items_json.toString(), '[]')
  assert.equal(empty.count, 0)
})

test('json_items: fetches give byte-identical JSON and say how long the answer stays the engine\'s (max_age_ms)', async (t) => {
  const { client } = await startStack(t, { tickStream: { enabled: false }, quoteCacheMs: 5_000, newsCacheMs: 5_000 })
  const quotes = await call(client, 'FetchMarketData', { symbols: ['AAPL', 'MSFT'], source_id: '' })
  const quotesJson = await call(client, 'FetchMarketData', { symbols: ['AAPL', 'MSFT'], source_id: '', json_items: true })
  assert.deepEqual(quotesJson.market_data_json.map((b) => b.toString()), quotes.market_data.map((q) => JSON.stringify(q)), 'the same cached quotes, byte for byte')
  assert.equal(quotesJson.message, quotes.message)
  assert.ok(quotesJson.max_age_ms > 0 && quotesJson.max_age_ms <= 5_000, `max_age_ms ${quotesJson.max_age_ms}`)
  // Per quote: each its own freshness left; the answer's is the least of them.
  await new Promise((resolve) => setTimeout(resolve, 50))
  const mixed = await call(client, 'FetchMarketData', { symbols: ['TSLA', 'AAPL'], source_id: '', json_items: true })
  const [tsla, aapl] = mixed.quote_max_age_ms
  assert.ok(tsla !== undefined && aapl !== undefined && tsla > aapl, `TSLA just fetched (${String(tsla)} ms left), AAPL cached 50 ms earlier (${String(aapl)} ms left)`)
  assert.equal(mixed.max_age_ms, aapl)

  const news = await call(client, 'FetchNewsData', { keywords: ['stock', 'market'], source_id: 'news_api', hours_back: 48 })
  const newsJson = await call(client, 'FetchNewsData', { keywords: ['market', 'stock'], source_id: 'news_api', hours_back: 48, json_items: true })
  assert.equal(newsJson.news_items_json.toString(), asServed(news.news_items), 'any keyword order: the same answer')
  assert.equal(newsJson.count, news.news_items.length)
  assert.ok(newsJson.max_age_ms > 0 && newsJson.max_age_ms <= 5_000 && newsJson.max_age_ms <= news.max_age_ms)
})

test('json_items with the engine\'s caches off: max_age_ms is 0 (nothing may be reused)', async (t) => {
  const { client } = await startStack(t, { tickStream: { enabled: false }, quoteCacheMs: 0, newsCacheMs: 0 })
  const quotes = await call(client, 'FetchMarketData', { symbols: ['AAPL'], source_id: '', json_items: true })
  assert.equal(quotes.max_age_ms, 0)
  assert.equal(quotes.market_data_json.length, 1)
  const news = await call(client, 'FetchNewsData', { keywords: ['stock'], source_id: '', hours_back: 24, json_items: true })
  assert.equal(news.max_age_ms, 0)
})
