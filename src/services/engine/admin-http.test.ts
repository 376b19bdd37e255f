import { test } from 'node:test'
import assert from 'node:assert/strict'
import { call, metricSum, scrape, startStack } from './fixtures/stack.js'
import { waitFor } from '../../../test/helpers/wait.js'

test('GET /health answers 200 with the health report and its components', async (t) => {
  const { engine, client } = await startStack(t)
  await waitFor(async () => (await call(client, 'HealthCheck', {})).status === 'healthy', 'healthy', 15_000)
  const res = await fetch(`${engine.urls.admin}/health`)
  assert.equal(res.status, 200)
  const body = await res.json() as { healthy: boolean, status: string, components: Record<string, boolean> }
  assert.equal(body.healthy, true)
  assert.equal(body.status, 'healthy')
  assert.equal(body.components.tick_stream, true)
})

test('GET /stats serves the ingestion statistics as JSON', async (t) => {
  const { engine } = await startStack(t, { tickStream: { enabled: false } })
  const body = await (await fetch(`${engine.urls.admin}/stats`)).json() as Record<string, unknown>
  assert.equal(body.configured_sources, 3)
  assert.equal(body.max_buffer_size, 1000)
})

test('GET /metrics exposes gRPC, buffer, ingestion, upstream, circuit and stream metrics', async (t) => {
  const { engine, client } = await startStack(t, {}, { knobs: { tickRateHz: 20 } })
  await waitFor(async () => ((await call(client, 'GetIngestionStats', {})).stats?.ticks_ingested ?? 0) > 10, 'ticks', 15_000)
  await call(client, 'FetchMarketData', { symbols: ['AAPL'], source_id: '' })
  await call(client, 'GetMarketDataBuffer', { symbol: 'NOPE!', limit: 1 }).catch(() => undefined)
  const text = await scrape(engine.urls.admin)
  assert.ok(metricSum(text, 'mib_engine_grpc_requests_total', { method: 'FetchMarketData', code: 'OK' }) >= 1)
  assert.ok(metricSum(text, 'mib_engine_grpc_requests_total', { method: 'GetMarketDataBuffer', code: 'INVALID_ARGUMENT' }) >= 1)
  assert.ok(metricSum(text, 'mib_engine_grpc_request_duration_seconds_count', { method: 'GetIngestionStats', type: 'unary', code: 'OK' }) >= 1)
  assert.ok(metricSum(text, 'mib_engine_ticks_ingested_total', { source: 'tick_stream' }) > 10)
  assert.ok(metricSum(text, 'mib_engine_ticks_ingested_total', { source: 'yahoo_finance' }) >= 1)
  assert.ok(metricSum(text, 'mib_engine_market_buffer_ticks') > 10)
  assert.ok(metricSum(text, 'mib_engine_upstream_request_duration_seconds_count', { source: 'yahoo_finance', outcome: 'success' }) >= 1)
  assert.match(text, /mib_engine_circuit_state\{[^}]*source="yahoo_finance"[^}]*\} 0/)
  assert.match(text, /mib_engine_source_connected\{[^}]*source="tick_stream"[^}]*\} 1/)
  assert.match(text, /mib_engine_stream_subscribers\{[^}]*\} 0/)
  assert.match(text, /mib_engine_buffer_evictions_total/)
  assert.match(text, /nodejs_eventloop_lag_p99_seconds/)
})
