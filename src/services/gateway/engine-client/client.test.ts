import { test } from 'node:test'
import assert from 'node:assert/strict'
import * as grpc from '@grpc/grpc-js'
import { MibError } from '../../../errors.js'
import { GatewayMetrics } from '../metrics.js'
import { EngineClient, type EngineClientSettings } from './client.js'
import { engineError, startScriptedEngine } from '../fixtures/scripted-engine.js'
import { DEAD_ENGINE_URL } from '../fixtures/http.js'

function clientFor (t: import('node:test').TestContext, url: string, overrides: Partial<EngineClientSettings> = {}): { client: EngineClient, metrics: GatewayMetrics } {
  const metrics = new GatewayMetrics()
  const client = new EngineClient({ url, metrics, fetchDeadlineMs: 5000, readDeadlineMs: 1000, retryAfterS: 2, reconnectInitialMs: 50, reconnectMaxMs: 500, ...overrides })
  t.after(() => { client.close() })
  return { client, metrics }
}

async function rejection (promise: Promise<unknown>): Promise<MibError> {
  try {
    await promise
  } catch (err) {
    assert.ok(err instanceof MibError, `expected a MibError, got ${String(err)}`)
    return err
  }
  assert.fail('expected the call to fail')
}

test('the engine\'s mib-error-code and mib-http-status trailers become the answer\'s code and status', async (t) => {
  const engine = await startScriptedEngine(t, {
    FetchMarketData: (_call, cb) => { cb(engineError(grpc.status.INVALID_ARGUMENT, 'unknown source_id "nope"', { 'mib-error-code': 'MIB_ERR_ENGINE_UNKNOWN_SOURCE', 'mib-http-status': '400' })) },
    FetchNewsData: (_call, cb) => { cb(engineError(grpc.status.UNAVAILABLE, 'news_api circuit open', { 'mib-error-code': 'MIB_ERR_ENGINE_CIRCUIT_OPEN', 'mib-http-status': '503' })) },
    ConnectDataSource: (_call, cb) => { cb(engineError(grpc.status.UNAVAILABLE, 'upstream failed', { 'mib-error-code': 'MIB_ERR_ENGINE_UPSTREAM_FAILED', 'mib-http-status': '502' })) },
    GetNewsBuffer: (_call, cb) => { cb(engineError(grpc.status.UNAVAILABLE, 'rate limited', { 'mib-error-code': 'MIB_ERR_ENGINE_UPSTREAM_RATE_LIMITED', 'mib-http-status': '503', 'mib-retry-after-s': '7.2' })) }
  })
  const { client } = clientFor(t, engine.url)

  const unknown = await rejection(client.fetchMarketData(['AAPL'], 'nope'))
  assert.equal(unknown.code, 'MIB_ERR_ENGINE_UNKNOWN_SOURCE')
  assert.equal(unknown.statusCode, 400)
  assert.equal(unknown.message, 'unknown source_id "nope"')

  const open = await rejection(client.fetchNewsData(['stock'], 'news_api', 24))
  assert.equal(open.code, 'MIB_ERR_ENGINE_CIRCUIT_OPEN')
  assert.equal(open.statusCode, 503)
  assert.equal(open.details?.retryAfterS, 2, 'a 503 tells the client when to retry')

  const upstream = await rejection(client.connectDataSource('news_api', ''))
  assert.equal(upstream.code, 'MIB_ERR_ENGINE_UPSTREAM_FAILED')
  assert.equal(upstream.statusCode, 502)
  assert.equal(upstream.details, undefined, 'no Retry-After on a 502 without a hint')

  const limited = await rejection(client.getNewsBuffer([], 5))
  assert.equal(limited.details?.retryAfterS, 8, 'the engine\'s mib-retry-after-s hint wins, rounded up')
})

test('malformed trailers are ignored: the gRPC status decides', async (t) => {
  const engine = await startScriptedEngine(t, {
    GetIngestionStats: (_call, cb) => { cb(engineError(grpc.status.INTERNAL, 'boom', { 'mib-error-code': 'not a code', 'mib-http-status': '200' })) },
    GetNewsBuffer: (_call, cb) => { cb(engineError(grpc.status.INTERNAL, 'newer engine', { 'mib-error-code': 'MIB_ERR_ENGINE_NOT_REGISTERED_HERE', 'mib-http-status': '418' })) }
  })
  const { client } = clientFor(t, engine.url)
  const err = await rejection(client.getIngestionStats())
  assert.equal(err.code, 'MIB_ERR_GATEWAY_ENGINE_FAILED')
  assert.equal(err.statusCode, 502)
  assert.match(err.message, /INTERNAL: boom/)
  // A well-formed code the registry does not list never reaches a client either.
  const unknown = await rejection(client.getNewsBuffer([], 5))
  assert.deepEqual([unknown.code, unknown.statusCode], ['MIB_ERR_GATEWAY_ENGINE_FAILED', 502])
})

test('an engine that cannot be reached is a 503 MIB_ERR_GATEWAY_ENGINE_UNAVAILABLE with Retry-After', async (t) => {
  const { client, metrics } = clientFor(t, DEAD_ENGINE_URL)
  const err = await rejection(client.getMarketDataBuffer('AAPL', 10))
  assert.equal(err.code, 'MIB_ERR_GATEWAY_ENGINE_UNAVAILABLE')
  assert.equal(err.statusCode, 503)
  assert.equal(err.details?.retryAfterS, 2)
  const text = await metrics.registry.metrics()
  assert.match(text, /gateway_engine_rpc_duration_seconds_count\{[^}]*method="GetMarketDataBuffer",outcome="UNAVAILABLE"[^}]*\} 1/)
})

test('an engine that does not answer before the deadline is a 503, not a hang', async (t) => {
  const engine = await startScriptedEngine(t, {
    GetIngestionStats: () => { /* never answers */ }
  })
  const { client, metrics } = clientFor(t, engine.url, { readDeadlineMs: 200 })
  const err = await rejection(client.getIngestionStats())
  assert.equal(err.code, 'MIB_ERR_GATEWAY_ENGINE_UNAVAILABLE')
  assert.match(err.message, /no answer within 200 ms/)
  assert.match(await metrics.registry.metrics(), /outcome="DEADLINE_EXCEEDED"/)
})

test('an answer without stats is a 502, and successes are measured with outcome OK', async (t) => {
  const engine = await startScriptedEngine(t, {
    GetIngestionStats: (_call, cb) => { cb(null, { success: true, message: '' }) },
    HealthCheck: (_call, cb) => { cb(null, { healthy: true, status: 'ok', version: '9.9.9', uptime_ms: 1500 }) }
  })
  const { client, metrics } = clientFor(t, engine.url)
  const err = await rejection(client.getIngestionStats())
  assert.equal(err.code, 'MIB_ERR_GATEWAY_ENGINE_FAILED')
  const health = await client.healthCheck()
  assert.equal(health.version, '9.9.9')
  assert.equal(health.uptime_ms, 1500)
  assert.match(await metrics.registry.metrics(), /gateway_engine_rpc_duration_seconds_count\{[^}]*method="HealthCheck",outcome="OK"[^}]*\} 1/)
})
