/** Every REST endpoint against the real engine and provider simulator, over loopback sockets. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { getJson, postJson } from '../fixtures/http.js'
import { startTestStack } from '../fixtures/stack.js'

interface Quote { symbol: string, price: number, volume: number, timestamp: number, source: string, additional_data: Record<string, number> }
interface NewsItem { title: string, url: string, timestamp: number, keywords: string[] }

function assertEnvelope (body: Record<string, unknown>, what: string): void {
  assert.equal(body.success, true, `${what}: success (${JSON.stringify(body).slice(0, 300)})`)
  assert.equal(typeof body.message, 'string', `${what}: message`)
  assert.equal(typeof body.metadata, 'object', `${what}: metadata`)
  assert.ok(!Number.isNaN(Date.parse(String(body.timestamp))), `${what}: timestamp`)
}

test('the REST API answers every endpoint of the contract with real data', async (t) => {
  const { gateway } = await startTestStack(t)
  const api = `${gateway.urls.http}/api/v1`

  await t.test('health is 200 with the engine healthy', async () => {
    const res = await getJson<{ healthy: boolean, status: string, version: string, uptime_s: number, services: { core_engine: { healthy: boolean, latency_ms: number } } } & Record<string, unknown>>(`${api}/health`)
    assert.equal(res.status, 200, JSON.stringify(res.body))
    assertEnvelope(res.body, 'health')
    assert.equal(res.body.healthy, true)
    assert.equal(res.body.status, 'ok')
    assert.equal(res.body.services.core_engine.healthy, true)
    assert.equal(typeof res.body.services.core_engine.latency_ms, 'number')
    assert.equal(typeof res.body.version, 'string')
    assert.equal(typeof res.body.uptime_s, 'number')
  })

  await t.test('market-data fetch returns one quote per symbol, from yahoo_finance by default', async () => {
    const res = await postJson<{ market_data: Quote[] } & Record<string, unknown>>(`${api}/market-data/fetch`, { symbols: ['AAPL', 'msft'] })
    assert.equal(res.status, 200, JSON.stringify(res.body))
    assertEnvelope(res.body, 'fetch')
    assert.deepEqual(res.body.market_data.map((q) => q.symbol).sort(), ['AAPL', 'MSFT'])
    for (const quote of res.body.market_data) {
      assert.ok(quote.price > 0)
      assert.ok(quote.timestamp > 0)
      assert.equal(typeof quote.additional_data, 'object')
    }
    assert.equal((res.body.metadata as { source_id: string }).source_id, 'yahoo_finance')
  })

  await t.test('news fetch returns items for a common finance keyword', async () => {
    const res = await postJson<{ news_items: NewsItem[] } & Record<string, unknown>>(`${api}/news/fetch`, { keywords: ['stock'], source_id: 'news_api', hours_back: 24 })
    assert.equal(res.status, 200, JSON.stringify(res.body))
    assertEnvelope(res.body, 'news fetch')
    assert.ok(res.body.news_items.length > 0)
    assert.equal(typeof res.body.news_items[0]?.title, 'string')
  })

  await t.test('the market-data buffer returns the symbol\'s quotes, newest first, within the limit', async () => {
    await postJson(`${api}/market-data/fetch`, { symbols: ['AAPL', 'TSLA'] })
    const res = await getJson<{ market_data: Quote[] } & Record<string, unknown>>(`${api}/market-data/buffer?symbol=aapl&limit=50`)
    assert.equal(res.status, 200, JSON.stringify(res.body))
    assertEnvelope(res.body, 'buffer')
    assert.ok(res.body.market_data.length > 0 && res.body.market_data.length <= 50)
    assert.ok(res.body.market_data.every((q) => q.symbol === 'AAPL'))
    const all = await getJson<{ market_data: Quote[] }>(`${api}/market-data/buffer?limit=1000`)
    assert.ok(new Set(all.body.market_data.map((q) => q.symbol)).size >= 2, 'no symbol = every symbol')
    const one = await getJson<{ market_data: Quote[], metadata: { count: number } }>(`${api}/market-data/buffer?limit=1`)
    assert.equal(one.body.market_data.length, 1)
    assert.equal(one.body.metadata.count, 1)
  })

  await t.test('the news buffer filters by comma-separated or repeated keywords', async () => {
    const comma = await getJson<{ news_items: NewsItem[] } & Record<string, unknown>>(`${api}/news/buffer?keywords=stock,market&limit=20`)
    assert.equal(comma.status, 200, JSON.stringify(comma.body))
    assertEnvelope(comma.body, 'news buffer')
    assert.ok(comma.body.news_items.length > 0 && comma.body.news_items.length <= 20)
    const repeated = await getJson<{ news_items: NewsItem[] }>(`${api}/news/buffer?keywords=stock&keywords=market&limit=20`)
    assert.deepEqual(repeated.body.news_items.map((n) => n.url), comma.body.news_items.map((n) => n.url))
  })

  await t.test('ingestion stats describe buffers and sources', async () => {
    const res = await getJson<{ stats: { max_buffer_size: number, market_data_buffer_size: number, data_sources: Record<string, { type: string }> } } & Record<string, unknown>>(`${api}/ingestion/stats`)
    assert.equal(res.status, 200, JSON.stringify(res.body))
    assertEnvelope(res.body, 'stats')
    assert.ok(res.body.stats.max_buffer_size > 0)
    assert.ok(res.body.stats.market_data_buffer_size > 0)
    assert.equal(res.body.stats.data_sources.yahoo_finance?.type, 'market_data')
    // Regression: anonymous clients were shown the engine's internal upstream URLs.
    assert.doesNotMatch(JSON.stringify(res.body), /base_url|http:\/\//)
  })

  await t.test('connecting a data source succeeds and says whether it is connected', async () => {
    const res = await postJson<{ connected: boolean, source_id: string } & Record<string, unknown>>(`${api}/data-sources/connect`, { source_id: 'yahoo_finance', api_key: '' })
    assert.equal(res.status, 200, JSON.stringify(res.body))
    assertEnvelope(res.body, 'connect')
    assert.equal(res.body.connected, true)
    assert.equal(res.body.source_id, 'yahoo_finance')
    // The load test connects news_api with an empty key too: the engine's configured key applies.
    const news = await postJson<{ connected: boolean }>(`${api}/data-sources/connect`, { source_id: 'news_api', api_key: '' })
    assert.equal(news.status, 200, JSON.stringify(news.body))
    assert.equal(typeof news.body.connected, 'boolean')
  })

  await t.test('an unknown source_id is the engine\'s 400, passed through with its code', async () => {
    for (const [path, body] of [['market-data/fetch', { symbols: ['AAPL'], source_id: 'bloomberg' }], ['news/fetch', { keywords: ['stock'], source_id: 'bloomberg' }], ['data-sources/connect', { source_id: 'bloomberg' }]] as const) {
      const res = await postJson(`${api}/${path}`, body)
      assert.equal(res.status, 400, `${path}: ${JSON.stringify(res.body)}`)
      assert.equal(res.body.error, 'MIB_ERR_ENGINE_UNKNOWN_SOURCE')
    }
    // A source that cannot answer this kind at all (the tick stream streams) stays the engine's 400; news_api here is served (source-contract.e2e.test.ts).
    const wrongType = await postJson(`${api}/market-data/fetch`, { symbols: ['AAPL'], source_id: 'tick_stream' })
    assert.equal(wrongType.status, 400)
    assert.equal(wrongType.body.error, 'MIB_ERR_ENGINE_WRONG_SOURCE_TYPE')
  })
})

test('regression: a failing upstream reached clients as 502/504; now a 503 with Retry-After and the engine\'s code, and the gateway keeps serving', async (t) => {
  const { sim, gateway } = await startTestStack(t)
  const api = `${gateway.urls.http}/api/v1`
  sim.setKnobs({ errorRate: 1 })
  // Distinct symbols: the engine's short quote cache must not answer for the upstream.
  const market = await postJson(`${api}/market-data/fetch`, { symbols: ['NVDA'] })
  assert.equal(market.status, 503, `market: ${JSON.stringify(market.body)}`)
  assert.match(String(market.body.error), /^MIB_ERR_ENGINE_/)
  assert.equal(market.body.success, false)
  assert.ok(Number(market.headers['retry-after']) >= 1, 'a 503 carries Retry-After')

  const news = await postJson(`${api}/news/fetch`, { keywords: ['earnings'] })
  assert.equal(news.status, 503, `news: ${JSON.stringify(news.body)}`)
  assert.match(String(news.body.error), /^MIB_ERR_ENGINE_/)
  assert.ok(Number(news.headers['retry-after']) >= 1, 'a 503 carries Retry-After')

  const stats = await getJson(`${api}/ingestion/stats`)
  assert.equal(stats.status, 200, 'reads from the buffers still work')
  sim.setKnobs({ errorRate: 0 })
})
