import { test } from 'node:test'
import assert from 'node:assert/strict'
import type WebSocket from 'ws'
import type { MarketData__Output } from '../../common/contract/index.js'
import { GatewayMetrics } from '../metrics.js'
import { connectClient, startWsServer } from '../fixtures/ws.js'
import { ClientSession, MarketDataHub, tickFrame } from './hub.js'
import { waitFor } from '../../../../test/helpers/wait.js'

function tick (symbol: string, price = 100, extraFields = 0): MarketData__Output {
  const additional: Record<string, number> = { bid: price - 0.1, ask: price + 0.1 }
  for (let i = 0; i < extraFields; i++) additional[`field_${i}`] = i
  return { symbol, price, volume: 1000, timestamp: Date.now(), source: 'test', additional_data: additional }
}

/** A hub whose sessions are the server sides of real loopback sockets. */
async function hubWithServer (t: import('node:test').TestContext, maxBufferedBytes = 1024 * 1024, closeTimeoutMs = 30_000): Promise<{ hub: MarketDataHub, metrics: GatewayMetrics, url: string, sessions: ClientSession[] }> {
  const metrics = new GatewayMetrics()
  const hub = new MarketDataHub({ maxBufferedBytes, maxSymbolsPerSocket: 3, metrics })
  const sessions: ClientSession[] = []
  const url = await startWsServer(t, (ws: WebSocket) => {
    const session = new ClientSession(ws)
    hub.add(session)
    sessions.push(session)
    ws.on('close', () => { hub.remove(session) })
  }, closeTimeoutMs)
  return { hub, metrics, url, sessions }
}

test('a tick frame is the MarketData message with type "tick"', () => {
  const t = tick('AAPL', 189.5)
  assert.deepEqual(JSON.parse(tickFrame(t).toString()), { type: 'tick', ...t })
})

test('ticks reach the subscribers of their symbol and of "*", once each, and nobody else', async (t) => {
  const { hub, url, sessions } = await hubWithServer(t)
  const aapl = await connectClient(t, url)
  const all = await connectClient(t, url)
  const both = await connectClient(t, url)
  const msft = await connectClient(t, url)
  await waitFor(() => sessions.length === 4 ? true : undefined, 'four sessions')
  const [sAapl, sAll, sBoth, sMsft] = sessions as [ClientSession, ClientSession, ClientSession, ClientSession]
  hub.subscribe(sAapl, ['AAPL'])
  hub.subscribe(sAll, ['*'])
  hub.subscribe(sBoth, ['AAPL', '*'])
  hub.subscribe(sMsft, ['MSFT'])

  hub.publish(tick('AAPL', 1))
  hub.publish(tick('TSLA', 2))
  hub.publish(tick('MSFT', 3))
  await all.next((f) => f.price === 3, 'the last tick on the wildcard socket')
  await msft.next((f) => f.price === 3, 'the MSFT tick')
  await both.next((f) => f.price === 3, 'the MSFT tick on the AAPL+* socket')
  await aapl.next((f) => f.price === 1, 'the AAPL tick')
  assert.deepEqual(aapl.frames.map((f) => f.symbol), ['AAPL'])
  assert.deepEqual(all.frames.map((f) => f.symbol), ['AAPL', 'TSLA', 'MSFT'])
  assert.deepEqual(both.frames.map((f) => f.symbol), ['AAPL', 'TSLA', 'MSFT'], 'no duplicate for a socket subscribed twice')
  assert.deepEqual(msft.frames.map((f) => f.symbol), ['MSFT'])
})

test('unsubscribing and closing remove a socket from every symbol it followed', async (t) => {
  const { hub, url, sessions } = await hubWithServer(t)
  const client = await connectClient(t, url)
  await waitFor(() => sessions[0], 'the session')
  const session = sessions[0] as ClientSession
  assert.deepEqual(hub.subscribe(session, ['AAPL', 'MSFT', 'AAPL']), { symbols: ['AAPL', 'MSFT'], subscriptions: ['AAPL', 'MSFT'] })
  assert.deepEqual(hub.unsubscribe(session, ['AAPL', 'TSLA']), { symbols: ['AAPL'], subscriptions: ['MSFT'] })
  hub.publish(tick('AAPL', 1))
  hub.publish(tick('MSFT', 2))
  await client.next((f) => f.symbol === 'MSFT', 'the MSFT tick')
  assert.equal(client.frames.some((f) => f.symbol === 'AAPL'), false)
  client.ws.close()
  await waitFor(() => hub.size === 0 ? true : undefined, 'the session to leave the hub')
})

test('a socket may follow at most maxSymbolsPerSocket symbols', async (t) => {
  const { hub, url, sessions } = await hubWithServer(t)
  await connectClient(t, url)
  const session = await waitFor(() => sessions[0], 'the session')
  hub.subscribe(session, ['A', 'B'])
  assert.throws(() => hub.subscribe(session, ['C', 'D']), /at most 3 symbols/)
  assert.deepEqual([...session.symbols], ['A', 'B'], 'a refused subscribe changes nothing')
  assert.deepEqual(hub.subscribe(session, ['A', 'C']).subscriptions, ['A', 'B', 'C'], 'symbols already followed do not count twice')
})

test('a client that never reads is closed with 1013 once its backlog passes the bound, and the backlog never exceeds it', async (t) => {
  const maxBufferedBytes = 64 * 1024
  const { hub, metrics, url, sessions } = await hubWithServer(t, maxBufferedBytes)
  const slow = await connectClient(t, url)
  const session = await waitFor(() => sessions[0], 'the session')
  hub.subscribe(session, ['AAPL'])
  slow.ws.pause()

  const big = tick('AAPL', 1, 200)
  const frameBytes = tickFrame(big).length
  let peakBuffered = 0
  // Kernel socket buffers absorb the first megabytes; keep publishing until the hub gives up.
  for (let i = 0; i < 200_000 && !session.evicted; i++) {
    hub.publish(big)
    peakBuffered = Math.max(peakBuffered, session.ws.bufferedAmount)
    if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve))
  }
  assert.equal(session.evicted, true, 'the slow consumer was evicted')
  assert.ok(peakBuffered <= maxBufferedBytes, `backlog ${peakBuffered} stayed within ${maxBufferedBytes} (frame ${frameBytes})`)
  assert.equal(hub.size, 0, 'an evicted socket gets no more ticks')
  assert.match(await metrics.registry.metrics(), /gateway_ws_slow_consumer_disconnects_total\{[^}]*\} 1/)

  slow.ws.resume()
  await waitFor(() => slow.closed, 'the client to see the close frame')
  assert.equal(slow.closed?.code, 1013)
  assert.match(slow.closed?.reason ?? '', /slow consumer/)
})

test('heartbeat: a socket that stops answering pings is terminated', async (t) => {
  const { hub, url, sessions } = await hubWithServer(t)
  const client = await connectClient(t, url)
  const session = await waitFor(() => sessions[0], 'the session')
  // The client's automatic pong is what keeps a socket alive; pausing it stops pongs.
  client.ws.pause()
  hub.startHeartbeat(100)
  t.after(() => { hub.stopHeartbeat() })
  await waitFor(() => session.ws.readyState === session.ws.CLOSED ? true : undefined, 'the silent socket to be terminated')
  assert.equal(hub.size, 0)
})

test('closeAll sends the given close code to every socket', async (t) => {
  const { hub, url, sessions } = await hubWithServer(t)
  const a = await connectClient(t, url)
  const b = await connectClient(t, url)
  await waitFor(() => sessions.length === 2 ? true : undefined, 'two sessions')
  hub.closeAll(1001, 'server shutting down')
  await waitFor(() => a.closed !== undefined && b.closed !== undefined ? true : undefined, 'both sockets closed')
  assert.equal(a.closed?.code, 1001)
  assert.equal(b.closed?.code, 1001)
})

test('demand for the engine stream turns on with the first subscription and off with the last', async (t) => {
  const changes: boolean[] = []
  const metrics = new GatewayMetrics()
  const hub = new MarketDataHub({ maxBufferedBytes: 1024, maxSymbolsPerSocket: 10, metrics, onDemandChange: (wanted) => { changes.push(wanted) } })
  const sessions: ClientSession[] = []
  const url = await startWsServer(t, (ws) => { const s = new ClientSession(ws); hub.add(s); sessions.push(s) })
  await connectClient(t, url)
  await connectClient(t, url)
  const [a, b] = await waitFor(() => sessions.length === 2 ? sessions : undefined, 'two sessions') as [ClientSession, ClientSession]
  hub.subscribe(a, ['AAPL'])
  hub.subscribe(b, ['MSFT', 'AAPL'])
  hub.unsubscribe(a, ['AAPL'])
  assert.deepEqual(changes, [true])
  assert.equal(hub.wanted, true)
  hub.remove(b)
  assert.deepEqual(changes, [true, false])
  assert.equal(hub.wanted, false)
})
