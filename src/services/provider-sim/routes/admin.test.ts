import { test } from 'node:test'
import assert from 'node:assert/strict'
import { request } from 'undici'
import type { ErrorBody } from '../../common/http-errors.js'
import { InvalidKnobsError } from '../errors.js'
import type { ProviderSimKnobs } from '../knobs.js'
import { getJson, sendJson, startTestSim, StreamClient } from '../fixtures/test-sim.js'
import type { YahooQuoteResponse } from './quote.js'
import type { NewsApiError } from './news.js'

const PROVIDER_CALLS = ['/v7/finance/quote?symbols=AAPL', '/v2/everything?q=stock']

test('GET /admin/config shows the knobs and PATCH merges into them', async (t) => {
  const sim = await startTestSim(t, { knobs: { tickRateHz: 0 } })
  const before = await getJson<ProviderSimKnobs>(`${sim.urls.http}/admin/config`)
  assert.deepEqual(before.body, { latencyMedianMs: 0, latencyP99Ms: 0, errorRate: 0, tickRateHz: 0 })
  const patched = await sendJson<ProviderSimKnobs>(`${sim.urls.http}/admin/config`, 'PATCH', { errorRate: 0.25, latencyMedianMs: 5, latencyP99Ms: 20 })
  assert.equal(patched.status, 200)
  assert.deepEqual(patched.body, { latencyMedianMs: 5, latencyP99Ms: 20, errorRate: 0.25, tickRateHz: 0 })
  assert.deepEqual(sim.config(), patched.body)
  const metrics = await (await request(`${sim.urls.http}/metrics`)).body.text()
  assert.match(metrics, /provider_sim_knob\{knob="errorRate"[^}]*\} 0\.25/)
})

test('a bad PATCH answers 400 with the JSON error body and changes nothing', async (t) => {
  const sim = await startTestSim(t, { knobs: { tickRateHz: 0 } })
  for (const body of [{ errorRate: 1.5 }, { tickRateHz: -1, bogus: true }, { latencyMedianMs: 10 }, [1, 2], { errorRate: null }]) {
    const res = await sendJson<ErrorBody>(`${sim.urls.http}/admin/config`, 'PATCH', body)
    assert.equal(res.status, 400, JSON.stringify(body))
    assert.equal(res.body.success, false)
    assert.equal(res.body.error, 'MIB_ERR_PROVIDER_SIM_KNOBS_INVALID')
  }
  const malformed = await request(`${sim.urls.http}/admin/config`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"errorRate":' })
  assert.equal(malformed.statusCode, 400)
  await malformed.body.dump()
  assert.deepEqual(sim.config(), { latencyMedianMs: 0, latencyP99Ms: 0, errorRate: 0, tickRateHz: 0 })
})

test('setKnobs() validates like the admin endpoint', async (t) => {
  const sim = await startTestSim(t, { knobs: { tickRateHz: 0 } })
  assert.equal(sim.setKnobs({ errorRate: 1 }).errorRate, 1)
  assert.throws(() => sim.setKnobs({ errorRate: 2 }), InvalidKnobsError)
  assert.equal(sim.config().errorRate, 1)
})

test('error rate 1 fails every provider call in that provider\'s own shape', async (t) => {
  const sim = await startTestSim(t, { knobs: { tickRateHz: 0, errorRate: 1 } })
  const statuses = new Set<number>()
  for (let i = 0; i < 40; i++) {
    const quote = await getJson<YahooQuoteResponse>(`${sim.urls.http}${PROVIDER_CALLS[0] ?? ''}`)
    assert.ok([500, 503, 429].includes(quote.status), String(quote.status))
    assert.equal(quote.body.quoteResponse.result, null)
    assert.equal(typeof quote.body.quoteResponse.error?.description, 'string')
    const news = await getJson<NewsApiError>(`${sim.urls.http}${PROVIDER_CALLS[1] ?? ''}`)
    assert.ok([500, 503, 429].includes(news.status), String(news.status))
    assert.equal(news.body.status, 'error')
    assert.equal(news.body.code, news.status === 429 ? 'rateLimited' : 'unexpectedError')
    for (const res of [quote, news]) {
      statuses.add(res.status)
      assert.equal(res.headers['x-mib-injected-fault'], String(res.status))
      if (res.status === 429) assert.equal(res.headers['retry-after'], '1')
    }
  }
  assert.ok(statuses.size >= 2, `only ${[...statuses].join()} seen`)
  const metrics = await (await request(`${sim.urls.http}/metrics`)).body.text()
  assert.match(metrics, /provider_sim_injected_errors_total\{api="yahoo_quote",status="500"/)
})

test('knobs never touch /health, /metrics or /admin', async (t) => {
  const sim = await startTestSim(t, { knobs: { tickRateHz: 0, errorRate: 1, latencyMedianMs: 60_000, latencyP99Ms: 60_000 } })
  assert.equal((await getJson(`${sim.urls.http}/health`)).status, 200)
  assert.equal((await getJson(`${sim.urls.http}/admin/config`)).status, 200)
  const metrics = await request(`${sim.urls.http}/metrics`)
  assert.equal(metrics.statusCode, 200)
  await metrics.body.dump()
})

test('a latency median raises the observed latency of provider calls', async (t) => {
  const sim = await startTestSim(t, { knobs: { tickRateHz: 0, latencyMedianMs: 150, latencyP99Ms: 300 } })
  const observed: number[] = []
  for (let i = 0; i < 9; i++) {
    const started = performance.now()
    const res = await request(`${sim.urls.http}${PROVIDER_CALLS[i % 2] ?? ''}`)
    await res.body.dump()
    observed.push(performance.now() - started)
  }
  observed.sort((a, b) => a - b)
  // Lower bound only: a busy machine makes calls slower, never faster.
  assert.ok((observed[4] ?? 0) >= 75, `median ${observed[4]} ms`)
})

test('changing the tick rate pauses and resumes the stream', async (t) => {
  const sim = await startTestSim(t, { knobs: { tickRateHz: 0 } })
  const client = await StreamClient.connect(t, `${sim.urls.ws}?symbols=AAPL`)
  await client.next((m) => m.type === 'subscribed', 'the ack')
  assert.equal(client.ofType('trade').length, 0)
  await sendJson(`${sim.urls.http}/admin/config`, 'PATCH', { tickRateHz: 20 })
  await client.next((m) => m.type === 'trade', 'a trade after resuming')
  sim.setKnobs({ tickRateHz: 0 })
  // A negative needs a wait: once paused, the count stops growing (a frame in flight may still land).
  const paused = client.ofType('trade').length
  await new Promise((resolve) => setTimeout(resolve, 300))
  assert.ok(client.ofType('trade').length <= paused + 1)
})
