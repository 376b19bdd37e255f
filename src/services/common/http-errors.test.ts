import { test } from 'node:test'
import assert from 'node:assert/strict'
import { errorCodes, type FastifyError } from 'fastify'
import { request } from 'undici'
import { errorSpec } from '../../error-registry.js'
import { toMibError } from './http-errors.js'
import { createHttpServer, listen } from './http-server.js'
import { createLogger } from './logger.js'
import { ServiceMetrics } from './metrics.js'

type FastifyErrorClass = new (...args: unknown[]) => FastifyError

test('regression: a Fastify error outside the mapped few reached clients as its FST_ERR_* code; now every one of Fastify\'s errors maps to a registered code, a 4xx staying a 4xx', () => {
  const classes = Object.entries(errorCodes as unknown as Record<string, FastifyErrorClass>)
  assert.ok(classes.length > 50, `Fastify lists ${classes.length} error codes`)
  let clientErrors = 0
  for (const [name, ErrorClass] of classes) {
    const fastifyError = new ErrorClass('a', 'b', 'c')
    const mib = toMibError(fastifyError, 1024, { method: 'GET', url: '/x?y=1' })
    const spec = errorSpec(mib.code)
    assert.ok(spec !== undefined, `${name} → ${mib.code} is not a registered code`)
    assert.equal(mib.statusCode, spec.status, `${name} → ${mib.code}: status ${mib.statusCode}, registered ${spec.status}`)
    const status = fastifyError.statusCode ?? 500
    if (status >= 400 && status < 500) {
      clientErrors++
      assert.ok(mib.statusCode >= 400 && mib.statusCode < 500, `${name} (${status}) → ${mib.code} ${mib.statusCode}`)
    } else {
      assert.equal(mib.code, 'MIB_ERR_INTERNAL', `${name} (${status})`)
    }
  }
  assert.ok(clientErrors >= 10, `${clientErrors} of Fastify's errors are client errors`)
})

test('an error any library raises with a 4xx statusCode and its own code is answered with our envelope and a registered code', async (t) => {
  const app = createHttpServer({ logger: createLogger({ name: 'fixture', env: 'test' }), metrics: new ServiceMetrics('fixture') })
  app.get('/length', async () => { throw new errorCodes.FST_ERR_CTP_INVALID_CONTENT_LENGTH() })
  app.get('/teapot', async () => { throw Object.assign(new Error('short and stout'), { statusCode: 418, code: 'SOME_LIB_TEAPOT' }) })
  app.get('/lib-500', async () => { throw Object.assign(new Error('secret internals'), { statusCode: 502, code: 'SOME_LIB_FAILED' }) })
  const url = await listen(app, '127.0.0.1', 0)
  t.after(() => app.close())

  for (const [path, status, code] of [['/length', 400, 'MIB_ERR_HTTP_BAD_REQUEST'], ['/teapot', 400, 'MIB_ERR_HTTP_BAD_REQUEST'], ['/lib-500', 500, 'MIB_ERR_INTERNAL']] as const) {
    const res = await request(`${url}${path}`)
    const body = await res.body.json() as { success: boolean, error: string, message: string }
    assert.equal(res.statusCode, status, path)
    assert.deepEqual([body.success, body.error], [false, code], path)
    assert.doesNotMatch(body.message, /secret/, path)
  }
})
