/**
 * Fetches against the real engine: the gateway serves the engine's JSON bytes
 * (`json_items`) and keeps an answer for as long as the engine says it stays
 * its answer (`max_age_ms`). Pinned here: what clients get is the JSON they got
 * when the gateway serialized decoded messages, and a kept answer reads like a fresh one.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import * as grpc from '@grpc/grpc-js'
import { request } from 'undici'
import { loadContract, type FetchMarketDataResponse__Output, type FetchNewsDataResponse__Output } from '../../common/contract/index.js'
import { startTestStack } from '../fixtures/stack.js'

async function postText (url: string, body: unknown): Promise<{ status: number, text: string }> {
  const res = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  return { status: res.statusCode, text: await res.body.text() }
}

/** The response without its per-request timestamp. */
const untimed = (text: string): string => text.replace(/,"timestamp":"[^"]+"}$/, '}')

test('fetch answers are the engine\'s decoded messages as JSON, byte for byte, and a kept answer is the same answer', async (t) => {
  // Long engine caches: the direct call below must see the answers the gateway got, however slow the machine.
  const { gateway, engine } = await startTestStack(t, {}, { quoteCacheMs: 30_000, newsCacheMs: 30_000 })
  const api = `${gateway.urls.http}/api/v1`
  const Client = loadContract().market_intel.core_engine.CoreEngineService
  const direct = new Client(engine.urls.grpc, grpc.credentials.createInsecure())
  t.after(() => { direct.close() })

  const first = await postText(`${api}/market-data/fetch`, { symbols: ['AAPL', 'MSFT'] })
  assert.equal(first.status, 200, first.text)
  // Within the engine's quote cache the engine answers the same quotes, here as messages.
  const messages = await new Promise<FetchMarketDataResponse__Output>((resolve, reject) => {
    direct.FetchMarketData({ symbols: ['AAPL', 'MSFT'], source_id: 'yahoo_finance' }, (err, res) => { if (err !== null || res === undefined) reject(err); else resolve(res) })
  })
  const again = await postText(`${api}/market-data/fetch`, { symbols: ['AAPL', 'MSFT'] })
  const quotesJson = JSON.stringify(messages.market_data)
  assert.ok(first.text.includes(`"market_data":${quotesJson},`), `${first.text.slice(0, 400)}\nvs\n${quotesJson.slice(0, 400)}`)
  assert.equal(untimed(again.text), untimed(first.text), 'the kept answer: same message, items and metadata')
  assert.match(first.text, /^\{"success":true,"message":"2 quotes from yahoo_finance","market_data":\[/)

  const news = await postText(`${api}/news/fetch`, { keywords: ['stock', 'market'], hours_back: 24 })
  assert.equal(news.status, 200, news.text)
  const newsMessages = await new Promise<FetchNewsDataResponse__Output>((resolve, reject) => {
    direct.FetchNewsData({ keywords: ['stock', 'market'], source_id: 'news_api', hours_back: 24 }, (err, res) => { if (err !== null || res === undefined) reject(err); else resolve(res) })
  })
  assert.ok(news.text.includes(`"news_items":${JSON.stringify(newsMessages.news_items)},`), 'the same news items, byte for byte')
  const reordered = await postText(`${api}/news/fetch`, { keywords: ['market', 'stock'], hours_back: 24 })
  const [a, b] = [JSON.parse(news.text), JSON.parse(reordered.text)] as Array<{ message: string, news_items: unknown[], metadata: { keywords: string[] } }>
  assert.deepEqual(b?.news_items, a?.news_items, 'the same answer for the same keyword set')
  assert.equal(b?.message, a?.message)
  assert.deepEqual(b?.metadata.keywords, ['market', 'stock'], 'metadata says the keywords as asked')

  const metrics = await (await request(`${gateway.urls.http}/metrics`)).body.text()
  assert.match(metrics, /gateway_kept_answer_hits_total\{method="FetchMarketData",service="gateway"\} [1-9]/)
})
