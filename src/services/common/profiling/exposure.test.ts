import { test } from 'node:test'
import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import assert from 'node:assert/strict'
import { request } from 'undici'
import Fastify from 'fastify'
import { InvalidOptionsError } from '../../../options.js'
import { writeRunState } from '../../../run-dir.js'
import { createLogger } from '../logger.js'
import { ENDPOINTS } from './catalogue.js'
import { createAdminApp, tokenMatches } from './admin-listener.js'
import { NonLoopbackAdminHostError } from './errors.js'
import { defaultProfiling, isLoopbackHost, mountProfiling } from './index.js'
import { startFixture } from './fixtures/test-helpers.js'

const TOKEN = 'test-token-0123456789abcdef'
const DEBUG_PATHS = ['/debug/pprof', '/debug/pprof/', ...ENDPOINTS.map((e) => `/debug/pprof/${e.name}`)]

async function status (url: string, headers: Record<string, string> = {}): Promise<{ status: number, body: Record<string, unknown>, headers: Record<string, unknown> }> {
  const res = await request(url, { headers })
  const text = await res.body.text()
  let body: Record<string, unknown> = {}
  try { body = JSON.parse(text) as Record<string, unknown> } catch { body = { text } }
  return { status: res.statusCode, body, headers: res.headers }
}

test('production without profiling: every /debug path is 404 on the main port', async (t) => {
  const fx = await startFixture(t, { FIXTURE_MODE: 'off' })
  assert.deepEqual(fx.profilingUrls, [])
  for (const path of DEBUG_PATHS) {
    const res = await status(`${fx.url}${path}?seconds=1`)
    assert.equal(res.status, 404, path)
    assert.equal(res.body.error, 'MIB_ERR_HTTP_NOT_FOUND', path)
  }
})

test('production with profiling: nothing on the main port, a loopback admin listener that wants the token', async (t) => {
  const fx = await startFixture(t, { FIXTURE_MODE: 'admin', FIXTURE_TOKEN: TOKEN })
  for (const path of DEBUG_PATHS) assert.equal((await status(`${fx.url}${path}`)).status, 404, `main port ${path}`)

  const admin = fx.profilingUrls[0] ?? assert.fail('no admin URL')
  assert.match(admin, /^http:\/\/127\.0\.0\.1:\d+\/debug\/pprof\/$/)
  assert.notEqual(new URL(admin).port, new URL(fx.url).port)
  assert.equal(fx.token, TOKEN)

  const attempts: Array<Record<string, string>> = [{}, { authorization: 'Bearer wrong-token-0123456789' }, { authorization: `Basic ${TOKEN}` }, { authorization: 'Bearer' }]
  for (const headers of attempts) {
    for (const path of ['', 'profile?seconds=1', 'heapsnapshot', 'no-such-profile']) {
      const res = await status(`${admin}${path}`, headers)
      assert.equal(res.status, 401, `${path} with ${JSON.stringify(headers)}`)
      assert.equal(res.body.error, 'MIB_ERR_PROFILING_UNAUTHORIZED')
      assert.equal(res.headers['www-authenticate'], 'Bearer realm="mib-profiling"')
    }
  }
  const ok = await status(`${admin}?format=json`, { authorization: `Bearer ${TOKEN}` })
  assert.equal(ok.status, 200)
  assert.equal(ok.body.service, 'fixture')
  const goroutine = await status(`${admin}goroutine`, { authorization: `bearer ${TOKEN}` })
  assert.equal(goroutine.status, 200, 'the scheme is case-insensitive')
})

test('admin mode without a token generates a strong one', async (t) => {
  const fx = await startFixture(t, { FIXTURE_MODE: 'admin' })
  assert.match(fx.token ?? '', /^[0-9a-f]{48}$/)
  assert.equal((await status(`${fx.profilingUrls[0] ?? ''}cmdline`, { authorization: `Bearer ${fx.token ?? ''}` })).status, 200)
})

test('the admin listener refuses a non-loopback host, in the options and at bind time', async () => {
  const app = Fastify()
  const logger = createLogger({ name: 'test', env: 'test' })
  for (const adminHost of ['0.0.0.0', '::', '192.168.1.10', 'example.com']) {
    await assert.rejects(mountProfiling(app, { mode: 'admin', adminPort: 0, adminHost }, { service: 'x', logger }), InvalidOptionsError, adminHost)
    assert.throws(() => createAdminApp(adminHost, TOKEN, logger), NonLoopbackAdminHostError)
  }
  for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1']) assert.ok(isLoopbackHost(host), host)
  await app.close()
})

test('an in-process admin listener binds to 127.0.0.1 and closes with the service app', async (t) => {
  const app = Fastify()
  const logger = createLogger({ name: 'test', env: 'test' })
  const handle = await mountProfiling(app, { mode: 'admin', adminPort: 0, token: TOKEN }, { service: 'svc', logger })
  t.after(() => handle.close())
  const url = new URL(handle.urls[0] ?? assert.fail('no url'))
  assert.equal(url.hostname, '127.0.0.1')
  assert.equal((await status(url.href, { authorization: `Bearer ${TOKEN}` })).status, 200)
  await app.close()
  await assert.rejects(request(url.href), /ECONNREFUSED/)
})

test('tokens compare in constant time and only when equal', () => {
  assert.equal(tokenMatches(TOKEN, TOKEN), true)
  assert.equal(tokenMatches(`${TOKEN}x`, TOKEN), false)
  assert.equal(tokenMatches('', TOKEN), false)
})

test('defaultProfiling: development on the main port, production off unless enabled', () => {
  assert.deepEqual(defaultProfiling('development', 'gateway', false, {}), { mode: 'main', adminPort: 6060 })
  assert.deepEqual(defaultProfiling('production', 'engine', false, {}), { mode: 'off', adminPort: 6061 })
  assert.deepEqual(defaultProfiling('production', 'provider-sim', true, {}), { mode: 'admin', adminPort: 6062 })
  assert.deepEqual(defaultProfiling('production', 'gateway', false, { MIB_PROFILING: '1', MIB_PROFILING_TOKEN: TOKEN }), { mode: 'admin', adminPort: 6060, token: TOKEN })
})

test('main mode: the URLs are known after listen, and closing the app ends a profile in progress', async (t) => {
  const app = Fastify()
  const logger = createLogger({ name: 'test', env: 'test' })
  const handle = await mountProfiling(app, { mode: 'main', adminPort: 0 }, { service: 'svc', logger })
  assert.deepEqual(handle.urls, [])
  await app.listen({ host: '127.0.0.1', port: 0 })
  t.after(() => app.close())
  const base = handle.urls[0] ?? assert.fail('no url after listen')
  const long = request(`${base}profile?seconds=120`).then(async (res) => { await res.body.dump(); return res.statusCode }, () => 'closed')
  // Wait until the profile is running, then close: the 120 s window must not hold shutdown up.
  for (let i = 0; i < 200 && (await request(`${base}profile?seconds=0.1`).then(async (r) => { await r.body.dump(); return r.statusCode })) !== 409; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  const closeStarted = Date.now()
  await app.close()
  assert.ok(Date.now() - closeStarted < 60_000, 'close waited for the whole window')
  assert.ok([200, 'closed'].includes(await long))
})

test('regression: development served unauthenticated pprof on the main port whatever the host; on a non-loopback host it moves to the token-protected loopback listener', async (t) => {
  const app = Fastify()
  const logger = createLogger({ name: 'test', env: 'test' })
  const handle = await mountProfiling(app, { mode: 'main', adminPort: 0, token: TOKEN }, { service: 'svc', logger, host: '0.0.0.0' })
  t.after(async () => { await handle.close(); await app.close() })
  assert.equal(handle.mode, 'admin')
  // The main app (listening on loopback here, to reach it) has no profiling routes.
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address() as import('node:net').AddressInfo
  assert.equal((await request(`http://127.0.0.1:${address.port}/debug/pprof/`)).statusCode, 404)
  const admin = handle.urls[0] ?? assert.fail('no admin url')
  assert.equal((await request(admin)).statusCode, 401)
  assert.equal((await request(admin, { headers: { authorization: `Bearer ${TOKEN}` } })).statusCode, 200)
})

test('development on a loopback host keeps unauthenticated profiling on the main port', async (t) => {
  const app = Fastify()
  const handle = await mountProfiling(app, { mode: 'main', adminPort: 0 }, { service: 'svc', logger: createLogger({ name: 'test', env: 'test' }), host: '127.0.0.1' })
  t.after(async () => { await app.close() })
  assert.equal(handle.mode, 'main')
})

test('regression: a generated token was written to the log; now to a 0600 file in a 0700 run directory, and the log names the file', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'mib-token-'))
  const previous = process.env.MIB_RUN_DIR
  process.env.MIB_RUN_DIR = join(dir, 'run')
  const lines: string[] = []
  const logger = pino({ level: 'info' }, { write: (line: string) => { lines.push(line) } })
  const app = Fastify()
  const handle = await mountProfiling(app, { mode: 'admin', adminPort: 0 }, { service: 'svc', logger })
  t.after(async () => {
    if (previous === undefined) delete process.env.MIB_RUN_DIR
    else process.env.MIB_RUN_DIR = previous
    await handle.close()
    await rm(dir, { recursive: true, force: true })
  })
  const token = handle.token ?? assert.fail('no generated token')
  const file = join(dir, 'run', 'profiling-token-svc')
  assert.equal((await readFile(file, 'utf8')).trim(), token)
  assert.equal((await stat(file)).mode & 0o777, 0o600)
  assert.equal((await stat(join(dir, 'run'))).mode & 0o777, 0o700)
  const log = lines.join('')
  assert.ok(!log.includes(token), 'the token is not in the log')
  assert.ok(log.includes(file), 'the log says where the token is')
})

test('regression: services.json was 0644 in a 0755 directory; now 0600 in 0700, also when the directory existed', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'mib-rundir-'))
  t.after(async () => { await rm(dir, { recursive: true, force: true }) })
  await chmod(dir, 0o755)
  await writeRunState({ env: 'production', startedAt: new Date().toISOString(), profilingToken: TOKEN, services: [] }, dir)
  assert.equal((await stat(join(dir, 'services.json'))).mode & 0o777, 0o600)
  assert.equal((await stat(dir)).mode & 0o777, 0o700)
})
