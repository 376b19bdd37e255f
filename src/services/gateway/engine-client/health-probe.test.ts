import { test } from 'node:test'
import assert from 'node:assert/strict'
import { GatewayMetrics } from '../metrics.js'
import { EngineClient } from './client.js'
import { EngineHealthProbe } from './health-probe.js'
import { startScriptedEngine } from '../fixtures/scripted-engine.js'
import { waitFor } from '../../../../test/helpers/wait.js'

function probeFor (t: import('node:test').TestContext, url: string, ttlMs: number): EngineHealthProbe {
  const client = new EngineClient({ url, metrics: new GatewayMetrics(), fetchDeadlineMs: 1000, readDeadlineMs: 1000, retryAfterS: 1, reconnectInitialMs: 50, reconnectMaxMs: 200 })
  t.after(() => { client.close() })
  return new EngineHealthProbe(client, { ttlMs, deadlineMs: 500, retryAfterS: 1 })
}

test('one HealthCheck answers every health request within the TTL, concurrent ones included', async (t) => {
  let calls = 0
  const engine = await startScriptedEngine(t, {
    HealthCheck: (_call, cb) => { calls++; cb(null, { healthy: true, status: 'ok', version: '1.2.3', uptime_ms: 61_000, components: { buffers: true } }) }
  })
  const probe = probeFor(t, engine.url, 60_000)
  const results = await Promise.all(Array.from({ length: 20 }, async () => await probe.current()))
  assert.equal(calls, 1)
  for (const r of results) {
    assert.equal(r.healthy, true)
    assert.equal(r.version, '1.2.3')
    assert.equal(r.uptimeS, 61)
    assert.equal(typeof r.latencyMs, 'number')
  }
  await probe.current()
  assert.equal(calls, 1)
})

test('after the TTL the next health request checks again', async (t) => {
  let calls = 0
  const engine = await startScriptedEngine(t, { HealthCheck: (_call, cb) => { calls++; cb(null, { healthy: true, status: 'ok' }) } })
  const probe = probeFor(t, engine.url, 1)
  await probe.current()
  await waitFor(async () => { await probe.current(); return calls >= 2 ? true : undefined }, 'a second HealthCheck')
})

test('an engine that reports itself unhealthy makes the gateway unhealthy', async (t) => {
  const engine = await startScriptedEngine(t, { HealthCheck: (_call, cb) => { cb(null, { healthy: false, status: 'degraded' }) } })
  const health = await probeFor(t, engine.url, 1000).current()
  assert.equal(health.healthy, false)
  assert.equal(health.status, 'degraded')
})

test('a cached healthy answer is overridden at once when the channel fails', async (t) => {
  const engine = await startScriptedEngine(t, { HealthCheck: (_call, cb) => { cb(null, { healthy: true, status: 'ok' }) } })
  const probe = probeFor(t, engine.url, 60_000)
  assert.equal((await probe.current()).healthy, true)
  engine.server.forceShutdown()
  const down = await waitFor(async () => { const h = await probe.current(); return h.healthy ? undefined : h }, 'the probe to notice the engine is gone')
  assert.equal(down.status, 'unavailable')
  assert.equal(down.error?.code, 'MIB_ERR_GATEWAY_ENGINE_UNAVAILABLE')
})
