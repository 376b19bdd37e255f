import { test } from 'node:test'
import assert from 'node:assert/strict'
import { GatewayMetrics } from '../metrics.js'
import { EngineClient } from './client.js'
import { EngineConnects } from './engine-connects.js'
import { startScriptedEngine } from '../fixtures/scripted-engine.js'

/** An engine whose sources are already connected, except `fresh` ones (connected by this call). */
async function connectsWith (t: import('node:test').TestContext, keepMs: number, fresh: string[] = []): Promise<{ connects: EngineConnects, calls: Array<{ source_id: string, api_key: string }> }> {
  const calls: Array<{ source_id: string, api_key: string }> = []
  const engine = await startScriptedEngine(t, {
    ConnectDataSource: (call, cb) => {
      calls.push(call.request)
      const already = !fresh.includes(call.request.source_id)
      // Slow enough for concurrent identical connects to overlap.
      setTimeout(() => { cb(null, { success: true, message: `${call.request.source_id} ${already ? 'already connected' : 'connected'}`, connected: true, source_id: call.request.source_id, already_connected: already }) }, 20)
    }
  })
  const metrics = new GatewayMetrics()
  const client = new EngineClient({ url: engine.url, metrics, fetchDeadlineMs: 2000, readDeadlineMs: 2000, retryAfterS: 1, reconnectInitialMs: 50, reconnectMaxMs: 200 })
  t.after(() => { client.close() })
  return { connects: new EngineConnects(client, metrics, { keepMs }), calls }
}

test('an already-connected answer is reused for keepMs per source and api_key, with its age', async (t) => {
  const { connects, calls } = await connectsWith(t, 60_000)
  const first = await connects.connect('yahoo_finance', '')
  assert.equal(first.ageMs, 0)
  await new Promise((resolve) => setTimeout(resolve, 15))
  const again = await connects.connect('yahoo_finance', '')
  assert.equal(calls.length, 1)
  assert.equal(again.message, 'yahoo_finance already connected')
  assert.equal(again.connected, true)
  assert.ok(again.ageMs >= 10, `age ${again.ageMs}`)
  await connects.connect('yahoo_finance', 'another-key')
  await connects.connect('news_api', '')
  assert.equal(calls.length, 3, 'another key or source asks the engine')
})

test('an answer that connected the source (or verified a key) is not reused; keepMs 0 reuses nothing', async (t) => {
  const { connects, calls } = await connectsWith(t, 60_000, ['tick_stream'])
  await connects.connect('tick_stream', '')
  await connects.connect('tick_stream', '')
  assert.equal(calls.length, 2)
  const off = await connectsWith(t, 0)
  await off.connects.connect('yahoo_finance', '')
  await off.connects.connect('yahoo_finance', '')
  assert.equal(off.calls.length, 2)
})

test('an already-connected answer expires after keepMs', async (t) => {
  const { connects, calls } = await connectsWith(t, 30)
  await connects.connect('yahoo_finance', '')
  await new Promise((resolve) => setTimeout(resolve, 60))
  await connects.connect('yahoo_finance', '')
  assert.equal(calls.length, 2)
})

test('concurrent identical connects share one RPC', async (t) => {
  const { connects, calls } = await connectsWith(t, 0)
  const answers = await Promise.all([connects.connect('news_api', ''), connects.connect('news_api', ''), connects.connect('news_api', '')])
  assert.equal(calls.length, 1)
  assert.ok(answers.every((a) => a.connected && a.ageMs === 0))
})
