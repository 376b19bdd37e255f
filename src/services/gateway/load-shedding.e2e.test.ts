/**
 * Overload: the gateway sheds early (503 MIB_ERR_HTTP_OVERLOADED + Retry-After)
 * instead of letting requests queue to a deadline (issue 14 §3). Forced-overload
 * fixtures: an engine that holds its answers, a blocked event loop; no timings asserted.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import * as grpc from '@grpc/grpc-js'
import { request } from 'undici'
import { openSocket, readResponse } from '../common/fixtures/raw-http.js'
import { getJson, postJson, startTestGateway, type JsonResponse } from './fixtures/http.js'
import { startScriptedEngine } from './fixtures/scripted-engine.js'
import { waitFor } from '../../../test/helpers/wait.js'

type Callback = grpc.sendUnaryData<unknown>

const STATS = { success: true, message: 'ok', stats: { total_market_data_points: 0, total_news_items: 0, active_connections: 0, uptime_seconds: 1 } }

async function metric (baseUrl: string, pattern: RegExp): Promise<number | undefined> {
  const text = await (await request(`${baseUrl}/metrics`)).body.text()
  const match = pattern.exec(text)
  return match === null ? undefined : Number(match[1])
}

function assertShed (res: JsonResponse, what: string): void {
  assert.equal(res.status, 503, `${what}: ${JSON.stringify(res.body)}`)
  assert.equal(res.body.error, 'MIB_ERR_HTTP_OVERLOADED')
  assert.equal(res.body.success, false)
  assert.equal(res.headers['retry-after'], '3')
}

test('beyond maxInFlight a request is shed at once with 503 + Retry-After while the held ones still wait; counted in /metrics', async (t) => {
  const held: Callback[] = []
  const engine = await startScriptedEngine(t, { GetIngestionStats: (_call, cb) => { held.push(cb as Callback) } })
  const gateway = await startTestGateway(t, { engineUrl: engine.url, maxInFlight: 4, readDeadlineMs: 60_000, readCacheTtlMs: 0, coalesceReads: false, retryAfterS: 3 })
  const api = `${gateway.urls.http}/api/v1`
  const waiting = Array.from({ length: 4 }, async () => await getJson(`${api}/ingestion/stats`))
  await waitFor(() => held.length === 4 ? true : undefined, 'four stats reads held by the engine')
  assert.equal(await metric(gateway.urls.http, /^http_requests_in_flight\{[^}]*\} (\d+)/m), 5, 'the four held, and this scrape')

  for (let i = 0; i < 3; i++) assertShed(await getJson(`${api}/ingestion/stats`), 'a fifth request')
  assert.equal(held.length, 4, 'shed requests never reached the engine')
  assert.equal(await metric(gateway.urls.http, /^http_requests_shed_total\{reason="in_flight"[^}]*\} (\d+)/m), 3)
  assert.notEqual((await getJson(`${api}/health`)).body.error, 'MIB_ERR_HTTP_OVERLOADED', 'health is never shed')

  for (const cb of held) cb(null, STATS)
  for (const res of await Promise.all(waiting)) assert.equal(res.status, 200)
  engineAnswersAtOnce(held)
  assert.equal((await getJson(`${api}/ingestion/stats`)).status, 200, 'admitted again once the held requests finished')
})

/** From now on every stats read the test holds is answered right away. */
function engineAnswersAtOnce (held: Callback[]): void {
  held.push = (...cbs: Callback[]): number => { for (const cb of cbs) cb(null, STATS); return 0 }
}

test('the news-fetch path never queues behind a stuck upstream: past maxInFlightFetches it is shed, other routes still served', async (t) => {
  const held: Callback[] = []
  const engine = await startScriptedEngine(t, {
    FetchNewsData: (_call, cb) => { held.push(cb as Callback) },
    GetIngestionStats: (_call, cb) => { cb(null, STATS) }
  })
  const gateway = await startTestGateway(t, { engineUrl: engine.url, maxInFlightFetches: 2, fetchDeadlineMs: 60_000, retryAfterS: 3 })
  const api = `${gateway.urls.http}/api/v1`
  // Different keywords: identical fetches would share one engine call.
  const waiting = ['stock', 'trading'].map(async (keyword) => await postJson(`${api}/news/fetch`, { keywords: [keyword] }))
  await waitFor(() => held.length === 2 ? true : undefined, 'two news fetches held upstream')

  assertShed(await postJson(`${api}/news/fetch`, { keywords: ['market'] }), 'a third news fetch')
  assert.equal(held.length, 2)
  assert.equal((await getJson(`${api}/ingestion/stats`)).status, 200, 'another route is not affected')
  assert.equal(await metric(gateway.urls.http, /^http_requests_shed_total\{reason="path_in_flight"[^}]*\} (\d+)/m), 1)
  for (const cb of held) cb(null, { success: true, message: 'ok', news_items: [], news_items_json: Buffer.from('[]'), count: 0, max_age_ms: 0 })
  for (const res of await Promise.all(waiting)) assert.equal(res.status, 200)
})

test('a blocked event loop sheds new requests (reason event_loop_delay) and recovers once it runs freely', async (t) => {
  const engine = await startScriptedEngine(t, { GetIngestionStats: (_call, cb) => { cb(null, STATS) } })
  // The gateway runs in this process: blocking our loop overloads it.
  const gateway = await startTestGateway(t, { engineUrl: engine.url, maxEventLoopDelayMs: 50, eventLoopSampleIntervalMs: 50, retryAfterS: 3, readCacheTtlMs: 0 })
  const api = `${gateway.urls.http}/api/v1`
  const socket = await openSocket(t, gateway.urls.http)
  // The request reaches the kernel, then the loop is blocked: when it runs again the
  // shedder's sample (a timer, run before sockets are read) has seen the stall.
  socket.write('GET /api/v1/ingestion/stats HTTP/1.1\r\nhost: x\r\n\r\n')
  const until = Date.now() + 300
  while (Date.now() < until) { /* a CPU-bound stall */ }
  const res = await readResponse(socket)
  assert.equal(res.status, 503, res.body)
  assert.equal(JSON.parse(res.body).error, 'MIB_ERR_HTTP_OVERLOADED')
  assert.equal(res.headers['retry-after'], '3')
  assert.notEqual(res.headers.connection, 'close', 'the connection is kept for the retry')
  assert.ok((await metric(gateway.urls.http, /^http_requests_shed_total\{reason="event_loop_delay"[^}]*\} (\d+)/m) ?? 0) >= 1)
  await waitFor(async () => (await getJson(`${api}/ingestion/stats`)).status === 200 ? true : undefined, 'requests admitted again')
})
