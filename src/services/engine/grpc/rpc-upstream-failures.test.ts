import { test } from 'node:test'
import assert from 'node:assert/strict'
import { status } from '@grpc/grpc-js'
import { call, metricSum, scrape, startStack, trailersOf } from '../fixtures/stack.js'
import { waitFor } from '../../../../test/helpers/wait.js'

const UPSTREAM_CODES = new Set(['MIB_ERR_ENGINE_UPSTREAM_FAILED', 'MIB_ERR_ENGINE_UPSTREAM_UNAVAILABLE', 'MIB_ERR_ENGINE_UPSTREAM_RATE_LIMITED', 'MIB_ERR_ENGINE_CIRCUIT_OPEN'])

test('a flaky provider is retried with backoff: calls mostly succeed, failures are counted, the engine keeps serving', async (t) => {
  const { sim, engine, client } = await startStack(t, {
    tickStream: { enabled: false },
    quoteCacheMs: 0,
    retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20 },
    breaker: { consecutiveFailures: 1000, failureRatio: 1, minimumCalls: 1000 }
  })
  await waitFor(async () => (await call(client, 'HealthCheck', {})).status === 'healthy', 'sources connected', 15_000)
  sim.setKnobs({ errorRate: 0.3 })
  let ok = 0
  for (let i = 0; i < 20; i++) {
    try {
      await call(client, 'FetchMarketData', { symbols: ['AAPL'], source_id: '' })
      ok++
    } catch (err) {
      assert.ok(UPSTREAM_CODES.has(trailersOf(err).errorCode), trailersOf(err).errorCode)
    }
  }
  assert.ok(ok >= 15, `only ${ok}/20 fetches succeeded despite retries`)
  const metrics = await scrape(engine.urls.admin)
  assert.ok(metricSum(metrics, 'mib_engine_upstream_retries_total', { source: 'yahoo_finance' }) > 0, 'retries were made')
  assert.ok(metricSum(metrics, 'mib_engine_upstream_request_duration_seconds_count', { source: 'yahoo_finance', outcome: 'http_5xx' }) +
    metricSum(metrics, 'mib_engine_upstream_request_duration_seconds_count', { source: 'yahoo_finance', outcome: 'http_429' }) > 0)

  sim.setKnobs({ errorRate: 1 })
  const err = await call(client, 'FetchMarketData', { symbols: ['MSFT'], source_id: '' }).then(() => undefined, (e: unknown) => e)
  assert.ok(err !== undefined, 'an always-failing provider fails the call')
  const trailers = trailersOf(err)
  assert.ok(UPSTREAM_CODES.has(trailers.errorCode), trailers.errorCode)
  assert.equal(trailers.httpStatus, '503', 'a failing provider is transient: 503')
  assert.equal(trailers.code, status.UNAVAILABLE)
  const { stats } = await call(client, 'GetIngestionStats', {})
  assert.ok((stats?.errors ?? 0) > 0, 'the failure is counted')
  assert.equal((await call(client, 'HealthCheck', {})).healthy, true)
})

test('regression: a provider slower than the timeout answered 504 (unclean in a chaos verdict); now UNAVAILABLE with 503, it opens the circuit, and recovers when it speeds up', async (t) => {
  const { sim, client, engine } = await startStack(t, {
    tickStream: { enabled: false },
    quoteCacheMs: 0,
    http: { timeoutMs: 150 },
    // Long enough that the open state is still there when asserted on a busy machine.
    breaker: { consecutiveFailures: 2, openMs: 4_000 }
  })
  await waitFor(async () => (await call(client, 'HealthCheck', {})).status === 'healthy', 'sources connected', 15_000)
  sim.setKnobs({ latencyMedianMs: 1_500, latencyP99Ms: 1_500 })
  for (let i = 0; i < 2; i++) {
    await assert.rejects(call(client, 'FetchMarketData', { symbols: ['AAPL'], source_id: '' }), (err: unknown) => {
      assert.deepEqual(trailersOf(err), { code: status.UNAVAILABLE, errorCode: 'MIB_ERR_ENGINE_UPSTREAM_TIMEOUT', httpStatus: '503', details: 'yahoo_finance did not answer within 150 ms' })
      return true
    })
  }
  await assert.rejects(call(client, 'FetchMarketData', { symbols: ['AAPL'], source_id: '' }), (err: unknown) => {
    const trailers = trailersOf(err)
    assert.equal(trailers.errorCode, 'MIB_ERR_ENGINE_CIRCUIT_OPEN')
    assert.equal(trailers.httpStatus, '503')
    assert.equal(trailers.code, status.UNAVAILABLE)
    return true
  })
  // Regression: circuit-open fast-fails were counted as upstream failures (~100x inflation under a long outage).
  for (let i = 0; i < 5; i++) await call(client, 'FetchMarketData', { symbols: ['AAPL'], source_id: '' }).catch(() => undefined)
  const counted = await scrape(engine.urls.admin)
  assert.equal(metricSum(counted, 'mib_engine_upstream_failures_total', { source: 'yahoo_finance' }), 2, 'only the two real timeouts')
  assert.ok(metricSum(counted, 'mib_engine_upstream_short_circuited_total', { source: 'yahoo_finance' }) >= 6, 'the fast-fails, apart')
  const during = await call(client, 'GetIngestionStats', {})
  assert.equal(during.stats?.errors, 2, 'ingestion errors count the real failures only')
  assert.equal(during.stats?.data_sources.yahoo_finance?.circuit_state, 'open')
  assert.equal(during.stats?.data_sources.yahoo_finance?.connected, false)
  assert.equal((await call(client, 'HealthCheck', {})).status, 'degraded')

  sim.setKnobs({ latencyMedianMs: 0, latencyP99Ms: 0 })
  await waitFor(async () => {
    try {
      await call(client, 'FetchMarketData', { symbols: ['AAPL'], source_id: '' })
      return true
    } catch {
      return false
    }
  }, 'recovery after the cool-down', 30_000)
  const after = await call(client, 'GetIngestionStats', {})
  assert.equal(after.stats?.data_sources.yahoo_finance?.circuit_state, 'closed')
})

test('concurrent identical fetches share one upstream call, and the quote cache absorbs repeats', async (t) => {
  const { sim, engine, client } = await startStack(t, { tickStream: { enabled: false }, quoteCacheMs: 60_000 })
  await waitFor(async () => (await call(client, 'HealthCheck', {})).status === 'healthy', 'sources connected', 15_000)
  sim.setKnobs({ latencyMedianMs: 200, latencyP99Ms: 200 })
  const quoteCalls = async (): Promise<number> => metricSum(await scrape(sim.urls.http), 'http_requests_total', { route: '/v7/finance/quote' })
  const before = await quoteCalls()
  const results = await Promise.all(Array.from({ length: 20 }, async () => await call(client, 'FetchMarketData', { symbols: ['NVDA', 'META'], source_id: '' })))
  const prices = new Set(results.map((r) => r.market_data.map((q) => q.price).join(',')))
  assert.equal(prices.size, 1, 'every caller got the same quotes')
  await call(client, 'FetchMarketData', { symbols: ['META'], source_id: '' })
  assert.equal(await quoteCalls() - before, 1, 'one upstream call served 21 fetches')
  const metrics = await scrape(engine.urls.admin)
  assert.ok(metricSum(metrics, 'mib_engine_quote_cache_total', { result: 'coalesced' }) > 0)
  assert.ok(metricSum(metrics, 'mib_engine_quote_cache_total', { result: 'hit' }) > 0)
  // Fetched once, ingested once.
  assert.equal((await call(client, 'GetMarketDataBuffer', { symbol: 'NVDA', limit: 100 })).market_data.length, 1)
})
