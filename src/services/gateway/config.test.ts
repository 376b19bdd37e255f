import { test } from 'node:test'
import assert from 'node:assert/strict'
import { InvalidOptionsError } from '../../options.js'
import { gatewayOptionsFromEnv } from './cli-options.js'
import { parseGatewayOptions } from './config.js'

test('defaults bind 127.0.0.1:8080 and talk to the engine on 127.0.0.1:50051 with 5 s / 1 s deadlines', () => {
  const o = parseGatewayOptions({})
  assert.equal(o.host, '127.0.0.1')
  assert.equal(o.port, 8080)
  assert.equal(o.engineUrl, '127.0.0.1:50051')
  assert.equal(o.fetchDeadlineMs, 5000)
  assert.equal(o.readDeadlineMs, 1000)
  assert.equal(o.bodyLimitBytes, 1024 * 1024)
  assert.equal(o.env, 'development')
})

test('the environment sets host, port, engine URL, environment and limits', () => {
  const o = parseGatewayOptions(gatewayOptionsFromEnv({
    GATEWAY_HOST: '0.0.0.0', GATEWAY_PORT: '9090', ENGINE_GRPC_URL: 'engine.internal:6000', MIB_ENV: 'production', NODE_ENV: 'test',
    GATEWAY_BODY_LIMIT_BYTES: '2048', GATEWAY_WS_MAX_BUFFERED_BYTES: '65536'
  }))
  assert.equal(o.host, '0.0.0.0')
  assert.equal(o.port, 9090)
  assert.equal(o.engineUrl, 'engine.internal:6000')
  assert.equal(o.env, 'production', 'MIB_ENV wins over NODE_ENV')
  assert.equal(o.bodyLimitBytes, 2048)
  assert.equal(o.wsMaxBufferedBytes, 65536)
})

test('an unknown NODE_ENV means development; an unknown MIB_ENV is an error (the rule of every service)', () => {
  assert.equal(parseGatewayOptions(gatewayOptionsFromEnv({ NODE_ENV: 'staging' })).env, 'development')
  assert.equal(parseGatewayOptions(gatewayOptionsFromEnv({ NODE_ENV: 'test' })).env, 'test')
  assert.equal(parseGatewayOptions(gatewayOptionsFromEnv({ MIB_ENV: '', NODE_ENV: 'production' })).env, 'production', 'an empty MIB_ENV is unset')
  assert.throws(() => parseGatewayOptions(gatewayOptionsFromEnv({ MIB_ENV: 'staging' })), /env: /)
})

test('every invalid option is reported at once, unknown keys included', () => {
  assert.throws(() => parseGatewayOptions({ port: -1, engineUrl: 'http://x', bodyLimitBytes: 0, colour: 'blue' }), (err: unknown) => {
    assert.ok(err instanceof InvalidOptionsError)
    const text = err.problems.join('\n')
    for (const path of ['port', 'engineUrl', 'bodyLimitBytes']) assert.match(text, new RegExp(`^${path}:`, 'm'))
    assert.match(text, /colour/)
    return true
  })
})

test('a non-numeric environment variable is rejected, not silently ignored', () => {
  assert.throws(() => parseGatewayOptions(gatewayOptionsFromEnv({ GATEWAY_PORT: 'eighty' })), /port:/)
})

test('cross-field rules: backoff start within its cap, default limits within the maximum', () => {
  assert.throws(() => parseGatewayOptions({ reconnectInitialMs: 5000, reconnectMaxMs: 100 }), /reconnectInitialMs: must not exceed reconnectMaxMs/)
  assert.throws(() => parseGatewayOptions({ maxBufferLimit: 10, defaultMarketDataLimit: 50, defaultNewsLimit: 5 }), /defaultMarketDataLimit: must not exceed maxBufferLimit/)
})
