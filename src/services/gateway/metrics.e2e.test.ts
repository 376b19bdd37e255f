import { test } from 'node:test'
import assert from 'node:assert/strict'
import { request } from 'undici'
import { getJson, postJson } from './fixtures/http.js'
import { startTestStack } from './fixtures/stack.js'
import { connectClient } from './fixtures/ws.js'
import { waitFor } from '../../../test/helpers/wait.js'

test('/metrics exposes request, WebSocket, engine RPC, stream and runtime series in Prometheus format', async (t) => {
  const { gateway } = await startTestStack(t)
  const api = `${gateway.urls.http}/api/v1`
  await getJson(`${api}/market-data/buffer?symbol=AAPL&limit=5`)
  await postJson(`${api}/market-data/fetch`, { symbols: ['AAPL'] })
  await getJson(`${api}/market-data/buffer?limit=0`)
  const client = await connectClient(t, gateway.urls.ws)
  client.send({ action: 'ping' })
  await client.next((f) => f.type === 'pong', 'the pong')
  client.send({ action: 'subscribe', symbols: ['AAPL'] })
  await client.next((f) => f.type === 'subscribed', 'the subscription that opens the engine stream')

  const scrape = async (): Promise<{ type: string, text: string }> => {
    const res = await request(`${gateway.urls.http}/metrics`)
    return { type: String(res.headers['content-type']), text: await res.body.text() }
  }
  const { type, text } = await waitFor(async () => {
    const s = await scrape()
    return /gateway_engine_stream_connected\{[^}]*\} 1/.test(s.text) ? s : undefined
  }, 'the engine stream to be up')
  assert.match(type, /^text\/plain; version=0\.0\.4/)
  const expected = [
    /http_requests_total\{[^}]*method="GET",route="\/api\/v1\/market-data\/buffer",status="200"[^}]*\} 1/,
    /http_requests_total\{[^}]*route="\/api\/v1\/market-data\/buffer",status="400"[^}]*\} 1/,
    /http_request_duration_seconds_bucket\{[^}]*route="\/api\/v1\/market-data\/fetch"/,
    /gateway_ws_connections\{[^}]*\} 1/,
    /gateway_ws_messages_received_total\{[^}]*\} 2/,
    /gateway_ws_messages_sent_total\{[^}]*type="pong"[^}]*\} 1/,
    /gateway_engine_rpc_duration_seconds_bucket\{[^}]*method="GetMarketDataBuffer",outcome="OK"/,
    /gateway_engine_rpc_duration_seconds_count\{[^}]*method="FetchMarketData",outcome="OK"[^}]*\} 1/,
    /gateway_ws_slow_consumer_disconnects_total\{[^}]*\} 0/,
    /nodejs_eventloop_lag_p99_seconds/,
    /process_resident_memory_bytes/
  ]
  for (const pattern of expected) assert.match(text, pattern)
})
