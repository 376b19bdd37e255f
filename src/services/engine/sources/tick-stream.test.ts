import { test, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { createLogger } from '../../common/logger.js'
import { engineOptionsSchema } from '../config.js'
import type { Tick } from '../model.js'
import { TickStreamSource, type TickStreamError } from './tick-stream.js'
import { waitFor } from '../../../../test/helpers/wait.js'

interface Provider {
  url: string
  connections: number
  subscribes: unknown[]
  sockets: WebSocket[]
}

/** A real WebSocket server on port 0 that behaves as `onConnection` says. */
async function provider (t: TestContext, onConnection: (socket: WebSocket, n: number) => void, autoPong = true): Promise<Provider> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, autoPong })
  await new Promise<void>((resolve) => wss.once('listening', resolve))
  const state: Provider = { url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/v1/stream`, connections: 0, subscribes: [], sockets: [] }
  wss.on('connection', (socket) => {
    state.connections++
    state.sockets.push(socket)
    socket.on('message', (data) => state.subscribes.push(JSON.parse(data.toString())))
    onConnection(socket, state.connections)
  })
  t.after(() => new Promise<void>((resolve) => {
    for (const client of wss.clients) client.terminate()
    wss.close(() => resolve())
  }))
  return state
}

function source (t: TestContext, url: string, overrides: { heartbeatMs?: number } = {}): { stream: TickStreamSource, ticks: Tick[], errors: TickStreamError[], reconnects: () => number } {
  const settings = engineOptionsSchema.parse({
    tickStream: { symbols: ['AAPL', 'MSFT'], heartbeatMs: overrides.heartbeatMs ?? 60_000, reconnect: { baseDelayMs: 10, maxDelayMs: 50 } }
  }).tickStream
  const ticks: Tick[] = []
  const errors: TickStreamError[] = []
  let reconnects = 0
  const stream = new TickStreamSource(url, settings, true, {
    tick: (tick) => ticks.push(tick),
    error: (kind) => errors.push(kind),
    reconnect: () => { reconnects++ }
  }, createLogger({ name: 'test', env: 'test' }))
  t.after(() => stream.disconnect())
  return { stream, ticks, errors, reconnects: () => reconnects }
}

test('the stream subscribes on connect, turns trades into ticks annotated with the latest quote, and counts bad frames', async (t) => {
  const server = await provider(t, (socket) => {
    socket.once('message', () => {
      socket.send(JSON.stringify({ type: 'subscribed', symbols: ['AAPL', 'MSFT'] }))
      socket.send(JSON.stringify({ type: 'quote', symbol: 'AAPL', bid: 99, ask: 101, bidSize: 3, askSize: 4, timestamp: 1 }))
      socket.send(JSON.stringify({ type: 'trade', symbol: 'AAPL', price: 100, size: 7, timestamp: 1_700_000_000_000 }))
      socket.send('not json')
      socket.send(JSON.stringify({ type: 'trade', symbol: 'AAPL', price: -5, size: 1, timestamp: 1 }))
      socket.send(JSON.stringify({ type: 'error', message: 'unknown symbol' }))
      socket.send(JSON.stringify({ type: 'trade', symbol: 'MSFT', price: 300, size: 1, timestamp: 1_700_000_000_001 }))
    })
  })
  const { stream, ticks, errors } = source(t, server.url)
  const result = await stream.connect()
  assert.equal(result.changed, true)
  assert.equal(stream.connected, true)
  await waitFor(() => ticks.length === 2, 'two ticks', 10_000)
  assert.deepEqual(server.subscribes, [{ action: 'subscribe', symbols: ['AAPL', 'MSFT'] }])
  assert.deepEqual(ticks[0], { symbol: 'AAPL', price: 100, volume: 7, timestamp: 1_700_000_000_000, source: 'tick_stream', additional_data: { size: 7, bid: 99, ask: 101, bid_size: 3, ask_size: 4 } })
  assert.deepEqual(ticks[1]?.additional_data, { size: 1 })
  assert.deepEqual(errors, ['malformed', 'malformed', 'provider_error'])
  assert.equal((await stream.connect()).changed, false, 'connecting again is a no-op')
})

test('when the provider drops the connection the stream reconnects with backoff and subscribes again', async (t) => {
  const server = await provider(t, (socket, n) => {
    if (n === 1) socket.once('message', () => socket.close(1011, 'going away'))
  })
  const { stream, reconnects } = source(t, server.url)
  await stream.connect()
  await waitFor(() => server.connections === 2 && stream.connected && server.subscribes.length === 2, 'reconnected', 10_000)
  assert.ok(reconnects() >= 1)
  assert.equal(stream.circuitState, 'closed')
})

test('a provider that stops answering pings is dropped and reconnected', async (t) => {
  const server = await provider(t, () => {}, false)
  const { stream, errors } = source(t, server.url, { heartbeatMs: 100 })
  await stream.connect()
  await waitFor(() => errors.includes('heartbeat') && server.connections >= 2, 'heartbeat failure and reconnect', 10_000)
})

test('connecting to a provider that is down fails with UPSTREAM_UNAVAILABLE, and disconnect stops the retries', async (t) => {
  const server = await provider(t, () => {})
  const url = server.url.replace(/:\d+\//, ':9/')
  const { stream, errors, reconnects } = source(t, url)
  await assert.rejects(stream.connect(), { code: 'MIB_ERR_ENGINE_UPSTREAM_UNAVAILABLE', statusCode: 503 })
  await waitFor(() => reconnects() >= 2, 'background reconnects', 10_000)
  assert.ok(errors.includes('socket'))
  assert.equal(stream.connected, false)
  await stream.disconnect()
  const after = reconnects()
  await new Promise((resolve) => setTimeout(resolve, 200))
  assert.equal(reconnects(), after, 'no reconnect after disconnect')
  assert.equal(stream.circuitState, 'closed')
})
