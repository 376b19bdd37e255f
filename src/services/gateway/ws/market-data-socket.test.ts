/** The socket protocol over a real gateway (no engine needed: ticks are tested with the real engine in gateway.e2e.test.ts). */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { request } from 'undici'
import { startTestGateway } from '../fixtures/http.js'
import { connectClient } from '../fixtures/ws.js'
import { waitFor } from '../../../../test/helpers/wait.js'

test('a client is greeted, subscribes, unsubscribes and pings, each acknowledged', async (t) => {
  const gateway = await startTestGateway(t)
  const client = await connectClient(t, gateway.urls.ws)
  const hello = await client.next((f) => f.type === 'connected', 'the greeting')
  assert.equal(hello.max_symbols, 100)

  client.send({ action: 'subscribe', symbols: ['aapl', 'MSFT'] })
  const subscribed = await client.next((f) => f.type === 'subscribed', 'the subscribe ack')
  assert.deepEqual(subscribed.symbols, ['AAPL', 'MSFT'])
  assert.deepEqual(subscribed.subscriptions, ['AAPL', 'MSFT'])

  client.send({ action: 'unsubscribe', symbols: ['AAPL'] })
  const unsubscribed = await client.next((f) => f.type === 'unsubscribed', 'the unsubscribe ack')
  assert.deepEqual(unsubscribed.symbols, ['AAPL'])
  assert.deepEqual(unsubscribed.subscriptions, ['MSFT'])

  client.send({ action: 'ping' })
  const pong = await client.next((f) => f.type === 'pong', 'the pong')
  assert.equal(typeof pong.timestamp, 'number')
})

test('?symbols= subscribes at connect time', async (t) => {
  const gateway = await startTestGateway(t)
  const client = await connectClient(t, `${gateway.urls.ws}?symbols=AAPL,TSLA`)
  const subscribed = await client.next((f) => f.type === 'subscribed', 'the subscribe ack')
  assert.deepEqual(subscribed.subscriptions, ['AAPL', 'TSLA'])
})

test('bad messages get an error frame with a stable code and the socket stays usable', async (t) => {
  const gateway = await startTestGateway(t, { wsMaxSymbolsPerSocket: 2 })
  const client = await connectClient(t, gateway.urls.ws)
  const bad: Array<[unknown, string]> = [
    ['not json', 'MIB_ERR_GATEWAY_WS_INVALID_MESSAGE'],
    [{ action: 'dance' }, 'MIB_ERR_GATEWAY_WS_INVALID_MESSAGE'],
    [{ action: 'subscribe', symbols: ['A', 'B', 'C'] }, 'MIB_ERR_GATEWAY_WS_TOO_MANY_SYMBOLS']
  ]
  for (const [message, code] of bad) {
    const before = client.frames.length
    client.send(message)
    const frame = await waitFor(() => client.frames.slice(before).find((f) => f.type === 'error'), `the error for ${JSON.stringify(message)}`)
    assert.equal(frame.error, code)
    assert.equal(typeof frame.message, 'string')
  }
  client.ws.send(Buffer.from([1, 2, 3]), { binary: true })
  await waitFor(() => client.frames.filter((f) => f.type === 'error').length === 4 ? true : undefined, 'the binary-frame error')
  client.send({ action: 'ping' })
  await client.next((f) => f.type === 'pong', 'a pong after the errors')
})

test('a frame above wsMaxMessageBytes closes the socket with 1009', async (t) => {
  const gateway = await startTestGateway(t, { wsMaxMessageBytes: 256 })
  const client = await connectClient(t, gateway.urls.ws)
  client.send({ action: 'subscribe', symbols: Array.from({ length: 100 }, (_, i) => `S${i}`) })
  await waitFor(() => client.closed, 'the close')
  assert.equal(client.closed?.code, 1009)
})

test('connections beyond wsMaxConnections are closed with 1013', async (t) => {
  const gateway = await startTestGateway(t, { wsMaxConnections: 1 })
  const first = await connectClient(t, gateway.urls.ws)
  await first.next((f) => f.type === 'connected', 'the first greeting')
  const second = await connectClient(t, gateway.urls.ws)
  await waitFor(() => second.closed, 'the refusal')
  assert.equal(second.closed?.code, 1013)
  assert.equal(first.closed, undefined, 'the first client stays connected')
  const metrics = await (await request(`${gateway.urls.http}/metrics`)).body.text()
  assert.match(metrics, /gateway_ws_rejected_connections_total\{[^}]*reason="max_connections"[^}]*\} 1/)
  assert.match(metrics, /gateway_ws_connections\{[^}]*\} 1/)
})

test('shutdown closes every socket with 1001', async (t) => {
  const gateway = await startTestGateway(t)
  const a = await connectClient(t, gateway.urls.ws)
  const b = await connectClient(t, gateway.urls.ws)
  await a.next((f) => f.type === 'connected', 'greeting a')
  await b.next((f) => f.type === 'connected', 'greeting b')
  await gateway.close()
  await waitFor(() => a.closed !== undefined && b.closed !== undefined ? true : undefined, 'both closes')
  assert.equal(a.closed?.code, 1001)
  assert.equal(b.closed?.code, 1001)
})
