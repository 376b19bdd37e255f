import { test } from 'node:test'
import assert from 'node:assert/strict'
import { call, startStack } from '../fixtures/stack.js'
import { waitFor } from '../../../../test/helpers/wait.js'

test('HealthCheck answers healthy with version, uptime and per-source components once sources connect', async (t) => {
  const { client } = await startStack(t)
  await waitFor(async () => (await call(client, 'HealthCheck', {})).status === 'healthy', 'healthy', 15_000)
  const health = await call(client, 'HealthCheck', {})
  assert.equal(health.healthy, true)
  assert.match(health.version, /^\d+\.\d+\.\d+/)
  assert.ok(health.uptime_ms >= 0)
  assert.deepEqual(health.components, { grpc: true, market_buffer: true, news_store: true, yahoo_finance: true, news_api: true, tick_stream: true })
})

test('FetchMarketData returns one quote per symbol with Yahoo fields mapped, and stores it in the buffer', async (t) => {
  const { client } = await startStack(t, { tickStream: { enabled: false } })
  const res = await call(client, 'FetchMarketData', { symbols: ['aapl', 'MSFT'], source_id: '' })
  assert.equal(res.success, true)
  assert.deepEqual(res.market_data.map((q) => q.symbol), ['AAPL', 'MSFT'])
  const apple = res.market_data[0]
  assert.ok(apple !== undefined && apple.price > 0)
  assert.equal(apple.source, 'yahoo_finance')
  assert.ok(apple.timestamp > 1_600_000_000_000, 'timestamp is epoch ms')
  for (const key of ['bid', 'ask', 'change', 'change_percent', 'day_high', 'day_low', 'open', 'previous_close']) {
    assert.equal(typeof apple.additional_data[key], 'number', key)
  }
  const buffer = await call(client, 'GetMarketDataBuffer', { symbol: 'AAPL', limit: 10 })
  assert.equal(buffer.market_data.length, 1)
  assert.equal(buffer.market_data[0]?.price, apple.price)
})

test('FetchMarketData names the symbols the provider does not know, and answers NOT_FOUND when it knows none', async (t) => {
  const { client } = await startStack(t, { tickStream: { enabled: false } })
  const partial = await call(client, 'FetchMarketData', { symbols: ['AAPL', 'NOPE1'], source_id: 'yahoo_finance' })
  assert.deepEqual(partial.market_data.map((q) => q.symbol), ['AAPL'])
  assert.match(partial.message, /not found: NOPE1/)
})

test('the stream feeds the buffer: GetMarketDataBuffer reads newest first, per symbol and for all symbols', async (t) => {
  const { client } = await startStack(t, {}, { knobs: { tickRateHz: 20 } })
  await waitFor(async () => (await call(client, 'GetMarketDataBuffer', { symbol: 'MSFT', limit: 5 })).market_data.length === 5, 'MSFT ticks', 15_000)
  const msft = await call(client, 'GetMarketDataBuffer', { symbol: 'MSFT', limit: 5 })
  assert.ok(msft.market_data.every((d) => d.symbol === 'MSFT' && d.source === 'tick_stream'))
  const times = msft.market_data.map((d) => d.timestamp)
  assert.deepEqual(times, [...times].sort((a, b) => b - a))
  const all = await call(client, 'GetMarketDataBuffer', { symbol: '', limit: 0 })
  assert.equal(all.market_data.length, 50, 'limit 0 means the default 50')
  assert.ok(new Set(all.market_data.map((d) => d.symbol)).size > 1)
})

test('FetchNewsData returns scored articles newest first, and GetNewsBuffer finds them by keyword', async (t) => {
  const { client } = await startStack(t, { tickStream: { enabled: false } })
  const res = await call(client, 'FetchNewsData', { keywords: ['stock', 'market'], source_id: 'news_api', hours_back: 48 })
  assert.equal(res.success, true)
  assert.ok(res.news_items.length > 0, 'the simulator has articles for stock OR market')
  const times = res.news_items.map((n) => n.timestamp)
  assert.deepEqual(times, [...times].sort((a, b) => b - a))
  for (const item of res.news_items) {
    assert.ok(item.sentiment_score >= -1 && item.sentiment_score <= 1)
    assert.ok(item.relevance_score >= 0 && item.relevance_score <= 1)
    assert.ok(item.url.length > 0 && item.title.length > 0)
    assert.ok(item.keywords.every((k) => k === 'stock' || k === 'market'))
  }
  assert.ok(res.news_items.some((n) => n.keywords.length > 0 && n.relevance_score > 0))
  const buffered = await call(client, 'GetNewsBuffer', { keywords: [], limit: 1000 })
  assert.equal(buffered.news_items.length, new Set(res.news_items.map((n) => n.url)).size)
  const byKeyword = await call(client, 'GetNewsBuffer', { keywords: ['market'], limit: 5 })
  assert.ok(byKeyword.news_items.length > 0)
  assert.ok(byKeyword.news_items.every((n) => n.keywords.includes('market')))
  // A keyword read is the stored article with this query's keywords and relevance, every other field kept.
  const stored = new Map(buffered.news_items.map((n) => [n.url, n]))
  for (const n of byKeyword.news_items) assert.deepEqual(n, { ...stored.get(n.url), keywords: n.keywords, relevance_score: n.relevance_score })
})

test('GetIngestionStats reports buffers, sources, counters and rates', async (t) => {
  const { client } = await startStack(t, { bufferSize: 7 }, { knobs: { tickRateHz: 20 } })
  await waitFor(async () => ((await call(client, 'GetIngestionStats', {})).stats?.ticks_ingested ?? 0) >= 20, 'ticks ingested', 15_000)
  await call(client, 'FetchNewsData', { keywords: ['earnings'], source_id: '', hours_back: 0 })
  const { stats } = await call(client, 'GetIngestionStats', {})
  assert.ok(stats !== null)
  assert.equal(stats.configured_sources, 3)
  assert.equal(stats.max_buffer_size, 7)
  assert.ok(stats.market_data_buffer_size > 0 && stats.market_data_buffer_size <= 7 * 10)
  assert.ok(stats.ticks_per_second > 0)
  assert.ok(stats.uptime_ms > 0)
  assert.deepEqual(Object.keys(stats.data_sources).sort(), ['news_api', 'tick_stream', 'yahoo_finance'])
  assert.equal(stats.data_sources.tick_stream?.type, 'market_data')
  assert.equal(stats.data_sources.news_api?.type, 'news')
  assert.equal(stats.data_sources.tick_stream?.connected, true)
  assert.match(stats.data_sources.yahoo_finance?.base_url ?? '', /^http:\/\/127\.0\.0\.1:\d+/)
  assert.ok(['closed', 'open', 'half_open'].includes(stats.data_sources.yahoo_finance?.circuit_state ?? ''))
  assert.equal(stats.news_buffer_size, stats.news_ingested)
  assert.equal(stats.stream_subscribers, 0)
})
