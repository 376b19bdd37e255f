import { test } from 'node:test'
import assert from 'node:assert/strict'
import { http } from '../api/http.js'
import { createTestVu } from '../fixtures/test-vu.js'
import { closedPort, hangingHandler, httpFixture, resettingHandler, slowHandler } from '../fixtures/servers.js'
import { HttpRequestFailedError, IterationInterruptedError } from '../errors.js'
import { ConnectionPool, DEFAULT_CONNECTION_OPTIONS } from './connections.js'

test('a GET returns k6\'s response shape: status, body, canonical headers, json()', async (t) => {
  const server = await httpFixture((_req, res) => { res.setHeader('content-type', 'application/json'); res.setHeader('x-trace-id', 'abc'); res.end('{"ok":true,"items":[{"id":7}]}') })
  const tv = createTestVu()
  t.after(async () => { await tv.close(); await server.close() })
  const res = await tv.run(() => http.get(`${server.url}/data?x=1`))
  assert.equal(res.status, 200)
  assert.equal(res.status_text, '200 OK')
  assert.equal(res.error, '')
  assert.equal(res.error_code, 0)
  assert.equal(res.headers['Content-Type'], 'application/json')
  assert.equal(res.headers['X-Trace-Id'], 'abc')
  assert.deepEqual(res.json(), { ok: true, items: [{ id: 7 }] })
  assert.equal(res.json('items.0.id'), 7)
  assert.equal(res.url, `${server.url}/data?x=1`)
  assert.equal(res.request.method, 'GET')
})

test('timings follow k6\'s phases: waiting covers the server\'s think time, duration = sending + waiting + receiving', async (t) => {
  const server = await httpFixture(slowHandler(150))
  const tv = createTestVu()
  t.after(async () => { await tv.close(); await server.close() })
  const first = await tv.run(() => http.get(server.url))
  const second = await tv.run(() => http.get(server.url))
  for (const res of [first, second]) {
    const { sending, waiting, receiving, duration } = res.timings
    assert.ok(waiting >= 140, `waiting ${waiting} ms includes the 150 ms delay`)
    assert.ok(Math.abs(duration - (sending + waiting + receiving)) < 1e-9)
  }
  assert.ok(first.timings.connecting > 0, 'the first request dials')
  assert.equal(second.timings.connecting, 0, 'the second reuses the keep-alive connection')
  assert.equal(tv.stat('http_reqs', 'count'), 2)
  assert.ok((tv.stat('data_received', 'count') ?? 0) > 0)
  assert.ok((tv.stat('data_sent', 'count') ?? 0) > 0)
})

test('connection refused: status 0, error_code 1212, http_req_failed counts it', async (t) => {
  const port = await closedPort()
  const tv = createTestVu()
  t.after(async () => { await tv.close() })
  const res = await tv.run(() => http.get(`http://127.0.0.1:${port}/`))
  assert.equal(res.status, 0)
  assert.equal(res.error_code, 1212)
  assert.match(res.error, /ECONNREFUSED/)
  assert.equal(tv.stat('http_req_failed', 'rate'), 1)
  assert.equal(tv.stat('http_reqs', 'count'), 1)
})

test('a hanging server: the request times out with error_code 1050', async (t) => {
  const server = await httpFixture(hangingHandler)
  const tv = createTestVu()
  t.after(async () => { await tv.close(); await server.close() })
  const res = await tv.run(() => http.get(server.url, { timeout: '300ms' }))
  assert.equal(res.status, 0)
  assert.equal(res.error_code, 1050)
  assert.equal(res.error, 'request timeout')
})

test('a server that resets the connection: error_code 1220', async (t) => {
  const server = await httpFixture(resettingHandler)
  const tv = createTestVu()
  t.after(async () => { await tv.close(); await server.close() })
  const res = await tv.run(() => http.get(server.url))
  assert.equal(res.status, 0)
  assert.equal(res.error_code, 1220)
})

test('4xx/5xx: error_code 1000 + status, failed unless expected by a response callback', async (t) => {
  const server = await httpFixture((_req, res) => { res.statusCode = 404; res.end('nope') })
  const tv = createTestVu()
  t.after(async () => { await tv.close(); await server.close() })
  const res = await tv.run(() => http.get(server.url, { tags: { name: 'missing' } }))
  assert.equal(res.status, 404)
  assert.equal(res.error_code, 1404)
  assert.equal(res.body, 'nope')
  tv.registry.trackSubmetric('http_req_failed{name:expected404}')
  await tv.run(() => http.get(server.url, { tags: { name: 'expected404' }, responseCallback: http.expectedStatuses(404) }))
  assert.equal(tv.stat('http_req_failed', 'passes'), 1, 'only the first 404 counts as failed')
  assert.equal(tv.stat('http_req_failed{name:expected404}', 'rate'), 0)
})

test('request bodies: strings as is, objects as a form; a default User-Agent', async (t) => {
  const seen: Array<{ method: string, body: string, type: string | undefined, agent: string | undefined }> = []
  const server = await httpFixture((req, res, body) => { seen.push({ method: req.method ?? '', body, type: req.headers['content-type'], agent: req.headers['user-agent'] }); res.end('ok') })
  const tv = createTestVu()
  t.after(async () => { await tv.close(); await server.close() })
  await tv.run(() => http.post(server.url, JSON.stringify({ a: 1 }), { headers: { 'Content-Type': 'application/json' } }))
  await tv.run(() => http.put(server.url, { symbol: 'AAPL', n: 2 }))
  await tv.run(() => http.del(server.url))
  assert.deepEqual(seen.map((s) => [s.method, s.body, s.type]), [
    ['POST', '{"a":1}', 'application/json'],
    ['PUT', 'symbol=AAPL&n=2', 'application/x-www-form-urlencoded'],
    ['DELETE', '', undefined]
  ])
  assert.match(seen[0]?.agent ?? '', /mib-load/)
})

test('redirects are followed, each hop is its own request', async (t) => {
  const server = await httpFixture((req, res) => {
    if (req.url === '/start') { res.statusCode = 302; res.setHeader('location', '/end'); res.end() } else res.end('landed')
  })
  const tv = createTestVu()
  t.after(async () => { await tv.close(); await server.close() })
  const res = await tv.run(() => http.get(`${server.url}/start`))
  assert.equal(res.status, 200)
  assert.equal(res.body, 'landed')
  assert.equal(res.url, `${server.url}/end`)
  assert.equal(tv.stat('http_reqs', 'count'), 2)
  const noFollow = await tv.run(() => http.get(`${server.url}/start`, { redirects: 0 }))
  assert.equal(noFollow.status, 302)
})

test('an invalid URL fails the request with error_code 1020', async (t) => {
  const tv = createTestVu()
  t.after(async () => { await tv.close() })
  const res = await tv.run(() => http.get('ftp://example/'))
  assert.equal(res.status, 0)
  assert.equal(res.error_code, 1020)
})

test('options.throw turns network failures into exceptions', async (t) => {
  const port = await closedPort()
  const tv = createTestVu({ http: { throwOnError: true } })
  t.after(async () => { await tv.close() })
  await assert.rejects(tv.run(() => http.get(`http://127.0.0.1:${port}/`)), HttpRequestFailedError)
})

test('responseType "none" discards the body, "binary" gives an ArrayBuffer', async (t) => {
  const server = await httpFixture((_req, res) => { res.end('abc') })
  const tv = createTestVu()
  t.after(async () => { await tv.close(); await server.close() })
  assert.equal((await tv.run(() => http.get(server.url, { responseType: 'none' }))).body, null)
  const binary = (await tv.run(() => http.get(server.url, { responseType: 'binary' }))).body
  assert.ok(binary instanceof ArrayBuffer)
  assert.equal(Buffer.from(binary).toString(), 'abc')
})

test('interrupting the VU fails its request in flight', async (t) => {
  const server = await httpFixture(hangingHandler)
  const tv = createTestVu()
  t.after(async () => { await tv.close(); await server.close() })
  const pending = tv.run(() => http.get(server.url))
  setTimeout(() => { tv.vu.interrupt('test') }, 50)
  await assert.rejects(pending, IterationInterruptedError)
  assert.equal(tv.stat('http_reqs', 'count'), 0, 'an interrupted request is not measured')
})

test('per-vu connection model: each VU has its own connection (k6 semantics)', async (t) => {
  const peers = new Set<number>()
  const server = await httpFixture((req, res) => { peers.add(req.socket.remotePort ?? 0); res.end('ok') })
  const a = createTestVu({ connectionModel: 'per-vu' })
  const b = createTestVu({ connectionModel: 'per-vu' })
  t.after(async () => { await a.close(); await b.close(); await server.close() })
  for (let i = 0; i < 3; i++) {
    await a.run(() => http.get(server.url))
    await b.run(() => http.get(server.url))
  }
  assert.equal(peers.size, 2)
})

test('pooled connection model: VUs share idle connections, and never wait for a busy one', async (t) => {
  const peers = new Set<number>()
  const server = await httpFixture((req, res) => { peers.add(req.socket.remotePort ?? 0); setTimeout(() => res.end('ok'), 50) })
  const pool = new ConnectionPool(DEFAULT_CONNECTION_OPTIONS)
  const a = createTestVu({ pool })
  const b = createTestVu({ pool })
  t.after(async () => { await a.close(); await b.close(); await server.close() })
  await a.run(() => http.get(server.url))
  await b.run(() => http.get(server.url))
  assert.equal(peers.size, 1, 'one after the other: the same keep-alive connection')
  const [ra, rb] = await Promise.all([a.run(() => http.get(server.url)), b.run(() => http.get(server.url))])
  assert.equal(peers.size, 2, 'at the same time: a second connection')
  assert.equal(pool.size, 2)
})

test('data_sent counts the bytes the server receives, data_received the bytes it sends', async (t) => {
  const { createServer } = await import('node:net')
  const response = 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\nkeep-alive: timeout=5\r\n\r\nok'
  let received = 0
  const server = createServer((socket) => {
    let buffered = ''
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length
      buffered += chunk.toString('latin1')
      // One response per complete request (headers, plus the body its content-length announces).
      for (;;) {
        const end = buffered.indexOf('\r\n\r\n')
        if (end === -1) return
        const length = Number(/content-length: (\d+)/i.exec(buffered.slice(0, end))?.[1] ?? 0)
        if (buffered.length < end + 4 + length) return
        buffered = buffered.slice(end + 4 + length)
        socket.write(response)
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  const tv = createTestVu()
  t.after(async () => { await tv.close(); await new Promise<void>((resolve) => server.close(() => resolve())) })
  await tv.run(() => http.get(`${url}/path?q=1`, { headers: { 'X-Test': 'yes' } }))
  await tv.run(() => http.post(`${url}/submit`, JSON.stringify({ symbols: ['AAPL', 'é'] }), { headers: { 'Content-Type': 'application/json' } }))
  await tv.run(() => http.post(`${url}/empty`))
  assert.equal(tv.stat('data_sent', 'count'), received)
  assert.equal(tv.stat('data_received', 'count'), 3 * response.length)
})
