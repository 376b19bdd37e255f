import { test } from 'node:test'
import assert from 'node:assert/strict'
import { engineOptionsFromCli, engineOptionsFromEnv } from './cli-options.js'
import { resolvedUrls } from './config.js'

test('defaults match the documented ports, buffer sizes and provider URLs', () => {
  const options = engineOptionsFromCli({}, {})
  assert.equal(options.host, '127.0.0.1')
  assert.equal(options.grpcPort, 50051)
  assert.equal(options.adminPort, 8081)
  assert.equal(options.bufferSize, 1000)
  assert.equal(options.newsBufferSize, 10_000)
  assert.equal(options.quoteCacheMs, 250)
  assert.equal(resolvedUrls.yahooFinance(options), 'http://127.0.0.1:8090')
  assert.equal(resolvedUrls.tickStream(options), 'ws://127.0.0.1:8090/v1/stream')
  assert.deepEqual(options.profiling, { mode: 'main', adminPort: 6061 })
})

test('the environment configures the engine and flags override it field by field', () => {
  const env = { ENGINE_GRPC_PORT: '6000', NEWS_API_BASE_URL: 'https://newsapi.org', NEWS_API_KEY: 'env-key', ENGINE_SYMBOLS: 'aapl,msft', MIB_ENV: 'production' }
  const options = engineOptionsFromCli({ newsApiKey: 'flag-key', bufferSize: '50', providerUrl: 'http://10.0.0.1:9000/sim' }, env)
  assert.equal(options.grpcPort, 6000)
  assert.equal(options.newsApi.baseUrl, 'https://newsapi.org')
  assert.equal(options.newsApi.apiKey, 'flag-key')
  assert.equal(options.bufferSize, 50)
  assert.deepEqual(options.tickStream.symbols, ['AAPL', 'MSFT'])
  assert.equal(resolvedUrls.yahooFinance(options), 'http://10.0.0.1:9000/sim')
  assert.equal(resolvedUrls.tickStream(options), 'ws://10.0.0.1:9000/sim/v1/stream')
  assert.equal(options.env, 'production')
  assert.equal(options.profiling?.mode, 'off')
  assert.equal(engineOptionsFromCli({ profiling: true }, { MIB_ENV: 'production' }).profiling?.mode, 'admin')
})

test('bad flags are all reported at once, each named by its flag and variable', () => {
  assert.throws(() => engineOptionsFromCli({ grpcPort: 'abc', bufferSize: '0', yahooUrl: 'not a url', symbols: 'AAPL,bad symbol' }, {}), (err: Error & { problems: string[] }) => {
    const text = err.problems.join('\n')
    assert.equal(err.problems.length, 4, text)
    assert.match(text, /--grpc-port \(ENGINE_GRPC_PORT\)/)
    assert.match(text, /--buffer-size \(ENGINE_BUFFER_SIZE\)/)
    assert.match(text, /--yahoo-url \(YAHOO_FINANCE_BASE_URL\)/)
    assert.match(text, /--symbols \(ENGINE_SYMBOLS\) item 2/)
    return true
  })
})

test('an unknown NODE_ENV is ignored rather than rejected; an unknown MIB_ENV is named', () => {
  assert.equal(engineOptionsFromEnv({ NODE_ENV: 'staging' }).env, undefined)
  assert.equal(engineOptionsFromCli({}, { NODE_ENV: 'staging' }).env, 'development')
  assert.throws(() => engineOptionsFromCli({}, { MIB_ENV: 'staging' }), /--env \(MIB_ENV, NODE_ENV\): /)
})
