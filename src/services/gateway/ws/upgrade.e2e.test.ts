/** What the gateway does with HTTP Upgrade requests, over raw sockets (issue 11, HIGH). */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openSocket, openSocketCount, peerClosed, readResponse } from '../../common/fixtures/raw-http.js'
import { startTestGateway } from '../fixtures/http.js'
import { connectClient } from '../fixtures/ws.js'
import { waitFor } from '../../../../test/helpers/wait.js'

const LEAK_PROBES = 40

function upgradeRequest (host: string, path: string, headers: Record<string, string>): string {
  return `GET ${path} HTTP/1.1\r\nhost: ${host}\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`
}

test('regression: every non-WebSocket Upgrade request leaked its socket on the gateway, forever', async (t) => {
  const gateway = await startTestGateway(t)
  const host = new URL(gateway.urls.http).host
  const before = openSocketCount()
  for (let i = 0; i < LEAK_PROBES; i++) {
    const socket = await openSocket(t, gateway.urls.http)
    socket.write(upgradeRequest(host, '/api/v1/health', { connection: 'Upgrade', upgrade: 'foo' }))
    const res = await readResponse(socket)
    assert.equal(res.status, 503, 'answered as an ordinary request (the engine is down here)')
    assert.equal(res.headers.connection, 'close')
    assert.equal(JSON.parse(res.body).healthy, false)
    await peerClosed(socket, 5_000)
    socket.destroy()
  }
  // Both ends of each probe are in this process: once the server closed its side, nothing is left of them.
  await waitFor(() => openSocketCount() <= before + 2 ? true : undefined, `socket count back to ${before} (+2)`, 5_000)
})

test('a WebSocket handshake on another path is answered there as plain HTTP and its socket closed', async (t) => {
  const gateway = await startTestGateway(t)
  const socket = await openSocket(t, gateway.urls.http)
  socket.write(upgradeRequest(new URL(gateway.urls.http).host, '/api/v1/nope', {
    connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', 'sec-websocket-version': '13'
  }))
  const res = await readResponse(socket)
  assert.equal(res.status, 404)
  assert.equal(JSON.parse(res.body).error, 'MIB_ERR_HTTP_NOT_FOUND')
  await peerClosed(socket, 5_000)
})

test('an invalid handshake on the socket route is a 400 envelope and its socket closed', async (t) => {
  const gateway = await startTestGateway(t)
  const socket = await openSocket(t, gateway.urls.http)
  socket.write(upgradeRequest(new URL(gateway.urls.http).host, '/api/v1/ws/market-data', { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13' }))
  const res = await readResponse(socket)
  assert.equal(res.status, 400)
  assert.equal(res.headers.connection, 'close')
  assert.equal(JSON.parse(res.body).error, 'MIB_ERR_HTTP_BAD_WEBSOCKET_HANDSHAKE')
  await peerClosed(socket, 5_000)
})

test('an upgrade request with a body is refused with a 400 envelope, not left waiting for a body nobody reads', async (t) => {
  const gateway = await startTestGateway(t)
  const socket = await openSocket(t, gateway.urls.http)
  const body = '{"symbols":["AAPL"]}'
  socket.write(`POST /api/v1/market-data/fetch HTTP/1.1\r\nhost: x\r\nconnection: Upgrade\r\nupgrade: h2c\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`)
  const res = await readResponse(socket)
  assert.equal(res.status, 400)
  assert.equal(JSON.parse(res.body).error, 'MIB_ERR_HTTP_UPGRADE_WITH_BODY')
  await peerClosed(socket, 5_000)
})

test('regression: a plain GET on the WebSocket route answered an empty 404; now a 426 envelope with Upgrade: websocket', async (t) => {
  const gateway = await startTestGateway(t)
  const socket = await openSocket(t, gateway.urls.http)
  socket.write(`GET /api/v1/ws/market-data HTTP/1.1\r\nhost: x\r\n\r\n`)
  const res = await readResponse(socket)
  assert.equal(res.status, 426)
  assert.equal(res.headers.upgrade, 'websocket')
  assert.equal(JSON.parse(res.body).error, 'MIB_ERR_GATEWAY_WS_UPGRADE_REQUIRED')
})

test('a valid handshake on the socket route is still upgraded', async (t) => {
  const gateway = await startTestGateway(t)
  const client = await connectClient(t, gateway.urls.ws)
  await client.next((f) => f.type === 'connected', 'the greeting')
})
