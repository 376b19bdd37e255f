import { test } from 'node:test'
import assert from 'node:assert/strict'
import { status, type ServiceError } from '@grpc/grpc-js'
import type { MarketData__Output } from '../../common/contract/index.js'
import { call, metricSum, scrape, startStack } from '../fixtures/stack.js'
import { waitFor } from '../../../../test/helpers/wait.js'

test('StreamMarketData delivers live ticks of the subscribed symbols only; an empty list streams every symbol', async (t) => {
  const { client } = await startStack(t, {}, { knobs: { tickRateHz: 20 } })
  const apple: MarketData__Output[] = []
  const all: MarketData__Output[] = []
  const appleStream = client.StreamMarketData({ symbols: ['aapl'] })
  const allStream = client.StreamMarketData({ symbols: [] })
  appleStream.on('data', (d: MarketData__Output) => apple.push(d))
  allStream.on('data', (d: MarketData__Output) => all.push(d))
  appleStream.on('error', () => {})
  allStream.on('error', () => {})
  t.after(() => { appleStream.cancel(); allStream.cancel() })
  await waitFor(() => apple.length >= 5 && new Set(all.map((d) => d.symbol)).size >= 3, 'ticks on both streams', 15_000)
  assert.ok(apple.every((d) => d.symbol === 'AAPL' && d.source === 'tick_stream' && d.price > 0 && d.timestamp > 0))
  assert.equal(typeof apple[0]?.additional_data.size, 'number')
  const stats = await call(client, 'GetIngestionStats', {})
  assert.equal(stats.stats?.stream_subscribers, 2)
})

test('a cancelled stream is cleaned up: the subscriber count goes back to 0', async (t) => {
  const { client } = await startStack(t, {}, { knobs: { tickRateHz: 20 } })
  const stream = client.StreamMarketData({ symbols: ['MSFT'] })
  const ended = new Promise<ServiceError>((resolve) => stream.on('error', resolve))
  stream.on('data', () => {})
  await waitFor(async () => (await call(client, 'GetIngestionStats', {})).stats?.stream_subscribers === 1, 'subscribed', 15_000)
  stream.cancel()
  assert.equal((await ended).code, status.CANCELLED)
  await waitFor(async () => (await call(client, 'GetIngestionStats', {})).stats?.stream_subscribers === 0, 'unsubscribed', 15_000)
})

test('a subscriber that stops reading gets its oldest ticks dropped (bounded queue), and is cleaned up on cancel', async (t) => {
  const { engine, client } = await startStack(t, { streaming: { subscriberQueueSize: 8 } }, { knobs: { tickRateHz: 50 } })
  const stream = client.StreamMarketData({ symbols: [] })
  stream.on('error', () => {})
  // Read one tick, then stop reading: grpc-js pauses the HTTP/2 stream, the flow-control window
  // fills up and the engine's write() starts returning false. (A client that never starts reading
  // is not paused at the HTTP/2 level by grpc-js: it buffers on its own side.)
  stream.once('data', () => stream.pause())
  await waitFor(async () => metricSum(await scrape(engine.urls.admin), 'mib_engine_stream_dropped_ticks_total') > 0, 'ticks dropped for the slow subscriber', 60_000)
  const stats = await call(client, 'GetIngestionStats', {})
  assert.equal(stats.stats?.stream_subscribers, 1)
  stream.cancel()
  await waitFor(async () => (await call(client, 'GetIngestionStats', {})).stats?.stream_subscribers === 0, 'unsubscribed', 15_000)
})

test('closing the engine ends open streams with OK', async (t) => {
  const { engine, client } = await startStack(t, {}, { knobs: { tickRateHz: 20 } })
  const stream = client.StreamMarketData({ symbols: ['AAPL'] })
  const received: MarketData__Output[] = []
  stream.on('data', (d: MarketData__Output) => received.push(d))
  const outcome = new Promise<string>((resolve) => {
    stream.on('end', () => resolve('end'))
    stream.on('error', (err: ServiceError) => resolve(`error ${err.code}`))
  })
  await waitFor(() => received.length > 0, 'a tick', 15_000)
  await engine.close()
  assert.equal(await outcome, 'end')
})

test('gRPC metrics label unary calls type="unary" and a stream\'s lifetime type="server_stream", so latency quantiles can leave streams out', async (t) => {
  const { engine, client } = await startStack(t, { tickStream: { enabled: false } })
  await call(client, 'GetIngestionStats', {})
  const stream = client.StreamMarketData({ symbols: ['AAPL'] })
  const ended = new Promise<void>((resolve) => stream.on('error', () => resolve()))
  await waitFor(async () => (await call(client, 'GetIngestionStats', {})).stats?.stream_subscribers === 1, 'subscribed', 15_000)
  stream.cancel()
  await ended
  const duration = 'mib_engine_grpc_request_duration_seconds_count'
  await waitFor(async () => metricSum(await scrape(engine.urls.admin), duration, { method: 'StreamMarketData', type: 'server_stream' }) === 1, 'the stream recorded', 15_000)
  const text = await scrape(engine.urls.admin)
  assert.ok(metricSum(text, duration, { method: 'GetIngestionStats', type: 'unary', code: 'OK' }) >= 2)
  assert.ok(metricSum(text, 'mib_engine_grpc_requests_total', { method: 'GetIngestionStats', type: 'unary' }) >= 2)
  assert.equal(metricSum(text, 'mib_engine_grpc_requests_total', { method: 'StreamMarketData', type: 'server_stream' }), 1)
  assert.equal(metricSum(text, duration, { method: 'StreamMarketData', type: 'unary' }), 0)
  assert.doesNotMatch(text, /mib_engine_grpc_request_duration_seconds_count\{(?![^}]*type=)[^}]*\}/, 'every series carries a type')
})
