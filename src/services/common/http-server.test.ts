import { test } from 'node:test'
import assert from 'node:assert/strict'
import { connect } from 'node:net'
import { pino } from 'pino'
import { request } from 'undici'
import { OverloadedError } from './errors.js'
import { openSocket, peerClosed, readResponse } from './fixtures/raw-http.js'
import { createHttpServer, listen } from './http-server.js'
import { createLogger } from './logger.js'
import { ServiceMetrics } from './metrics.js'

async function startFixture (t: import('node:test').TestContext): Promise<string> {
  const app = createHttpServer({ logger: createLogger({ name: 'fixture', env: 'test' }), metrics: new ServiceMetrics('fixture'), bodyLimitBytes: 1024 })
  app.post('/echo', async (req) => ({ success: true, body: req.body }))
  app.get('/boom', async () => { throw new Error('secret internals') })
  const url = await listen(app, '127.0.0.1', 0)
  t.after(() => app.close())
  return url
}

test('unknown route answers 404 with a JSON body and a stable code', async (t) => {
  const url = await startFixture(t)
  const res = await request(`${url}/nope?x=1`)
  assert.equal(res.statusCode, 404)
  const body = await res.body.json() as Record<string, unknown>
  assert.equal(body.success, false)
  assert.equal(body.error, 'MIB_ERR_HTTP_NOT_FOUND')
  assert.equal(body.message, 'route GET /nope not found')
})

test('malformed JSON is a 400, an oversized body a 413, an unexpected error a 500 without internals', async (t) => {
  const url = await startFixture(t)
  const bad = await request(`${url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' })
  assert.equal(bad.statusCode, 400)
  assert.equal((await bad.body.json() as { error: string }).error, 'MIB_ERR_HTTP_MALFORMED_JSON')

  const big = await request(`${url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ a: 'x'.repeat(2048) }) })
  assert.equal(big.statusCode, 413)
  assert.equal((await big.body.json() as { error: string }).error, 'MIB_ERR_HTTP_BODY_TOO_LARGE')

  const boom = await request(`${url}/boom`)
  assert.equal(boom.statusCode, 500)
  const body = await boom.body.json() as { error: string, message: string }
  assert.equal(body.error, 'MIB_ERR_INTERNAL')
  assert.doesNotMatch(body.message, /secret/)
})

test('/metrics counts requests by route pattern and status', async (t) => {
  const url = await startFixture(t)
  await (await request(`${url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).body.dump()
  const text = await (await request(`${url}/metrics`)).body.text()
  assert.match(text, /http_requests_total\{[^}]*method="POST",route="\/echo",status="200"[^}]*\} 1/)
  assert.match(text, /nodejs_eventloop_lag_p99_seconds/)
})

test('regression: closing answered a busy keep-alive connection\'s next request 503 and closed idle ones at once (a request sent on one then saw a reset); now it drains: the next request on every connection is served with connection: close, idle ones close after the grace', async (t) => {
  const app = createHttpServer({ logger: createLogger({ name: 'fixture', env: 'test' }), metrics: new ServiceMetrics('fixture'), drainIdleMs: 300 })
  let release = (): void => {}
  let entered = (): void => {}
  const inHandler = new Promise<void>((resolve) => { entered = resolve })
  app.get('/hold', async () => {
    entered()
    await new Promise<void>((resolve) => { release = resolve })
    return { success: true }
  })
  app.get('/after', async () => ({ success: true, after: true }))
  let began = (): void => {}
  const closeBegan = new Promise<void>((resolve) => { began = resolve })
  app.addHook('preClose', (done) => { began(); done() })
  const url = new URL(await listen(app, '127.0.0.1', 0))
  let closing: Promise<void> | undefined
  t.after(async () => { release(); await (closing ?? app.close()) })

  // One keep-alive connection busy with a request when close starts, one idle, one idle for good.
  const busy = await openSocket(t, url.href)
  busy.write(`GET /hold HTTP/1.1\r\nhost: ${url.host}\r\n\r\n`)
  await inHandler
  const idle = await openSocket(t, url.href)
  idle.write(`GET /after HTTP/1.1\r\nhost: ${url.host}\r\n\r\n`)
  assert.equal((await readResponse(idle)).headers.connection, 'keep-alive')
  const silent = await openSocket(t, url.href)
  silent.write(`GET /after HTTP/1.1\r\nhost: ${url.host}\r\n\r\n`)
  await readResponse(silent)
  closing = app.close()
  await closeBegan
  await new Promise((resolve) => setImmediate(resolve))

  // The idle connection's next request, sent after close began: served, and the connection closes after it.
  idle.write(`GET /after HTTP/1.1\r\nhost: ${url.host}\r\n\r\n`)
  const next = await readResponse(idle)
  assert.equal(next.status, 200)
  assert.equal(next.headers.connection, 'close')
  assert.deepEqual(JSON.parse(next.body), { success: true, after: true })
  await peerClosed(idle, 5000)

  // The in-flight request completes; the answer says the connection closes.
  release()
  const held = await readResponse(busy)
  assert.equal(held.status, 200, 'the in-flight request still completes')
  await peerClosed(busy, 5000)

  // A connection that never sends again is closed after the grace, and then close() resolves.
  await peerClosed(silent, 5000)
  await closing
})

test('regression: while closing, a shed request kept its connection open; now it says connection: close too', async (t) => {
  const app = createHttpServer({
    logger: createLogger({ name: 'fixture', env: 'test' }),
    metrics: new ServiceMetrics('fixture'),
    drainIdleMs: 300,
    loadShedding: { maxInFlight: 1, boundedPaths: {}, maxEventLoopDelayMs: 0, sampleIntervalMs: 250, exemptPrefixes: [] }
  })
  let release = (): void => {}
  let entered = (): void => {}
  const inHandler = new Promise<void>((resolve) => { entered = resolve })
  app.get('/hold', async () => { entered(); await new Promise<void>((resolve) => { release = resolve }); return { success: true } })
  app.get('/after', async () => ({ success: true }))
  const url = new URL(await listen(app, '127.0.0.1', 0))
  let closing: Promise<void> | undefined
  t.after(async () => { release(); await (closing ?? app.close()) })
  const busy = await openSocket(t, url.href)
  busy.write(`GET /hold HTTP/1.1\r\nhost: ${url.host}\r\n\r\n`)
  await inHandler
  const other = await openSocket(t, url.href)
  closing = app.close()
  await new Promise((resolve) => setImmediate(resolve))
  other.write(`GET /after HTTP/1.1\r\nhost: ${url.host}\r\n\r\n`)
  const shed = await readResponse(other)
  assert.equal(shed.status, 503)
  assert.equal(JSON.parse(shed.body).error, 'MIB_ERR_HTTP_OVERLOADED')
  assert.equal(shed.headers.connection, 'close')
  await peerClosed(other, 5000)
  release()
  await readResponse(busy)
  await closing
})

test('the server it builds carries the configured timeouts and header bound', async (t) => {
  const app = createHttpServer({ logger: createLogger({ name: 'fixture', env: 'test' }), metrics: new ServiceMetrics('fixture'), requestTimeoutMs: 1234, keepAliveTimeoutMs: 5678, maxHeaderBytes: 4096 })
  const url = new URL(await listen(app, '127.0.0.1', 0))
  t.after(() => app.close())
  assert.equal(app.server.requestTimeout, 1234)
  assert.equal(app.server.keepAliveTimeout, 5678)
  // Over the bound: Node's parser refuses the request before any route runs.
  const socket = connect(Number(url.port), url.hostname)
  t.after(() => socket.destroy())
  socket.write(`GET /nope HTTP/1.1\r\nhost: ${url.host}\r\nx-big: ${'a'.repeat(8192)}\r\n\r\n`)
  const answer = await new Promise<string>((resolve) => { let text = ''; socket.on('data', (d: Buffer) => { text += d.toString() }); socket.once('close', () => resolve(text)) })
  assert.match(answer, /^HTTP\/1\.1 431/)
})

async function rawAnswer (url: URL, text: string): Promise<string> {
  const socket = connect(Number(url.port), url.hostname)
  socket.on('error', () => { /* the close below is what the tests read */ })
  socket.write(text)
  return await new Promise<string>((resolve) => { let out = ''; socket.on('data', (d: Buffer) => { out += d.toString() }); socket.once('close', () => resolve(out)) })
}

test('regression: Node-level rejections skipped our envelope and Connection: close; now every one is an envelope with a stable code', async (t) => {
  const app = createHttpServer({ logger: createLogger({ name: 'fixture', env: 'test' }), metrics: new ServiceMetrics('fixture'), maxHeaderBytes: 4096 })
  app.get('/ok', async () => ({ success: true }))
  const url = new URL(await listen(app, '127.0.0.1', 0))
  t.after(() => app.close())
  const cases: Array<[string, string, number, string]> = [
    ['a malformed request line', 'GARBAGE\r\n\r\n', 400, 'MIB_ERR_HTTP_BAD_REQUEST'],
    ['headers over the bound', `GET /ok HTTP/1.1\r\nhost: x\r\nx-big: ${'a'.repeat(8192)}\r\n\r\n`, 431, 'MIB_ERR_HTTP_HEADERS_TOO_LARGE'],
    // Answered by the router (a keep-alive answer): this client asks to close.
    ['a URL with bad %-encoding', 'GET /ok%zz%E0%A4%A HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n', 400, 'MIB_ERR_HTTP_BAD_REQUEST']
  ]
  for (const [name, text, status, code] of cases) {
    const answer = await rawAnswer(url, text)
    assert.match(answer, new RegExp(`^HTTP/1\\.1 ${status} `), `${name}: ${answer}`)
    assert.match(answer, /\r\nconnection: close\r\n/i, name)
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>
    assert.equal(body.error, code, name)
    assert.equal(body.success, false, name)
  }
})

test('regression: a wrong HTTP method answered 404; now 405 with Allow', async (t) => {
  const url = await startFixture(t)
  const res = await request(`${url}/echo`, { method: 'GET' })
  assert.equal(res.statusCode, 405)
  assert.equal(res.headers.allow, 'POST')
  assert.equal((await res.body.json() as { error: string }).error, 'MIB_ERR_HTTP_METHOD_NOT_ALLOWED')
  assert.equal((await request(`${url}/nowhere`, { method: 'GET' })).statusCode, 404)
})

test('regression: the request timeout bit 30-60 s late (Node checks every 30 s); now within a tenth of the bound (at least 1 s) after it, answered 408', async (t) => {
  const app = createHttpServer({ logger: createLogger({ name: 'fixture', env: 'test' }), metrics: new ServiceMetrics('fixture'), requestTimeoutMs: 2_000 })
  const url = new URL(await listen(app, '127.0.0.1', 0))
  t.after(() => app.close())
  // Headers never finished: only the timeout can end this. 20 s is far below Node's 30 s check interval.
  const answer = await Promise.race([
    rawAnswer(url, 'GET /slow HTTP/1.1\r\nhost: x\r\n'),
    new Promise<string>((resolve) => setTimeout(() => resolve('still open after 20 s'), 20_000).unref())
  ])
  assert.match(answer, /^HTTP\/1\.1 408 /)
  assert.match(answer, /MIB_ERR_HTTP_REQUEST_TIMEOUT/)
})

test('regression: every declared 5xx was one warning line (12.6 MB of a 27 MB run log at 23 % errors); now one line per code and status a window, with a count', async (t) => {
  const lines: Array<Record<string, unknown>> = []
  const logger = pino({ level: 'warn' }, { write: (line: string) => { lines.push(JSON.parse(line) as Record<string, unknown>) } })
  const app = createHttpServer({ logger, metrics: new ServiceMetrics('fixture') })
  app.get('/busy', async () => { throw new OverloadedError(1) })
  app.get('/boom', async () => { throw new Error('a bug') })
  const url = await listen(app, '127.0.0.1', 0)
  let closed = false
  t.after(async () => { if (!closed) await app.close() })
  for (let i = 0; i < 50; i++) await (await request(`${url}/busy`)).body.dump()
  await (await request(`${url}/boom`)).body.dump()
  await app.close()
  closed = true
  const busy = lines.filter((l) => l.code === 'MIB_ERR_HTTP_OVERLOADED')
  // One line per second at most (plus the first): 50 requests take far less than 25 s.
  assert.ok(busy.length >= 2 && busy.length <= 25, `${busy.length} lines for 50 identical failures`)
  assert.equal(busy[0]?.repeated, undefined, 'the first one is logged as it happens')
  assert.equal(busy.reduce((sum, l) => sum + (typeof l.repeated === 'number' ? l.repeated : 1), 0), 50, 'every failure is in a line or a count')
  assert.ok(lines.some((l) => l.level === 50 && l.msg === 'request failed'), 'an unexpected error is still logged on its own, at error level')
})
