/**
 * The runner's HTTP/1.1 transport against raw TCP servers that answer with
 * exact bytes: body framings, keep-alive rules, the stale-connection retry,
 * deadlines and malformed input.
 */
import { test, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import { createServer, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { http } from '../api/http.js'
import { createTestVu } from '../fixtures/test-vu.js'

interface RawServer { url: string, connections: () => number, requests: string[] }

/**
 * A TCP server that calls `answer` once per complete request head (bodies are
 * read by their content-length) with the socket and the request's index.
 */
async function rawServer (t: TestContext, answer: (socket: Socket, head: string, index: number) => void): Promise<RawServer> {
  const requests: string[] = []
  const sockets = new Set<Socket>()
  let connections = 0
  const server = createServer((socket) => {
    connections++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    let buffered = ''
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('latin1')
      for (;;) {
        const end = buffered.indexOf('\r\n\r\n')
        if (end === -1) return
        const head = buffered.slice(0, end)
        const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0)
        if (buffered.length < end + 4 + length) return
        buffered = buffered.slice(end + 4 + length)
        requests.push(head)
        answer(socket, head, requests.length - 1)
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.after(async () => {
    for (const socket of sockets) socket.destroy()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => connections, requests }
}

function testVu (t: TestContext): ReturnType<typeof createTestVu> {
  const tv = createTestVu()
  t.after(async () => { await tv.close() })
  return tv
}

test('a chunked body is reassembled, and the connection is kept', async (t) => {
  const server = await rawServer(t, (socket) => {
    socket.write('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n')
  })
  const tv = testVu(t)
  const first = await tv.run(() => http.get(server.url))
  const second = await tv.run(() => http.get(server.url))
  assert.equal(first.body, 'hello world')
  assert.equal(second.body, 'hello world')
  assert.equal(server.connections(), 1)
})

test('a body delimited by the end of the connection ends with it', async (t) => {
  const server = await rawServer(t, (socket) => { socket.end('HTTP/1.1 200 OK\r\nconnection: close\r\n\r\nuntil the end') })
  const tv = testVu(t)
  const res = await tv.run(() => http.get(server.url))
  assert.equal(res.status, 200)
  assert.equal(res.body, 'until the end')
  const again = await tv.run(() => http.get(server.url))
  assert.equal(again.status, 200, 'a closed connection is not reused')
  assert.equal(server.connections(), 2)
})

test('HEAD, 204 and 304 responses have no body, whatever their headers say', async (t) => {
  const server = await rawServer(t, (socket, head) => {
    if (head.startsWith('HEAD')) socket.write('HTTP/1.1 200 OK\r\ncontent-length: 11\r\n\r\n')
    else if (head.includes('/empty')) socket.write('HTTP/1.1 204 No Content\r\n\r\n')
    else if (head.includes('/same')) socket.write('HTTP/1.1 304 Not Modified\r\n\r\n')
    else socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok')
  })
  const tv = testVu(t)
  const head = await tv.run(() => http.head(server.url))
  const empty = await tv.run(() => http.get(`${server.url}/empty`))
  const same = await tv.run(() => http.get(`${server.url}/same`))
  const after = await tv.run(() => http.get(server.url))
  assert.deepEqual([head.status, head.body], [200, ''])
  assert.deepEqual([empty.status, empty.body], [204, ''])
  assert.deepEqual([same.status, same.body], [304, ''])
  assert.deepEqual([after.status, after.body], [200, 'ok'], 'the connection stays in step')
  assert.equal(server.connections(), 1)
})

test('an informational 1xx response is skipped: the final response is the result', async (t) => {
  const server = await rawServer(t, (socket) => {
    socket.write('HTTP/1.1 103 Early Hints\r\nlink: </style.css>\r\n\r\nHTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nfinal')
  })
  const tv = testVu(t)
  const res = await tv.run(() => http.get(server.url))
  assert.equal(res.status, 200)
  assert.equal(res.body, 'final')
})

test('a GET on a keep-alive connection the server closed while idle is sent again on a fresh one', async (t) => {
  const server = await rawServer(t, (socket, _head, index) => {
    // The first connection answers once, then dies on its next request without a byte (a stale keep-alive).
    if (index === 1) { socket.destroy(); return }
    socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok')
  })
  const tv = testVu(t)
  assert.equal((await tv.run(() => http.get(server.url))).status, 200)
  const retried = await tv.run(() => http.get(server.url))
  assert.equal(retried.status, 200)
  assert.equal(server.connections(), 2)
  assert.equal(tv.stat('http_reqs', 'count'), 2, 'the retry is part of the request, not a request of its own')
})

test('a POST is not sent twice: on a stale connection it fails with error_code 1220', async (t) => {
  const server = await rawServer(t, (socket, _head, index) => {
    if (index === 1) { socket.destroy(); return }
    socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok')
  })
  const tv = testVu(t)
  assert.equal((await tv.run(() => http.get(server.url))).status, 200)
  const res = await tv.run(() => http.post(server.url, 'order=1'))
  assert.equal(res.status, 0)
  assert.equal(res.error_code, 1220)
  assert.equal(server.requests.length, 2)
})

test('a Keep-Alive timeout hint shorter than the idle time stops reuse of the connection', async (t) => {
  // timeout=1 with the 1 s safety margin: a connection is never reused.
  const server = await rawServer(t, (socket) => { socket.write('HTTP/1.1 200 OK\r\nkeep-alive: timeout=1\r\ncontent-length: 2\r\n\r\nok') })
  const tv = testVu(t)
  await tv.run(() => http.get(server.url))
  await tv.run(() => http.get(server.url))
  assert.equal(server.connections(), 2)
})

test('each request keeps its own timeout on a shared connection', async (t) => {
  const server = await rawServer(t, (socket, head) => {
    if (!head.includes('/hang')) socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok')
  })
  const tv = testVu(t)
  const slowFirst = await tv.run(() => http.get(server.url, { timeout: '60s' }))
  const res = await tv.run(() => http.get(`${server.url}/hang`, { timeout: '200ms' }))
  assert.equal(slowFirst.status, 200)
  assert.equal(res.status, 0)
  assert.equal(res.error_code, 1050)
  assert.ok(res.timings.duration < 30_000, 'the shorter timeout applied, not the connection\'s first one')
})

test('a response that is not HTTP fails the request with error_code 1000', async (t) => {
  const server = await rawServer(t, (socket) => { socket.write('SSH-2.0-OpenSSH_9.6\r\n\r\n') })
  const tv = testVu(t)
  const res = await tv.run(() => http.get(server.url))
  assert.equal(res.status, 0)
  assert.equal(res.error_code, 1000)
  assert.match(res.error, /invalid HTTP response/)
})

test('a header value with CR/LF fails the request (no request splitting), without throwing', async (t) => {
  const server = await rawServer(t, (socket) => { socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok') })
  const tv = testVu(t)
  const res = await tv.run(() => http.get(server.url, { headers: { 'X-Evil': 'a\r\nX-Injected: 1' } }))
  assert.equal(res.status, 0)
  assert.equal(res.error_code, 1000)
  assert.match(res.error, /invalid request header "X-Evil"/)
  assert.equal(server.requests.length, 0, 'nothing was sent')
  const badMethod = await tv.run(() => http.request('GET /x HTTP/1.1\r\n', server.url))
  assert.equal(badMethod.error_code, 1000)
  assert.match(badMethod.error, /invalid request method/)
  assert.equal(server.requests.length, 0)
})

test('the request is written as HTTP/1.1 with Host, the script\'s headers and a content-length', async (t) => {
  const server = await rawServer(t, (socket) => { socket.write('HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n') })
  const tv = testVu(t)
  await tv.run(() => http.post(`${server.url}/orders?x=1`, '{"a":"é"}', { headers: { 'Content-Type': 'application/json' } }))
  const [head] = server.requests
  const lines = (head ?? '').split('\r\n')
  assert.equal(lines[0], 'POST /orders?x=1 HTTP/1.1')
  assert.ok(lines.includes(`host: ${server.url.slice('http://'.length)}`))
  assert.ok(lines.includes('Content-Type: application/json'))
  assert.ok(lines.includes('content-length: 10'), 'bytes, not characters')
  assert.ok(lines.some((l) => l.startsWith('user-agent: ')))
})
