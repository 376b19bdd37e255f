import { test } from 'node:test'
import assert from 'node:assert/strict'
import { waitFor } from '../../../../test/helpers/wait.js'
import { getJson, type JsonResponse } from '../fixtures/http.js'
import { startTestStack } from '../fixtures/stack.js'

interface Health { healthy: boolean, timestamp: string, services: { core_engine: { healthy: boolean } } }

test('health answers kept for their millisecond still carry the time of each answer, and follow the engine', async (t) => {
  const { gateway, engine } = await startTestStack(t)
  const url = `${gateway.urls.http}/api/v1/health`
  const first = await getJson<Health>(url)
  assert.equal(first.status, 200)
  const later = await waitFor(async () => {
    const res = await getJson<Health>(url)
    return Date.parse(res.body.timestamp) > Date.parse(first.body.timestamp) ? res : undefined
  }, 'a health answer with a later timestamp', 5_000)
  assert.equal(later.status, 200)
  assert.ok(Math.abs(Date.parse(later.body.timestamp) - Date.now()) < 1000, 'the timestamp is the answer\'s own time')

  await engine.close()
  const down = await waitFor(async (): Promise<JsonResponse<Health> | undefined> => {
    const res = await getJson<Health>(url)
    return res.status === 503 ? res : undefined
  }, 'a 503 once the engine is gone', 15_000)
  assert.equal(down.body.healthy, false)
  assert.equal(down.body.services.core_engine.healthy, false)
  assert.ok(down.headers['retry-after'] !== undefined)
})
