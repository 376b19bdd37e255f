/** The gateway across engine restarts and its own graceful shutdown. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { request } from 'undici'
import { getJson, postJson } from './fixtures/http.js'
import { portOf, startTestStack } from './fixtures/stack.js'
import { connectClient } from './fixtures/ws.js'
import { waitFor } from '../../../test/helpers/wait.js'

test('engine down: 503 with Retry-After; engine back on the same port: the gateway recovers, ticks included', async (t) => {
  const { sim, engine, gateway, startEngineOn } = await startTestStack(t, { retryAfterS: 2 })
  const api = `${gateway.urls.http}/api/v1`
  sim.setKnobs({ tickRateHz: 20 })
  const client = await connectClient(t, `${gateway.urls.ws}?symbols=AAPL`)
  await client.next((f) => f.type === 'tick', 'a tick before the restart')
  assert.equal((await getJson(`${api}/health`)).status, 200)

  await engine.close()
  const down = await waitFor(async () => { const r = await getJson(`${api}/health`); return r.status === 503 ? r : undefined }, 'health to turn 503')
  assert.equal(down.body.healthy, false)
  assert.equal(down.headers['retry-after'], '2')
  for (const res of [await getJson(`${api}/ingestion/stats`), await postJson(`${api}/market-data/fetch`, { symbols: ['AAPL'] })]) {
    assert.equal(res.status, 503, JSON.stringify(res.body))
    assert.equal(res.body.error, 'MIB_ERR_GATEWAY_ENGINE_UNAVAILABLE')
    assert.equal(res.headers['retry-after'], '2')
  }
  assert.equal(client.closed, undefined, 'sockets stay open while the engine is away')
  // Regression: subscribers got no notice while the engine was down.
  await client.next((f) => f.type === 'status' && f.engine_stream === 'down', 'a status frame: the tick stream is down')

  await startEngineOn(portOf(engine.urls.grpc))
  await waitFor(async () => (await getJson(`${api}/health`)).status === 200 ? true : undefined, 'health to recover')
  assert.equal((await getJson(`${api}/ingestion/stats`)).status, 200)
  const seen = client.frames.length
  await waitFor(() => client.frames.slice(seen).some((f) => f.type === 'tick') ? true : undefined, 'ticks after the restart (stream re-established)')
  const wentDown = client.frames.findIndex((f) => f.type === 'status' && f.engine_stream === 'down')
  assert.ok(client.frames.slice(wentDown).some((f) => f.type === 'status' && f.engine_stream === 'up'), 'a status frame: the tick stream is back')
})

test('graceful shutdown lets an in-flight request finish with 200 and refuses new connections', async (t) => {
  const { sim, gateway } = await startTestStack(t)
  const delayedQuotes = async (): Promise<number> => {
    const text = await (await request(`${sim.urls.http}/metrics`)).body.text()
    return Number(/provider_sim_injected_delay_seconds_count\{[^}]*api="yahoo_quote"[^}]*\} (\d+)/.exec(text)?.[1] ?? 0)
  }
  sim.setKnobs({ latencyMedianMs: 1500, latencyP99Ms: 1500 })
  const before = await delayedQuotes()
  const inFlight = postJson(`${gateway.urls.http}/api/v1/market-data/fetch`, { symbols: ['JPM'] })
  // In flight for sure once the provider has started delaying the engine's quote call.
  await waitFor(async () => await delayedQuotes() > before ? true : undefined, 'the fetch to reach the provider')
  const closing = gateway.close()
  const res = await inFlight
  assert.equal(res.status, 200, JSON.stringify(res.body))
  assert.equal((res.body.market_data as unknown[]).length, 1)
  await closing
  await assert.rejects(request(`${gateway.urls.http}/api/v1/health`), /ECONNREFUSED/)
})
