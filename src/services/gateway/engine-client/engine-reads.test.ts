import { test } from 'node:test'
import assert from 'node:assert/strict'
import { GatewayMetrics } from '../metrics.js'
import { EngineClient } from './client.js'
import { EngineReads, type EngineReadsSettings } from './engine-reads.js'
import { startScriptedEngine } from '../fixtures/scripted-engine.js'
import { createLogger } from '../../common/logger.js'
import { waitFor } from '../../../../test/helpers/wait.js'

const logger = createLogger({ name: 'test', env: 'test' })
type Settings = Omit<EngineReadsSettings, 'logger' | 'cacheStaleMs'> & { cacheStaleMs?: number }

const stats = { active_connections: 1, configured_sources: 3, max_buffer_size: 1000 }

async function readsWith (t: import('node:test').TestContext, settings: Settings): Promise<{ reads: EngineReads, calls: () => number, metrics: GatewayMetrics }> {
  let calls = 0
  const engine = await startScriptedEngine(t, {
    GetIngestionStats: (_call, cb) => { calls++; setTimeout(() => { cb(null, { success: true, stats: { ...stats, active_connections: calls } }) }, 20) },
    GetMarketDataBuffer: (call, cb) => {
      calls++
      const { symbol, limit } = call.request
      cb(null, { success: true, market_data: Array.from({ length: limit }, (_, i) => ({ symbol, price: i, timestamp: i })) })
    }
  })
  const metrics = new GatewayMetrics()
  const client = new EngineClient({ url: engine.url, metrics, fetchDeadlineMs: 2000, readDeadlineMs: 2000, retryAfterS: 1, reconnectInitialMs: 50, reconnectMaxMs: 200 })
  t.after(() => { client.close() })
  return { reads: new EngineReads(client, metrics, { cacheStaleMs: 0, logger, ...settings }), calls: () => calls, metrics }
}

test('within the TTL a read is answered from the cache, with its age', async (t) => {
  const { reads, calls, metrics } = await readsWith(t, { coalesce: true, cacheTtlMs: 60_000, cacheMaxBytes: 1 << 20 })
  const first = await reads.marketData('AAPL', 3)
  const second = await reads.marketData('AAPL', 3)
  assert.equal(calls(), 1)
  assert.equal(first.count, 3)
  assert.equal(second.json, first.json)
  assert.equal(first.ageMs, 0)
  assert.ok(second.ageMs >= 0)
  assert.equal((JSON.parse(first.json.toString()) as Array<{ symbol: string }>)[0]?.symbol, 'AAPL')
  await reads.marketData('AAPL', 4)
  assert.equal(calls(), 2, 'another limit is another key')
  assert.match(await metrics.registry.metrics(), /gateway_read_cache_hits_total\{[^}]*method="GetMarketDataBuffer"[^}]*\} 1/)
})

test('without the cache, concurrent identical reads still share one RPC', async (t) => {
  const { reads, calls, metrics } = await readsWith(t, { coalesce: true, cacheTtlMs: 0, cacheMaxBytes: 1 << 20 })
  const answers = await Promise.all(Array.from({ length: 10 }, async () => await reads.stats()))
  assert.equal(calls(), 1)
  assert.equal(answers[9]?.json, answers[0]?.json)
  assert.match(await metrics.registry.metrics(), /gateway_engine_rpc_coalesced_total\{[^}]*method="GetIngestionStats"[^}]*\} 9/)
  await reads.stats()
  assert.equal(calls(), 2, 'nothing is kept once the call settled')
})

test('with neither, every read is its own RPC', async (t) => {
  const { reads, calls } = await readsWith(t, { coalesce: false, cacheTtlMs: 0, cacheMaxBytes: 1 << 20 })
  await Promise.all(Array.from({ length: 5 }, async () => await reads.stats()))
  assert.equal(calls(), 5)
})

test('past the TTL a stale answer is served at once while one refresh runs in the background', async (t) => {
  const { reads, calls } = await readsWith(t, { coalesce: true, cacheTtlMs: 1, cacheStaleMs: 60_000, cacheMaxBytes: 1 << 20 })
  const first = await reads.stats()
  assert.equal(calls(), 1)
  await new Promise((resolve) => setTimeout(resolve, 5))
  const stale = await Promise.all(Array.from({ length: 5 }, async () => await reads.stats()))
  for (const answer of stale) assert.equal(answer.json, first.json, 'served from the stale entry, without waiting')
  assert.ok((stale[0]?.ageMs ?? 0) >= 1)
  await waitFor(() => calls() === 2 ? true : undefined, 'the single background refresh')
  const refreshed = await waitFor(async () => { const r = await reads.stats(); return r.json !== first.json ? r : undefined }, 'the refreshed answer')
  assert.equal((JSON.parse(refreshed.json.toString()) as { active_connections: number }).active_connections, 2)
})
