import { test } from 'node:test'
import assert from 'node:assert/strict'
import { request } from 'undici'
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
