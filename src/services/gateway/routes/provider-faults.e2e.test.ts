/**
 * Provider faults as a client sees them, through the real stack (provider
 * simulator, engine, gateway) over loopback, with the simulator's fault knobs
 * set over its admin API as the chaos workflow sets them: a fetch is answered
 * fresh, or stale and marked so (within the bound), or with a clean 503 +
 * Retry-After and the engine's code — never a 502/504, which a chaos verdict
 * counts as unclean (the chaos run's "provider slow": 111 of them).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { request } from 'undici'
import { PROVIDER_UNAVAILABLE } from '../engine-client/engine-fetches.js'
import { postJson, type JsonResponse } from '../fixtures/http.js'
import { startTestStack } from '../fixtures/stack.js'
import { waitFor } from '../../../../test/helpers/wait.js'

interface FetchBody { success: boolean, error?: string, market_data?: Array<{ symbol: string, price: number, timestamp: number }>, news_items?: unknown[], metadata: Record<string, unknown> }

async function setKnobs (simUrl: string, knobs: Record<string, number>): Promise<void> {
  const res = await request(`${simUrl}/admin/config`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(knobs) })
  assert.equal(res.statusCode, 200, await res.body.text())
}

function assertCleanRefusal (res: JsonResponse<FetchBody>, what: string): void {
  assert.equal(res.status, 503, `${what}: ${JSON.stringify(res.body)}`)
  assert.ok(Number(res.headers['retry-after']) >= 1, `${what}: Retry-After`)
  assert.equal(res.body.success, false)
  assert.ok(PROVIDER_UNAVAILABLE.has(String(res.body.error)), `${what}: ${String(res.body.error)}`)
}

test('a failing provider: kept answers are served stale and marked, others are a clean 503; fresh again once it recovers', async (t) => {
  // Fast recovery (as by default: a 1 s circuit cool-down); no tick stream, so only fetches reach the provider.
  const { sim, gateway } = await startTestStack(t, {}, { tickStream: { enabled: false }, breaker: { openMs: 200 } })
  const api = `${gateway.urls.http}/api/v1`
  const market = async (symbols: string[]): Promise<JsonResponse<FetchBody>> => await postJson<FetchBody>(`${api}/market-data/fetch`, { symbols, source_id: 'yahoo_finance' })
  const news = async (): Promise<JsonResponse<FetchBody>> => await postJson<FetchBody>(`${api}/news/fetch`, { keywords: ['stock'], source_id: 'news_api', hours_back: 24 })

  const fresh = await market(['AAPL', 'MSFT'])
  assert.equal(fresh.status, 200, JSON.stringify(fresh.body))
  assert.equal(fresh.body.metadata.stale, undefined, 'a fresh answer carries no stale mark')
  assert.equal((await news()).status, 200)

  await setKnobs(sim.urls.http, { errorRate: 1 })
  // Once the engine's answers are past their freshness (quotes 250 ms, news 1 s), the provider is asked and fails.
  const stale = await waitFor(async () => { const r = await market(['MSFT', 'AAPL']); return r.body.metadata.stale === true ? r : undefined }, 'a stale quote answer')
  assert.equal(stale.status, 200)
  assert.ok(PROVIDER_UNAVAILABLE.has(String(stale.body.metadata.stale_reason)), String(stale.body.metadata.stale_reason))
  assert.ok(typeof stale.body.metadata.age_ms === 'number' && stale.body.metadata.age_ms >= 0)
  assert.deepEqual(stale.body.market_data?.map((q) => [q.symbol, q.price, q.timestamp]),
    [...(fresh.body.market_data ?? [])].reverse().map((q) => [q.symbol, q.price, q.timestamp]), 'the kept quotes, in the order asked')
  const staleNews = await waitFor(async () => { const r = await news(); return r.body.metadata.stale === true ? r : undefined }, 'a stale news answer')
  assert.equal(staleNews.status, 200)

  // Nothing kept for this symbol: no answer to stand in, a clean refusal.
  assertCleanRefusal(await market(['TSLA']), 'a symbol never fetched')
  const metrics = await (await request(`${gateway.urls.http}/metrics`)).body.text()
  assert.match(metrics, /gateway_stale_answers_total\{method="FetchMarketData",reason="MIB_ERR_ENGINE_[A-Z_]+",service="gateway"\} [1-9]/)
  assert.match(metrics, /gateway_stale_answers_total\{method="FetchNewsData",/)

  await setKnobs(sim.urls.http, { errorRate: 0 })
  const recovered = await waitFor(async () => { const r = await market(['TSLA']); return r.status === 200 ? r : undefined }, 'a fresh answer after recovery')
  assert.equal(recovered.body.metadata.stale, undefined)
})

test('a slow provider: an answer the engine cannot get in time is a clean 503 MIB_ERR_ENGINE_UPSTREAM_TIMEOUT, not a 504', async (t) => {
  const { sim, gateway } = await startTestStack(t, {}, { tickStream: { enabled: false }, http: { timeoutMs: 150 }, breaker: { consecutiveFailures: 1000, minimumCalls: 100_000 } })
  await setKnobs(sim.urls.http, { latencyMedianMs: 1_000, latencyP99Ms: 1_000 })
  const res = await postJson<FetchBody>(`${gateway.urls.http}/api/v1/market-data/fetch`, { symbols: ['NVDA'], source_id: 'yahoo_finance' })
  assertCleanRefusal(res, 'a slow provider')
  assert.equal(res.body.error, 'MIB_ERR_ENGINE_UPSTREAM_TIMEOUT')
  await setKnobs(sim.urls.http, { latencyMedianMs: 0, latencyP99Ms: 0 })
})
