import { test } from 'node:test'
import assert from 'node:assert/strict'
import { checkHealth } from './health.js'
import { startMetricsServer } from '../fixtures/metrics-server.js'

test('a 200 health answer is healthy, with its latency', async () => {
  const server = await startMetricsServer()
  try {
    const result = await checkHealth(server.healthUrl)
    assert.equal(result.ok, true)
    assert.equal(result.statusCode, 200)
    assert.ok((result.latencyMs ?? -1) >= 0)
  } finally {
    await server.close()
  }
})

test('a 503 health answer is unhealthy and says HTTP 503', async () => {
  const server = await startMetricsServer()
  server.setHealth('unavailable')
  try {
    assert.deepEqual({ ...(await checkHealth(server.healthUrl)), latencyMs: undefined }, { ok: false, statusCode: 503, latencyMs: undefined, detail: 'HTTP 503' })
  } finally {
    await server.close()
  }
})

test('a health endpoint that never answers is unhealthy once the timeout fires', async () => {
  const server = await startMetricsServer()
  server.setHealth('hang')
  try {
    const result = await checkHealth(server.healthUrl, 200)
    assert.equal(result.ok, false)
    assert.equal(result.statusCode, undefined)
    assert.match(result.detail ?? '', /no answer within 200 ms/)
  } finally {
    await server.close()
  }
})

test('a refused connection is unhealthy with the socket error', async () => {
  const server = await startMetricsServer()
  await server.close()
  const result = await checkHealth(server.healthUrl, 1000)
  assert.equal(result.ok, false)
  assert.match(result.detail ?? '', /ECONNREFUSED/)
})
