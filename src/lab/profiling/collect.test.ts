import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { once } from 'node:events'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import type { AddressInfo } from 'node:net'
import { writeRunState } from '../../run-dir.js'
import { collectMany, collectProfile, defaultOutDir, profileFileName, profileUrl } from './collect.js'
import { CollectFailedError, NoProfilingTargetsError, UnknownServiceError } from './errors.js'
import { profilingBaseUrl, resolveTargets } from './targets.js'
import { runCollect } from './commands.js'

async function tempDir (t: import('node:test').TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mib-collect-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  return dir
}

/** A stand-in service: answers /debug/pprof/* with `handler`, records what it was asked. */
async function fakeService (t: import('node:test').TestContext, handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ base: string, requests: Array<{ url: string, auth?: string }> }> {
  const requests: Array<{ url: string, auth?: string }> = []
  const server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', ...(req.headers.authorization === undefined ? {} : { auth: req.headers.authorization }) })
    handler(req, res)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  t.after(() => { server.closeAllConnections(); server.close() })
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/debug/pprof/`, requests }
}

test('file names carry service, kind and UTC time; URLs carry the window only where it applies', () => {
  const at = new Date('2026-11-28T00:15:00.123Z')
  assert.equal(profileFileName('gateway', 'cpu', at), 'gateway-cpu-20261128T001500Z.pb.gz')
  assert.equal(profileFileName('engine', 'trace', at), 'engine-trace-20261128T001500Z.json.gz')
  assert.equal(profileFileName('provider-sim', 'heapsnapshot', at), 'provider-sim-heapsnapshot-20261128T001500Z.heapsnapshot')
  const target = { name: 'g', baseUrl: 'http://127.0.0.1:1/debug/pprof/' }
  assert.equal(profileUrl({ target, kind: 'cpu', seconds: 30, hz: 250 }), 'http://127.0.0.1:1/debug/pprof/profile?seconds=30&hz=250')
  assert.equal(profileUrl({ target, kind: 'heap', seconds: 30 }), 'http://127.0.0.1:1/debug/pprof/heap')
  assert.equal(profileUrl({ target: { name: 'g', baseUrl: 'http://127.0.0.1:1/debug/pprof' }, kind: 'heap', seconds: 30 }), 'http://127.0.0.1:1/debug/pprof/heap', 'no trailing slash')
  assert.equal(profileUrl({ target: { name: 'g', baseUrl: 'http://127.0.0.1:1' }, kind: 'block', seconds: 2 }), 'http://127.0.0.1:1/debug/pprof/block?seconds=2', 'a bare service URL')
  assert.equal(defaultOutDir({ MIB_RESULTS_DIR: '/r/run-1' }), '/r/run-1/profiles')
  assert.match(defaultOutDir({}), /results\/profiles$/)
})

test('a service URL is normalised to its /debug/pprof/ index', () => {
  for (const url of ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/', 'http://127.0.0.1:8080/debug/pprof', 'http://127.0.0.1:8080/debug/pprof/?x=1']) {
    assert.equal(profilingBaseUrl(url), 'http://127.0.0.1:8080/debug/pprof/', url)
  }
})

test('targets come from the run directory, with its token; services without profiling are skipped with a reason', async (t) => {
  const runDir = await tempDir(t)
  await writeRunState({
    env: 'production',
    startedAt: new Date().toISOString(),
    profilingToken: 'run-token-0123456789',
    services: [
      { name: 'gateway', pid: 1, urls: { http: 'http://127.0.0.1:8080' }, healthUrl: 'h', metricsUrl: 'm', profilingUrl: 'http://127.0.0.1:6060/debug/pprof/' },
      { name: 'engine', pid: 2, urls: { admin: 'http://127.0.0.1:8081' }, healthUrl: 'h', metricsUrl: 'm' }
    ]
  }, runDir)
  const all = await resolveTargets({ runDir, env: {} })
  assert.deepEqual(all.targets, [{ name: 'gateway', baseUrl: 'http://127.0.0.1:6060/debug/pprof/', token: 'run-token-0123456789' }])
  assert.equal(all.skipped[0]?.name, 'engine')
  assert.match(all.skipped[0]?.reason ?? '', /--profiling/)
  assert.equal((await resolveTargets({ runDir, env: { MIB_PROFILING_TOKEN: 'env-token' } })).targets[0]?.token, 'env-token')
  assert.equal((await resolveTargets({ runDir, env: { MIB_PROFILING_TOKEN: 'env-token' }, token: 'flag-token' })).targets[0]?.token, 'flag-token')
  await assert.rejects(resolveTargets({ runDir, service: 'engine', env: {} }), NoProfilingTargetsError)
  await assert.rejects(resolveTargets({ runDir, service: 'gatway', env: {} }), UnknownServiceError)
  await assert.rejects(resolveTargets({ runDir: join(runDir, 'nope'), env: {} }), /MIB_ERR_RUN_DIR_MISSING|no services recorded/)
})

test('collect streams the answer into the named file and sends the bearer token', async (t) => {
  const svc = await fakeService(t, (_req, res) => { res.setHeader('content-type', 'application/octet-stream'); res.end(Buffer.alloc(70_000, 7)) })
  const outDir = await tempDir(t)
  const at = new Date('2026-11-28T00:15:00Z')
  const got = await collectProfile({ target: { name: 'gateway', baseUrl: svc.base, token: 'tok-0123456789abcdef' }, kind: 'cpu', seconds: 2, outDir, at })
  assert.equal(got.file, join(outDir, 'gateway-cpu-20261128T001500Z.pb.gz'))
  assert.equal(got.bytes, 70_000)
  assert.deepEqual(await readFile(got.file), Buffer.alloc(70_000, 7))
  assert.deepEqual(svc.requests, [{ url: '/debug/pprof/profile?seconds=2', auth: 'Bearer tok-0123456789abcdef' }])
})

test('a refused token, a 409 and a dropped connection are reported with the service\'s code and no file is left', async (t) => {
  const outDir = await tempDir(t)
  const unauthorized = await fakeService(t, (_req, res) => {
    res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ success: false, error: 'MIB_ERR_PROFILING_UNAUTHORIZED', message: 'profiling requires a token' }))
  })
  await assert.rejects(collectProfile({ target: { name: 'gateway', baseUrl: unauthorized.base }, kind: 'heap', seconds: 1, outDir }),
    (err: unknown) => err instanceof CollectFailedError && /HTTP 401 MIB_ERR_PROFILING_UNAUTHORIZED.*--token/.test(err.message))

  const busy = await fakeService(t, (_req, res) => { res.writeHead(409).end('{"error":"MIB_ERR_PROFILING_BUSY","message":"busy"}') })
  await assert.rejects(collectProfile({ target: { name: 'engine', baseUrl: busy.base }, kind: 'cpu', seconds: 1, outDir }), /engine: cpu profile failed: HTTP 409 MIB_ERR_PROFILING_BUSY/)

  // Headers, half a body, then the socket dies: the partial file must not survive.
  const dropping = await fakeService(t, (_req, res) => {
    res.writeHead(200, { 'content-length': '100000' })
    res.write(Buffer.alloc(1000))
    setTimeout(() => res.socket?.destroy(), 50)
  })
  await assert.rejects(collectProfile({ target: { name: 'sim', baseUrl: dropping.base }, kind: 'heap', seconds: 1, outDir }), CollectFailedError)
  assert.deepEqual(await readdir(outDir), [])

  const refused = 'http://127.0.0.1:1/debug/pprof/'
  await assert.rejects(collectProfile({ target: { name: 'gone', baseUrl: refused }, kind: 'heap', seconds: 1, outDir }), /ECONNREFUSED.*mib status/)
})

test('collecting several kinds: every outcome is reported, the trace comes after the CPU window', async (t) => {
  const order: string[] = []
  const svc = await fakeService(t, (req, res) => {
    const kind = (req.url ?? '').split('?')[0]?.split('/').pop() ?? ''
    order.push(`start ${kind}`)
    const delay = kind === 'profile' ? 300 : 0
    setTimeout(() => {
      order.push(`end ${kind}`)
      if (kind === 'goroutine') res.writeHead(500).end('{"error":"MIB_ERR_INTERNAL","message":"boom"}')
      else res.end('{}')
    }, delay)
  })
  const outDir = await tempDir(t)
  const outcomes = await collectMany({ targets: [{ name: 'svc', baseUrl: svc.base }], kinds: ['trace', 'cpu', 'goroutine', 'heap'], seconds: 1, outDir })
  assert.equal(outcomes.length, 4)
  assert.deepEqual(outcomes.filter((o) => !o.ok).map((o) => o.ok ? '' : o.kind), ['goroutine'])
  assert.ok(order.indexOf('start trace') > order.indexOf('end profile'), order.join(', '))
})

test('a trace is saved gzip-compressed and decompresses to what the service served', async (t) => {
  const trace = JSON.stringify({ traceEvents: Array.from({ length: 2000 }, (_, i) => ({ name: 'tick', ph: 'X', ts: i * 10, dur: 5, pid: 1, tid: 1 })) })
  const svc = await fakeService(t, (_req, res) => { res.end(trace) })
  const outDir = await tempDir(t)
  const collected = await collectProfile({ target: { name: 'svc', baseUrl: svc.base }, kind: 'trace', seconds: 1, outDir })
  assert.match(collected.file, /svc-trace-\d{8}T\d{6}Z\.json\.gz$/)
  const saved = await readFile(collected.file)
  assert.equal(gunzipSync(saved).toString('utf8'), trace)
  assert.ok(saved.length * 5 < trace.length, `${saved.length} B saved for ${trace.length} B served`)
})

test('staggerTraces: the services are traced one after another, and every outcome carries its span', async (t) => {
  const log: string[] = []
  const services = await Promise.all(['a', 'b', 'c'].map(async (name) => await fakeService(t, (req, res) => {
    const kind = (req.url ?? '').split('?')[0]?.split('/').pop() ?? ''
    log.push(`start ${name} ${kind}`)
    setTimeout(() => { log.push(`end ${name} ${kind}`); res.end('{}') }, kind === 'trace' ? 100 : 0)
  })))
  const outDir = await tempDir(t)
  const outcomes = await collectMany({ targets: services.map((svc, i) => ({ name: ['a', 'b', 'c'][i] ?? '', baseUrl: svc.base })), kinds: ['heap', 'trace'], seconds: 1, staggerTraces: true, outDir })
  const traces = log.filter((l) => l.endsWith(' trace'))
  assert.deepEqual(traces.map((l) => l.split(' ')[0]), ['start', 'end', 'start', 'end', 'start', 'end'], traces.join(', '))
  for (const o of outcomes) assert.ok(o.endedAtMs >= o.startedAtMs && o.startedAtMs > 0)
})

test('runCollect against a URL prints one line per file and counts failures', async (t) => {
  const svc = await fakeService(t, (req, res) => {
    if ((req.url ?? '').startsWith('/debug/pprof/block')) res.writeHead(409).end('{"error":"MIB_ERR_PROFILING_BUSY","message":"busy"}')
    else res.end('{}')
  })
  const outDir = await tempDir(t)
  const out: string[] = []
  const err: string[] = []
  const failed = await runCollect({ kind: 'all', seconds: 1, traceSeconds: 5, service: svc.base, out: outDir }, { out: (l) => out.push(l), err: (l) => err.push(l) }, {})
  assert.equal(failed, 1)
  assert.equal(out.length, 5)
  assert.ok(out.every((line) => /^127\.0\.0\.1_\d+\s+\w+\s+\S+\.(pb\.gz|json|json\.gz)\s+\d/.test(line)), out.join('\n'))
  assert.ok(err.some((line) => /block profile failed: HTTP 409 MIB_ERR_PROFILING_BUSY.*\(MIB_ERR_PROFILING_COLLECT_FAILED\)$/.test(line)), err.join('\n'))
  assert.ok(svc.requests.some((r) => r.url === '/debug/pprof/trace?seconds=1'), 'the trace window never exceeds --seconds')
})
