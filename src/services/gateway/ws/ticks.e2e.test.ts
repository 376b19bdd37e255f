/** Live ticks from the provider simulator, through the engine's stream, out of the gateway's socket. */
import { test } from 'node:test'
import { request } from 'undici'
import assert from 'node:assert/strict'
import { getJson } from '../fixtures/http.js'
import { startTestStack } from '../fixtures/stack.js'
import { connectClient, type Frame } from '../fixtures/ws.js'
import { waitFor } from '../../../../test/helpers/wait.js'

test('subscribed symbols stream as tick frames; unsubscribed ones stop', async (t) => {
  const { sim, gateway } = await startTestStack(t)
  sim.setKnobs({ tickRateHz: 20 })
  const client = await connectClient(t, gateway.urls.ws)
  client.send({ action: 'subscribe', symbols: ['AAPL', 'MSFT'] })
  await client.next((f) => f.type === 'subscribed', 'the ack')

  const isTick = (symbol: string) => (f: Frame): boolean => f.type === 'tick' && f.symbol === symbol
  const aapl = await client.next(isTick('AAPL'), 'an AAPL tick')
  await client.next(isTick('MSFT'), 'an MSFT tick')
  assert.equal(typeof aapl.price, 'number')
  assert.equal(typeof aapl.timestamp, 'number')
  assert.equal(typeof aapl.additional_data, 'object')
  assert.ok(client.frames.every((f) => f.type !== 'tick' || f.symbol === 'AAPL' || f.symbol === 'MSFT'), 'only subscribed symbols arrive')

  client.send({ action: 'unsubscribe', symbols: ['AAPL'] })
  await client.next((f) => f.type === 'unsubscribed', 'the unsubscribe ack')
  const ackAt = client.frames.findIndex((f) => f.type === 'unsubscribed')
  // Frames already on the wire before the ack may still be AAPL; after it, none.
  await waitFor(() => client.frames.slice(ackAt).filter(isTick('MSFT')).length >= 5 ? true : undefined, 'five more MSFT ticks')
  assert.equal(client.frames.slice(ackAt).some(isTick('AAPL')), false)
})

test('"*" streams every symbol', async (t) => {
  const { sim, gateway } = await startTestStack(t)
  sim.setKnobs({ tickRateHz: 20 })
  const client = await connectClient(t, `${gateway.urls.ws}?symbols=*`)
  await waitFor(() => new Set(client.frames.filter((f) => f.type === 'tick').map((f) => f.symbol)).size >= 3 ? true : undefined, 'ticks of three symbols')
})

test('the engine stream is opened by the first subscription and closed after the last one, once idle', async (t) => {
  const { gateway } = await startTestStack(t, { streamIdleMs: 50 })
  const subscribers = async (): Promise<number> => {
    const res = await getJson<{ stats: { stream_subscribers: number } }>(`${gateway.urls.http}/api/v1/ingestion/stats`)
    return res.body.stats.stream_subscribers
  }
  assert.equal(await subscribers(), 0, 'no socket, no engine stream')
  const client = await connectClient(t, gateway.urls.ws)
  await client.next((f) => f.type === 'connected', 'the greeting')
  assert.equal(await subscribers(), 0, 'a socket without subscriptions does not open it either')
  client.send({ action: 'subscribe', symbols: ['AAPL'] })
  await waitFor(async () => await subscribers() === 1 ? true : undefined, 'the engine to see one stream')
  client.send({ action: 'unsubscribe', symbols: ['AAPL'] })
  await waitFor(async () => await subscribers() === 0 ? true : undefined, 'the idle stream to close')
})

test('a subscriber that stops reading is closed with 1013 once its backlog passes wsMaxBufferedBytes; others keep streaming', async (t) => {
  const { sim, gateway } = await startTestStack(t, { wsMaxBufferedBytes: 16 * 1024, wsCloseTimeoutMs: 30_000 })
  sim.setKnobs({ tickRateHz: 100 })
  const slow = await connectClient(t, `${gateway.urls.ws}?symbols=*`)
  const healthy = await connectClient(t, `${gateway.urls.ws}?symbols=AAPL`)
  await slow.next((f) => f.type === 'tick', 'a first tick')
  slow.ws.pause()
  const evicted = async (): Promise<true | undefined> => {
    const text = await (await request(`${gateway.urls.http}/metrics`)).body.text()
    return /gateway_ws_slow_consumer_disconnects_total\{[^}]*\} 1/.test(text) ? true : undefined
  }
  // Kernel socket buffers absorb a few hundred KB first.
  await waitFor(evicted, 'the slow consumer to be evicted', 90_000)
  const seen = healthy.frames.length
  await waitFor(() => healthy.frames.slice(seen).some((f) => f.type === 'tick') ? true : undefined, 'ticks still reaching the reading client')
  slow.ws.resume()
  await waitFor(() => slow.closed, 'the slow client to read its close frame')
  assert.equal(slow.closed?.code, 1013)
  assert.equal(healthy.closed, undefined)
})
