import { test } from 'node:test'
import assert from 'node:assert/strict'
import { InvalidOptionsError } from '../../options.js'
import { gatewayOptionsFromCli } from './cli-options.js'

test('no flags and no environment give the documented defaults', () => {
  const options = gatewayOptionsFromCli({}, {})
  assert.equal(options.host, '127.0.0.1')
  assert.equal(options.port, 8080)
  assert.equal(options.engineUrl, '127.0.0.1:50051')
  assert.equal(options.env, 'development')
  assert.equal(options.coalesceReads, true)
  assert.equal(options.profiling, false)
})

test('the environment configures the gateway and flags override it field by field', () => {
  const env = { GATEWAY_PORT: '9090', GATEWAY_BODY_LIMIT_BYTES: '2048', ENGINE_GRPC_URL: 'engine.internal:6000', MIB_ENV: 'production' }
  const options = gatewayOptionsFromCli({ port: '7070', engineUrl: '10.0.0.2:50051', wsMaxBufferedBytes: '65536', logLevel: 'warn', coalesceReads: true }, env)
  assert.equal(options.port, 7070, 'the flag beats GATEWAY_PORT')
  assert.equal(options.bodyLimitBytes, 2048, 'the environment still sets what no flag names')
  assert.equal(options.engineUrl, '10.0.0.2:50051')
  assert.equal(options.wsMaxBufferedBytes, 65536)
  assert.equal(options.logLevel, 'warn')
  assert.equal(options.env, 'production')
  assert.equal(options.coalesceReads, true)
})

test('--profiling and --no-coalesce-reads switch their options', () => {
  const options = gatewayOptionsFromCli({ profiling: true, coalesceReads: false }, {})
  assert.equal(options.profiling, true)
  assert.equal(options.coalesceReads, false)
})

test('bad flags are all reported at once, each named by its flag and variable; an empty number is not 0', () => {
  assert.throws(() => gatewayOptionsFromCli({ port: 'eighty', wsMaxBufferedBytes: '1', engineUrl: 'not a url', readDeadlineMs: ' ', retryAfterS: '0' }, {}), (err: unknown) => {
    assert.ok(err instanceof InvalidOptionsError)
    const text = err.problems.join('\n')
    assert.equal(err.problems.length, 5, text)
    const labels = ['--port (GATEWAY_PORT):', '--ws-max-buffered-bytes (GATEWAY_WS_MAX_BUFFERED_BYTES):', '--engine-url (ENGINE_GRPC_URL):', '--read-deadline-ms (GATEWAY_READ_DEADLINE_MS):', '--retry-after-s:']
    for (const label of labels) assert.ok(err.problems.some((p) => p.startsWith(label)), `${label} in\n${text}`)
    return true
  })
})

test('a bad MIB_OPERATOR_TOKEN is named by its variable', () => {
  assert.throws(() => gatewayOptionsFromCli({}, { MIB_OPERATOR_TOKEN: 'short' }), /MIB_OPERATOR_TOKEN: /)
})

test('the gateway cannot be configured to pass on more than the engine accepts', () => {
  assert.throws(() => gatewayOptionsFromCli({ maxSymbolsPerRequest: '101' }, {}), /--max-symbols-per-request: .*100/)
  assert.equal(gatewayOptionsFromCli({ maxSymbolsPerRequest: '100' }, {}).maxSymbolsPerRequest, 100)
})
