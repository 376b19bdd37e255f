import { test } from 'node:test'
import assert from 'node:assert/strict'
import { quotesMessage } from '../../common/contract/messages.js'
import { GatewayMetrics } from '../metrics.js'
import { EngineClient } from './client.js'
import { EngineFetches } from './engine-fetches.js'
import * as grpc from '@grpc/grpc-js'
import { engineError, startScriptedEngine } from '../fixtures/scripted-engine.js'

const quote = (symbol: string, price: number): Record<string, unknown> => ({ additional_data: { bid: price - 1 }, symbol, price, volume: 10, timestamp: 1_700_000_000_000, source: 'yahoo_finance' })

/**
 * An engine answering every quote at `price` (the call count), known symbols only, with the given max age
 * for the answer, and per quote `quoteAges[symbol]` when given (else no per-quote ages: an older engine).
 */
async function fetchesWith (t: import('node:test').TestContext, maxAgeMs: number, quoteAges?: Record<string, number>): Promise<{ fetches: EngineFetches, calls: { quotes: string[][], news: string[][] }, metrics: GatewayMetrics }> {
  const calls = { quotes: [] as string[][], news: [] as string[][] }
  const engine = await startScriptedEngine(t, {
    FetchMarketData: (call, cb) => {
      const { symbols, source_id: sourceId } = call.request
      calls.quotes.push(symbols)
      const known = symbols.filter((s) => s !== 'NOPE')
      const missing = symbols.filter((s) => s === 'NOPE')
      cb(null, {
        success: true,
        message: quotesMessage(known.length, sourceId, missing),
        market_data_json: known.map((s) => Buffer.from(JSON.stringify(quote(s, calls.quotes.length)))),
        max_age_ms: maxAgeMs,
        quote_max_age_ms: quoteAges === undefined ? [] : known.map((s) => quoteAges[s] ?? 0)
      })
    },
    FetchNewsData: (call, cb) => {
      calls.news.push(call.request.keywords)
      // Slow enough for concurrent identical fetches to overlap.
      setTimeout(() => { cb(null, { success: true, message: `1 articles from ${call.request.source_id}`, news_items_json: Buffer.from(`[{"n":${calls.news.length}}]`), count: 1, max_age_ms: maxAgeMs }) }, 30)
    }
  })
  const metrics = new GatewayMetrics()
  const client = new EngineClient({ url: engine.url, metrics, fetchDeadlineMs: 2000, readDeadlineMs: 2000, retryAfterS: 1, reconnectInitialMs: 50, reconnectMaxMs: 200 })
  t.after(() => { client.close() })
  return { fetches: new EngineFetches(client, metrics, { maxBytes: 1 << 20, staleIfErrorMs: 0 }), calls, metrics }
}

test('quotes are kept per symbol within the engine\'s max_age_ms: any combination of kept symbols is served without an RPC, reading like the engine\'s answer', async (t) => {
  const { fetches, calls, metrics } = await fetchesWith(t, 60_000)
  const first = await fetches.quotes(['AAPL', 'MSFT'], 'yahoo_finance')
  assert.equal(first.message, '2 quotes from yahoo_finance')
  const kept = await fetches.quotes(['MSFT', 'AAPL'], 'yahoo_finance')
  assert.equal(calls.quotes.length, 1, 'served from the kept quotes')
  assert.deepEqual(JSON.parse(kept.json.toString()), [quote('MSFT', 1), quote('AAPL', 1)], 'in the order asked')
  assert.equal(kept.message, first.message)
  assert.equal(kept.count, 2)
  const single = await fetches.quotes(['AAPL'], 'yahoo_finance')
  assert.equal(single.json.toString(), `[${JSON.stringify(quote('AAPL', 1))}]`)
  assert.equal(calls.quotes.length, 1)
  // One symbol not kept: the whole request goes to the engine.
  await fetches.quotes(['AAPL', 'TSLA'], 'yahoo_finance')
  assert.deepEqual(calls.quotes[1], ['AAPL', 'TSLA'])
  // Another source is another key.
  await fetches.quotes(['AAPL'], 'other')
  assert.equal(calls.quotes.length, 3)
  assert.match(await metrics.registry.metrics(), /gateway_kept_answer_hits_total\{method="FetchMarketData",service="gateway"\} 2/)
})

test('an answer naming unknown symbols is served as the engine wrote it and not kept', async (t) => {
  const { fetches, calls } = await fetchesWith(t, 60_000)
  const partial = await fetches.quotes(['AAPL', 'NOPE'], 'yahoo_finance')
  assert.equal(partial.message, '1 quotes from yahoo_finance; not found: NOPE')
  assert.equal(partial.count, 1)
  await fetches.quotes(['AAPL'], 'yahoo_finance')
  assert.equal(calls.quotes.length, 2, 'AAPL was not kept from the partial answer')
})

test('max_age_ms 0 (the engine\'s caches off): every fetch asks the engine', async (t) => {
  const { fetches, calls } = await fetchesWith(t, 0)
  await fetches.quotes(['AAPL'], 'yahoo_finance')
  await fetches.quotes(['AAPL'], 'yahoo_finance')
  await fetches.news(['stock'], 'news_api', 24)
  await fetches.news(['stock'], 'news_api', 24)
  assert.equal(calls.quotes.length, 2)
  assert.equal(calls.news.length, 2)
})

test('kept quotes expire with their max age', async (t) => {
  const { fetches, calls } = await fetchesWith(t, 50)
  await fetches.quotes(['AAPL'], 'yahoo_finance')
  await fetches.quotes(['AAPL'], 'yahoo_finance')
  assert.equal(calls.quotes.length, 1)
  await new Promise((resolve) => setTimeout(resolve, 80))
  const refreshed = await fetches.quotes(['AAPL'], 'yahoo_finance')
  assert.equal(calls.quotes.length, 2)
  assert.equal((JSON.parse(refreshed.json.toString()) as Array<{ price: number }>)[0]?.price, 2)
})

test('each quote is kept for its own max age: a symbol fetched long ago does not shorten a fresh one', async (t) => {
  const { fetches, calls } = await fetchesWith(t, 40, { AAPL: 60_000, MSFT: 40 })
  await fetches.quotes(['AAPL', 'MSFT'], 'yahoo_finance')
  await new Promise((resolve) => setTimeout(resolve, 70))
  await fetches.quotes(['AAPL'], 'yahoo_finance')
  assert.equal(calls.quotes.length, 1, 'AAPL is still kept')
  await fetches.quotes(['MSFT'], 'yahoo_finance')
  assert.equal(calls.quotes.length, 2, 'MSFT expired with its own age')
})

test('concurrent identical quote misses share one RPC', async (t) => {
  const { fetches, calls } = await fetchesWith(t, 0)
  const [a, b] = await Promise.all([fetches.quotes(['AAPL', 'MSFT'], 'yahoo_finance'), fetches.quotes(['AAPL', 'MSFT'], 'yahoo_finance')])
  assert.equal(calls.quotes.length, 1)
  assert.equal(a.json, b.json)
})

test('news answers are kept per source, hours and keyword set (any order); concurrent identical misses share one RPC', async (t) => {
  const { fetches, calls } = await fetchesWith(t, 60_000)
  const [a, b] = await Promise.all([fetches.news(['stock', 'market'], 'news_api', 24), fetches.news(['stock', 'market'], 'news_api', 24)])
  assert.equal(calls.news.length, 1, 'coalesced')
  assert.equal(a.json, b.json)
  const reordered = await fetches.news(['market', 'stock'], 'news_api', 24)
  assert.equal(calls.news.length, 1, 'the same keyword set')
  assert.equal(reordered.json.toString(), '[{"n":1}]')
  assert.equal(reordered.message, '1 articles from news_api')
  await fetches.news(['market', 'stock'], 'news_api', 48)
  await fetches.news(['stock'], 'news_api', 24)
  assert.equal(calls.news.length, 3, 'other hours, other keywords: other answers')
})

test('stale if error: a provider failure serves the kept answer past its freshness, marked, until the stale bound; other failures never', async (t) => {
  let failWith: Record<string, string> | undefined
  let quoteCalls = 0
  const engine = await startScriptedEngine(t, {
    FetchMarketData: (call, cb) => {
      quoteCalls++
      if (failWith !== undefined) { cb(engineError(grpc.status.UNAVAILABLE, 'failed', failWith)); return }
      cb(null, { success: true, message: quotesMessage(call.request.symbols.length, 'yahoo_finance', []), market_data_json: call.request.symbols.map((s) => Buffer.from(JSON.stringify(quote(s, quoteCalls)))), max_age_ms: 20, quote_max_age_ms: [] })
    },
    FetchNewsData: (_call, cb) => {
      if (failWith !== undefined) { cb(engineError(grpc.status.UNAVAILABLE, 'failed', failWith)); return }
      cb(null, { success: true, message: '1 articles from news_api', news_items_json: Buffer.from('[{"n":1}]'), count: 1, max_age_ms: 20 })
    }
  })
  const metrics = new GatewayMetrics()
  const client = new EngineClient({ url: engine.url, metrics, fetchDeadlineMs: 2000, readDeadlineMs: 2000, retryAfterS: 1, reconnectInitialMs: 50, reconnectMaxMs: 200 })
  t.after(() => { client.close() })
  const fetches = new EngineFetches(client, metrics, { maxBytes: 1 << 20, staleIfErrorMs: 1_500 })
  const first = await fetches.quotes(['AAPL', 'MSFT'], 'yahoo_finance')
  await fetches.news(['stock'], 'news_api', 24)
  await new Promise((resolve) => setTimeout(resolve, 40))

  // Not the provider: the engine's own failure or a client mistake is never covered up.
  failWith = { 'mib-error-code': 'MIB_ERR_ENGINE_SHUTTING_DOWN', 'mib-http-status': '503' }
  await assert.rejects(fetches.quotes(['AAPL'], 'yahoo_finance'), { code: 'MIB_ERR_ENGINE_SHUTTING_DOWN' })

  failWith = { 'mib-error-code': 'MIB_ERR_ENGINE_CIRCUIT_OPEN', 'mib-http-status': '503', 'mib-retry-after-s': '1' }
  const stale = await fetches.quotes(['MSFT', 'AAPL'], 'yahoo_finance')
  assert.deepEqual(JSON.parse(stale.json.toString()), [quote('MSFT', 1), quote('AAPL', 1)])
  assert.equal(stale.message, first.message)
  assert.equal(stale.stale?.reason, 'MIB_ERR_ENGINE_CIRCUIT_OPEN')
  assert.ok((stale.stale?.ageMs ?? -1) >= 40)
  assert.equal((await fetches.news(['stock'], 'news_api', 24)).stale?.reason, 'MIB_ERR_ENGINE_CIRCUIT_OPEN')
  // One symbol with nothing kept: the engine's error, whole.
  await assert.rejects(fetches.quotes(['AAPL', 'TSLA'], 'yahoo_finance'), { code: 'MIB_ERR_ENGINE_CIRCUIT_OPEN', statusCode: 503 })
  const text = await metrics.registry.metrics()
  assert.match(text, /gateway_stale_answers_total\{method="FetchMarketData",reason="MIB_ERR_ENGINE_CIRCUIT_OPEN",service="gateway"\} 1/)
  assert.match(text, /gateway_stale_answers_total\{method="FetchNewsData",reason="MIB_ERR_ENGINE_CIRCUIT_OPEN",service="gateway"\} 1/)

  // Past the bound: a clean refusal, not an ever older answer.
  await new Promise((resolve) => setTimeout(resolve, 1_520))
  await assert.rejects(fetches.quotes(['AAPL'], 'yahoo_finance'), { code: 'MIB_ERR_ENGINE_CIRCUIT_OPEN', statusCode: 503 })
  await assert.rejects(fetches.news(['stock'], 'news_api', 24), { code: 'MIB_ERR_ENGINE_CIRCUIT_OPEN' })
})
