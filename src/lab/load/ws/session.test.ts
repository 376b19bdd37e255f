import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer } from 'ws'
import { ws, check } from '../api/index.js'
import { createTestVu } from '../fixtures/test-vu.js'
import { closedPort } from '../fixtures/servers.js'

/** A tick server: after {"action":"subscribe"}, sends a tick every 20 ms. */
async function tickServer (): Promise<{ url: string, close: () => Promise<void> }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()))
  wss.on('connection', (socket) => {
    let timer: NodeJS.Timeout | undefined
    socket.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { action?: string }
      if (msg.action === 'subscribe') timer = setInterval(() => socket.send(JSON.stringify({ type: 'tick', price: 1 })), 20)
    })
    socket.on('close', () => clearInterval(timer))
  })
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/ws`,
    close: async () => {
      for (const client of wss.clients) client.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
    }
  }
}

test('ws.connect runs the handler, exchanges messages, and resolves when the session ends', async (t) => {
  const server = await tickServer()
  const tv = createTestVu()
  t.after(async () => { await server.close() })
  let ticks = 0
  const res = await tv.run(() => ws.connect(server.url, { tags: { name: 'stream' } }, (socket) => {
    socket.on('open', () => socket.send(JSON.stringify({ action: 'subscribe', symbols: ['AAPL'] })))
    socket.on('message', (data) => {
      if ((JSON.parse(data as string) as { type: string }).type === 'tick' && ++ticks === 2) socket.close()
    })
    socket.setTimeout(() => socket.close(), 5000)
  }))
  assert.equal(res.status, 101)
  assert.equal(ticks, 2)
  assert.equal(tv.stat('ws_sessions', 'count'), 1)
  assert.equal(tv.stat('ws_msgs_sent', 'count'), 1)
  assert.ok((tv.stat('ws_msgs_received', 'count') ?? 0) >= 2)
  assert.equal(tv.stat('ws_connecting', 'count'), 1)
  assert.equal(tv.stat('ws_session_duration', 'count'), 1)
  tv.run(() => check(res, { 'upgraded': (r) => r.status === 101 }))
})

test('socket.setTimeout bounds a session that receives nothing; ping measures ws_ping', async (t) => {
  const server = await tickServer()
  const tv = createTestVu()
  t.after(async () => { await server.close() })
  let pongs = 0
  const started = Date.now()
  await tv.run(() => ws.connect(server.url, (socket) => {
    socket.on('open', () => socket.ping())
    socket.on('pong', () => { pongs++ })
    socket.setTimeout(() => socket.close(), 200)
  }))
  assert.ok(Date.now() - started >= 190)
  assert.equal(pongs, 1)
  assert.equal(tv.stat('ws_ping', 'count'), 1)
})

test('a refused upgrade resolves with the HTTP status and an error', async (t) => {
  const server = createServer((_req, res) => { res.statusCode = 400; res.end('no websockets here') })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const tv = createTestVu()
  let called = false
  const res = await tv.run(() => ws.connect(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/`, () => { called = true }))
  assert.equal(res.status, 400)
  assert.equal(res.error_code, 1400)
  assert.equal(res.body, 'no websockets here')
  assert.equal(called, false)
})

test('connection refused: status 0 with error_code 1212, no exception', async () => {
  const port = await closedPort()
  const tv = createTestVu()
  const res = await tv.run(() => ws.connect(`ws://127.0.0.1:${port}/`, () => {}))
  assert.equal(res.status, 0)
  assert.equal(res.error_code, 1212)
})

test('an exception in a handler ends the session and rejects ws.connect', async (t) => {
  const server = await tickServer()
  const tv = createTestVu()
  t.after(async () => { await server.close() })
  await assert.rejects(tv.run(() => ws.connect(server.url, (socket) => {
    socket.on('open', () => { throw new Error('boom in open') })
  })), /boom in open/)
})

test('the script API works inside socket handlers: they run as the VU that connected', async (t) => {
  const server = await tickServer()
  const tv = createTestVu()
  t.after(async () => { await server.close() })
  tv.registry.trackSubmetric('checks{scenario:test}')
  await tv.run(() => ws.connect(server.url, (socket) => {
    socket.on('open', () => socket.send(JSON.stringify({ action: 'subscribe' })))
    socket.on('message', (data) => {
      check(data, { 'is a tick': (d) => (JSON.parse(d as string) as { type: string }).type === 'tick' })
      socket.close()
    })
    socket.setTimeout(() => { check(null, { 'timer sees the VU': () => true }) }, 1)
  }))
  assert.equal(tv.stat('checks{scenario:test}', 'passes'), 2)
})
