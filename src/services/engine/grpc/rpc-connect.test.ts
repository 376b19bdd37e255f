import { test } from 'node:test'
import assert from 'node:assert/strict'
import { status } from '@grpc/grpc-js'
import { call, metricSum, scrape, startStack, trailersOf } from '../fixtures/stack.js'
import { waitFor } from '../../../../test/helpers/wait.js'

test('connecting an already-connected source succeeds without any upstream request', async (t) => {
  const { sim, client } = await startStack(t, { tickStream: { enabled: false } })
  await waitFor(async () => (await call(client, 'HealthCheck', {})).status === 'healthy', 'sources connected', 15_000)
  const upstreamCalls = async (): Promise<number> => metricSum(await scrape(sim.urls.http), 'http_requests_total', { route: '/v7/finance/quote' }) +
    metricSum(await scrape(sim.urls.http), 'http_requests_total', { route: '/v2/everything' })
  const before = await upstreamCalls()
  for (let i = 0; i < 25; i++) {
    const yahoo = await call(client, 'ConnectDataSource', { source_id: 'yahoo_finance', api_key: i % 2 === 0 ? '' : 'ignored-key' })
    assert.deepEqual(yahoo, { success: true, message: 'yahoo_finance already connected', connected: true, source_id: 'yahoo_finance', already_connected: true })
    const news = await call(client, 'ConnectDataSource', { source_id: 'news_api', api_key: '' })
    assert.equal(news.connected, true)
  }
  assert.equal(await upstreamCalls(), before)
})

test('a new news api_key is verified once, then reused cheaply; a rejected key is refused without calling the provider again', async (t) => {
  const { sim, client } = await startStack(t, { tickStream: { enabled: false }, newsApi: { apiKey: 'good-key-1' } }, { apiKey: 'good-key-1' })
  await waitFor(async () => (await call(client, 'HealthCheck', {})).components.news_api === true, 'news_api connected', 15_000)
  const newsCalls = async (): Promise<number> => metricSum(await scrape(sim.urls.http), 'http_requests_total', { route: '/v2/everything' })

  const before = await newsCalls()
  for (let i = 0; i < 2; i++) {
    await assert.rejects(call(client, 'ConnectDataSource', { source_id: 'news_api', api_key: 'stolen-key' }), (err: unknown) => {
      assert.equal(trailersOf(err).errorCode, 'MIB_ERR_ENGINE_INVALID_API_KEY')
      assert.equal(trailersOf(err).code, status.INVALID_ARGUMENT)
      return true
    })
  }
  assert.equal(await newsCalls() - before, 1, 'the second attempt with the same bad key costs no upstream call')
  // The good key is still in use.
  const res = await call(client, 'FetchNewsData', { keywords: ['market'], source_id: 'news_api', hours_back: 24 })
  assert.equal(res.success, true)
  const same = await call(client, 'ConnectDataSource', { source_id: 'news_api', api_key: 'good-key-1' })
  assert.equal(same.message, 'news_api already connected')
})

test('connecting the tick stream opens it, and connecting again is a no-op', async (t) => {
  const { client } = await startStack(t)
  await waitFor(async () => (await call(client, 'HealthCheck', {})).components.tick_stream === true, 'tick stream connected', 15_000)
  const again = await call(client, 'ConnectDataSource', { source_id: 'tick_stream', api_key: '' })
  assert.deepEqual(again, { success: true, message: 'tick_stream already connected', connected: true, source_id: 'tick_stream', already_connected: true })
})
