import { test } from 'node:test'
import assert from 'node:assert/strict'
import { connect } from 'node:net'
import { once } from 'node:events'
import { readFile } from 'node:fs/promises'
import { request } from 'undici'
import { ENDPOINTS } from './catalogue.js'
import { cumulativeByFunction, decodePprof, startFixture } from './fixtures/test-helpers.js'
import { waitFor } from '../../../../test/helpers/wait.js'

interface ErrorJson { success: boolean, error: string, message: string }

async function get (url: string, headers: Record<string, string> = {}): Promise<{ status: number, headers: Record<string, unknown>, body: Buffer }> {
  const res = await request(url, { headers, headersTimeout: 120_000, bodyTimeout: 120_000 })
  return { status: res.statusCode, headers: res.headers, body: Buffer.from(await res.body.arrayBuffer()) }
}

function json<T> (body: Buffer): T {
  return JSON.parse(body.toString('utf8')) as T
}

/** Keeps the fixture's hot route busy until `until` resolves. */
async function keepSpinning (url: string, until: Promise<unknown>, spinMs = 50): Promise<void> {
  let done = false
  void until.finally(() => { done = true })
  while (!done) await (await request(`${url}/spin?ms=${spinMs}`)).body.dump()
}

test('the index lists every endpoint, as HTML for browsers and JSON for tools', async (t) => {
  const fx = await startFixture(t)
  const base = fx.profilingUrls[0] ?? assert.fail('no profiling URL')
  assert.match(base, /^http:\/\/127\.0\.0\.1:\d+\/debug\/pprof\/$/)
  const html = await get(base, { accept: 'text/html' })
  assert.equal(html.status, 200)
  assert.match(String(html.headers['content-type']), /text\/html/)
  for (const e of ENDPOINTS) assert.match(html.body.toString(), new RegExp(`href="${e.name}`))
  assert.match(html.body.toString(), /pauses the whole process/)

  for (const variant of [`${base}?format=json`, base]) {
    const res = await get(variant, { accept: 'application/json' })
    const body = json<{ service: string, profiles: Array<{ name: string, path: string, description: string }> }>(res.body)
    assert.equal(body.service, 'fixture')
    assert.deepEqual(body.profiles.map((p) => p.name), ENDPOINTS.map((e) => e.name))
    assert.ok(body.profiles.every((p) => p.path.startsWith('/debug/pprof/') && p.description.length > 10))
  }
  const bare = await get(base.replace(/\/$/, ''))
  assert.equal(bare.status, 301)
  assert.equal(bare.headers.location, '/debug/pprof/')
})

test('the CPU profile is gzipped pprof with the fixture\'s hot function at the top', async (t) => {
  const fx = await startFixture(t)
  const base = fx.profilingUrls[0] ?? ''
  const profiling = get(`${base}profile?seconds=2&hz=200`)
  await keepSpinning(fx.url, profiling)
  const res = await profiling
  assert.equal(res.status, 200)
  assert.equal(res.headers['content-type'], 'application/octet-stream')
  assert.match(String(res.headers['content-disposition']), /filename="fixture-cpu-\d{8}T\d{6}Z\.pb\.gz"/)
  assert.equal(res.body[0], 0x1f, 'gzip magic')
  const profile = decodePprof(res.body)
  const types = profile.sampleType.map((st) => profile.stringTable.strings[Number(st.type)])
  assert.deepEqual(types, ['sample', 'wall'])
  const ranked = [...cumulativeByFunction(profile)].filter(([name]) => !name.startsWith('(')).sort((a, b) => b[1] - a[1])
  const leafRank = ranked.findIndex(([name]) => name === 'hotFixtureSpin')
  assert.ok(leafRank !== -1, `hotFixtureSpin not in the profile: ${ranked.slice(0, 10).map(([n]) => n).join(', ')}`)
  // Everything above it is its callers (Fastify's handler chain), which hold at least as much.
  const hot = ranked[leafRank]?.[1] ?? 0
  const total = profile.sample.reduce((sum, s) => sum + Number(s.value[1] ?? 0), 0)
  assert.ok(hot / total > 0.3, `hotFixtureSpin holds only ${(100 * hot / total).toFixed(1)}% of the samples`)
})

test('profile positions are mapped back to the TypeScript source lines (tsx runs code on one line)', async (t) => {
  const fx = await startFixture(t)
  const profiling = get(`${fx.profilingUrls[0] ?? ''}profile?seconds=1&hz=200`)
  await keepSpinning(fx.url, profiling)
  const profile = decodePprof((await profiling).body)
  const strings = profile.stringTable.strings
  const fn = profile.function.find((f) => strings[Number(f.name)] === 'hotFixtureSpin') ?? assert.fail('hotFixtureSpin not sampled')
  assert.match(strings[Number(fn.filename)] ?? '', /fixtures\/profiled-app\.ts$/)
  const source = await readFile(new URL('./fixtures/profiled-app.ts', import.meta.url), 'utf8')
  const declared = source.split('\n').findIndex((line) => line.startsWith('function hotFixtureSpin')) + 1
  const lines = profile.location.filter((l) => l.line.some((x) => String(x.functionId) === String(fn.id))).flatMap((l) => l.line.map((x) => Number(x.line)))
  assert.ok(lines.includes(declared), `lines ${lines.join(',')} do not include the declaration line ${declared}`)
})

test('the heap profile holds the fixture\'s allocation site; allocs says what it cannot show', async (t) => {
  const fx = await startFixture(t)
  const base = fx.profilingUrls[0] ?? ''
  await (await request(`${fx.url}/alloc?count=200000`)).body.dump()
  const heap = await get(`${base}heap`)
  assert.equal(heap.status, 200)
  const profile = decodePprof(heap.body)
  const strings = profile.stringTable.strings
  assert.deepEqual(profile.sampleType.map((st) => strings[Number(st.type)]), ['inuse_objects', 'inuse_space'])
  assert.ok((cumulativeByFunction(profile).get('allocFixtureRetain') ?? 0) > 1024 * 1024, 'allocFixtureRetain holds > 1 MiB')

  const allocs = decodePprof((await get(`${base}allocs`)).body)
  const comments = allocs.comment.map((i) => allocs.stringTable.strings[Number(i)] ?? '')
  assert.ok(comments.some((c) => /live-at-collection/.test(c)), comments.join('|'))
})

test('the heap snapshot is a V8 .heapsnapshot document', async (t) => {
  const fx = await startFixture(t)
  const res = await get(`${fx.profilingUrls[0] ?? ''}heapsnapshot`)
  assert.equal(res.status, 200)
  assert.match(String(res.headers['content-disposition']), /\.heapsnapshot"/)
  const snapshot = json<{ snapshot: { meta: { node_fields: string[] }, node_count: number }, strings: string[] }>(res.body)
  assert.ok(snapshot.snapshot.meta.node_fields.includes('name'))
  assert.ok(snapshot.snapshot.node_count > 1000)
})

test('goroutine lists a socket the test opened, as JSON and as text', async (t) => {
  const fx = await startFixture(t)
  const { port } = new URL(fx.url)
  const socket = connect(Number(port), '127.0.0.1')
  t.after(() => socket.destroy())
  await once(socket, 'connect')
  const mine = socket.localPort ?? assert.fail('no local port')
  await waitFor(async () => {
    const body = json<{ sockets: Array<{ remotePort?: number, localAddress?: string }>, servers: Array<{ address: string }>, byType: Record<string, number> }>((await get(`${fx.profilingUrls[0] ?? ''}goroutine`)).body)
    assert.ok(body.servers.some((s) => s.address === `127.0.0.1:${port}`), 'the listening server is listed')
    assert.ok((body.byType.TCPSocketWrap ?? 0) >= 1)
    return body.sockets.some((s) => s.remotePort === mine && s.localAddress === '127.0.0.1')
  }, `the socket from port ${mine} listed`, 10_000)
  const text = (await get(`${fx.profilingUrls[0] ?? ''}goroutine?debug=1`)).body.toString()
  assert.match(text, /^active resources: total \d+/)
  assert.match(text, new RegExp(`-> 127\\.0\\.0\\.1:${mine} `))
  socket.destroy()
})

interface TraceJson { traceEvents: Array<{ ph: string, name: string, ts: number, pid: number }>, metadata: { source: string, truncated: boolean } }

test('the trace is trace-event JSON with HTTP and counter events; async_hooks events only when asked for (they are heavy)', async (t) => {
  const fx = await startFixture(t)
  const tracing = get(`${fx.profilingUrls[0] ?? ''}trace?seconds=1`)
  await keepSpinning(fx.url, tracing)
  const res = await tracing
  assert.equal(res.status, 200)
  const trace = json<TraceJson>(res.body)
  assert.equal(trace.metadata.source, 'inspector')
  assert.equal(trace.metadata.truncated, false)
  assert.ok(trace.traceEvents.length > 20, `only ${trace.traceEvents.length} events`)
  for (const e of trace.traceEvents) {
    assert.equal(typeof e.ph, 'string')
    assert.equal(typeof e.ts, 'number')
    assert.equal(typeof e.pid, 'number')
  }
  assert.ok(trace.traceEvents.some((e) => e.ph === 'C' && e.name === 'event loop delay max (ms)'))
  assert.ok(trace.traceEvents.some((e) => e.name === 'http.server.request'), 'node agent events present (node.http)')
  const asyncEvent = (e: { name: string }): boolean => /^(PROMISE|TickObject|Timeout|TCPWRAP|HTTPINCOMINGMESSAGE)/.test(e.name)
  assert.ok(!trace.traceEvents.some(asyncEvent), 'the default categories leave async_hooks out')

  const asking = get(`${fx.profilingUrls[0] ?? ''}trace?seconds=1&categories=node.async_hooks`)
  await keepSpinning(fx.url, asking)
  const withAsync = json<TraceJson>((await asking).body)
  assert.ok(withAsync.traceEvents.some(asyncEvent), 'categories=node.async_hooks records async activity')
})

test('the perf_hooks trace source works without the inspector and still has events', async (t) => {
  const fx = await startFixture(t)
  const tracing = get(`${fx.profilingUrls[0] ?? ''}trace?seconds=1&source=perf_hooks`)
  await (await request(`${fx.url}/alloc?count=300000`)).body.dump()
  const trace = json<TraceJson>((await tracing).body)
  assert.equal(trace.metadata.source, 'perf_hooks')
  assert.ok(trace.traceEvents.filter((e) => e.ph === 'C').length >= 3)
  assert.ok(trace.traceEvents.some((e) => e.ph === 'X' && e.name.startsWith('GC ')), 'GC events present')
})

test('block reports event-loop delay that a blocking route causes', async (t) => {
  const fx = await startFixture(t)
  const blocking = get(`${fx.profilingUrls[0] ?? ''}block?seconds=1`)
  await keepSpinning(fx.url, blocking, 300)
  const report = json<{ window: { complete: boolean, delay: { count: number, maxMs: number, p50Ms: number, p99Ms: number }, eventLoop: { utilization: number } }, sinceStart: { delay: { count: number } } }>((await blocking).body)
  assert.equal(report.window.complete, true)
  // The 300 ms spin held the loop: a tick fired at least ~290 ms late (a lower bound, not a speed).
  assert.ok(report.window.delay.maxMs >= 250, `max delay ${report.window.delay.maxMs} ms`)
  assert.ok(report.window.delay.p99Ms <= report.window.delay.maxMs)
  assert.ok(report.window.eventLoop.utilization > 0 && report.window.eventLoop.utilization <= 1)
  assert.ok(report.sinceStart.delay.count > 0)
})

test('mutex explains itself, cmdline and runtime describe the process', async (t) => {
  const fx = await startFixture(t)
  const base = fx.profilingUrls[0] ?? ''
  const mutex = await get(`${base}mutex`)
  assert.equal(mutex.status, 501)
  const err = json<ErrorJson>(mutex.body)
  assert.equal(err.error, 'MIB_ERR_PROFILING_NO_MUTEX')
  assert.match(err.message, /\/debug\/pprof\/block/)

  const cmdline = (await get(`${base}cmdline`)).body.toString()
  const args = cmdline.split('\0')
  assert.equal(args[0], process.execPath)
  assert.ok(args.some((a) => a.endsWith('profiled-app.ts')), args.join(' '))

  const runtime = json<{ pid: number, node: string, execArgv: string[], parallelism: { cpus: number, uvThreadpoolSize: number }, memory: { rss: number }, gc: Record<string, { count: number }>, uptimeS: number }>((await get(`${base}runtime`)).body)
  assert.equal(runtime.pid, fx.pid)
  assert.equal(runtime.node, process.version)
  assert.ok(runtime.execArgv.includes('--import'))
  assert.ok(runtime.parallelism.cpus >= 1)
  assert.equal(runtime.parallelism.uvThreadpoolSize, Number(process.env.UV_THREADPOOL_SIZE ?? 4))
  assert.ok(runtime.memory.rss > 0 && runtime.uptimeS > 0)
  assert.equal(typeof runtime.gc, 'object')
})

test('bad seconds and hz are 400 with a stable code, before anything starts', async (t) => {
  const fx = await startFixture(t)
  const base = fx.profilingUrls[0] ?? ''
  for (const path of ['profile?seconds=0', 'profile?seconds=-1', 'profile?seconds=abc', 'profile?seconds=301', 'trace?seconds=1e9', 'block?seconds=NaN']) {
    const res = await get(`${base}${path}`)
    assert.equal(res.status, 400, path)
    const body = json<ErrorJson>(res.body)
    assert.equal(body.success, false)
    assert.equal(body.error, 'MIB_ERR_PROFILING_BAD_SECONDS', path)
  }
  for (const path of ['profile?seconds=1&hz=0', 'profile?seconds=1&hz=2.5', 'trace?seconds=1&categories=nope', 'trace?seconds=1&source=x', 'goroutine?debug=7']) {
    const res = await get(`${base}${path}`)
    assert.equal(res.status, 400, path)
    assert.equal(json<ErrorJson>(res.body).error, 'MIB_ERR_PROFILING_BAD_PARAM', path)
  }
})

test('a second CPU profile or trace while one runs is 409 MIB_ERR_PROFILING_BUSY', async (t) => {
  const fx = await startFixture(t)
  const base = fx.profilingUrls[0] ?? ''
  for (const kind of ['profile', 'trace']) {
    const first = get(`${base}${kind}?seconds=2`)
    // The first request may not have reached the process yet: poll for the 409.
    let second: { status: number, body: Buffer } | undefined
    await waitFor(async () => {
      second = await get(`${base}${kind}?seconds=1`)
      return second.status === 409
    }, `${kind}: a 409 while the first runs`, 10_000, () => `last ${second?.status}`)
    assert.equal(json<ErrorJson>(second?.body ?? Buffer.from('{}')).error, 'MIB_ERR_PROFILING_BUSY')
    assert.equal((await first).status, 200)
  }
  // The slot is free again once the first finished.
  assert.equal((await get(`${base}profile?seconds=0.2`)).status, 200)
})

test('a client that goes away frees the CPU profile slot without waiting for the window', async (t) => {
  const fx = await startFixture(t)
  const base = fx.profilingUrls[0] ?? ''
  const controller = new AbortController()
  const abandoned = request(`${base}profile?seconds=120`, { signal: controller.signal }).catch(() => undefined)
  await waitFor(async () => (await get(`${base}profile?seconds=0.1`)).status === 409, 'the slot busy', 10_000)
  controller.abort()
  await abandoned
  await waitFor(async () => (await get(`${base}profile?seconds=0.1`)).status === 200, 'the slot freed after the client left', 30_000)
})
