import { test } from 'node:test'
import assert from 'node:assert/strict'
import { status, type ServiceError } from '@grpc/grpc-js'
import { call, grpcClient, startStack, startTestEngine, trailersOf } from '../fixtures/stack.js'

type Case = [name: string, run: () => Promise<unknown>, errorCode: string]

async function expectInvalid (run: () => Promise<unknown>, errorCode: string, grpcCode = status.INVALID_ARGUMENT, httpStatus = '400'): Promise<void> {
  await assert.rejects(run(), (err: unknown) => {
    const trailers = trailersOf(err)
    assert.equal(trailers.errorCode, errorCode)
    assert.equal(trailers.httpStatus, httpStatus)
    assert.equal(trailers.code, grpcCode, `${errorCode}: gRPC code ${trailers.code}`)
    assert.ok(trailers.details.length > 0)
    return true
  })
}

test('every RPC rejects bad input with INVALID_ARGUMENT, its MIB_ERR code and mib-http-status 400', async (t) => {
  // No provider at all: validation must answer before any upstream call.
  const engine = await startTestEngine(t, { providerUrl: 'http://127.0.0.1:9', tickStream: { enabled: false }, retry: { maxAttempts: 1 } })
  const client = grpcClient(t, engine.urls.grpc)
  const manySymbols = Array.from({ length: 101 }, (_, i) => `S${i}`)
  const cases: Case[] = [
    ['fetch without symbols', async () => await call(client, 'FetchMarketData', { symbols: [], source_id: '' }), 'MIB_ERR_ENGINE_SYMBOLS_REQUIRED'],
    ['fetch with a bad symbol', async () => await call(client, 'FetchMarketData', { symbols: ['AA PL'], source_id: '' }), 'MIB_ERR_ENGINE_INVALID_SYMBOL'],
    // Regression: the error quoted 40 UTF-16 units, cutting an emoji in half; grpc-js threw on it and never answered.
    ['fetch with a symbol whose quote would cut an emoji', async () => await call(client, 'FetchMarketData', { symbols: [`A${'😀'.repeat(30)}`], source_id: '' }), 'MIB_ERR_ENGINE_INVALID_SYMBOL'],
    ['fetch with an empty symbol', async () => await call(client, 'FetchMarketData', { symbols: [''], source_id: '' }), 'MIB_ERR_ENGINE_INVALID_SYMBOL'],
    ['fetch with too many symbols', async () => await call(client, 'FetchMarketData', { symbols: manySymbols, source_id: '' }), 'MIB_ERR_ENGINE_TOO_MANY_SYMBOLS'],
    ['fetch from an unknown source', async () => await call(client, 'FetchMarketData', { symbols: ['AAPL'], source_id: 'bloomberg' }), 'MIB_ERR_ENGINE_UNKNOWN_SOURCE'],
    ['fetch quotes from the news source', async () => await call(client, 'FetchMarketData', { symbols: ['AAPL'], source_id: 'news_api' }), 'MIB_ERR_ENGINE_WRONG_SOURCE_TYPE'],
    ['fetch quotes from the tick stream', async () => await call(client, 'FetchMarketData', { symbols: ['AAPL'], source_id: 'tick_stream' }), 'MIB_ERR_ENGINE_WRONG_SOURCE_TYPE'],
    ['buffer limit above the max', async () => await call(client, 'GetMarketDataBuffer', { symbol: 'AAPL', limit: 1001 }), 'MIB_ERR_ENGINE_INVALID_LIMIT'],
    ['negative buffer limit', async () => await call(client, 'GetMarketDataBuffer', { symbol: '', limit: -1 }), 'MIB_ERR_ENGINE_INVALID_LIMIT'],
    ['buffer of a bad symbol', async () => await call(client, 'GetMarketDataBuffer', { symbol: 'DROP TABLE;', limit: 1 }), 'MIB_ERR_ENGINE_INVALID_SYMBOL'],
    ['news without keywords', async () => await call(client, 'FetchNewsData', { keywords: [], source_id: '', hours_back: 1 }), 'MIB_ERR_ENGINE_KEYWORDS_REQUIRED'],
    ['news with a blank keyword', async () => await call(client, 'FetchNewsData', { keywords: ['  '], source_id: '', hours_back: 1 }), 'MIB_ERR_ENGINE_INVALID_KEYWORD'],
    ['news with a huge keyword', async () => await call(client, 'FetchNewsData', { keywords: ['x'.repeat(65)], source_id: '', hours_back: 1 }), 'MIB_ERR_ENGINE_INVALID_KEYWORD'],
    ['news with too many keywords', async () => await call(client, 'FetchNewsData', { keywords: Array.from({ length: 21 }, (_, i) => `k${i}`), source_id: '', hours_back: 1 }), 'MIB_ERR_ENGINE_TOO_MANY_KEYWORDS'],
    ['news too far back', async () => await call(client, 'FetchNewsData', { keywords: ['a'], source_id: '', hours_back: 721 }), 'MIB_ERR_ENGINE_INVALID_HOURS_BACK'],
    ['news with negative hours', async () => await call(client, 'FetchNewsData', { keywords: ['a'], source_id: '', hours_back: -3 }), 'MIB_ERR_ENGINE_INVALID_HOURS_BACK'],
    ['news from the quote source', async () => await call(client, 'FetchNewsData', { keywords: ['a'], source_id: 'yahoo_finance', hours_back: 1 }), 'MIB_ERR_ENGINE_WRONG_SOURCE_TYPE'],
    ['news buffer limit above the max', async () => await call(client, 'GetNewsBuffer', { keywords: [], limit: 5000 }), 'MIB_ERR_ENGINE_INVALID_LIMIT'],
    ['connect without source_id', async () => await call(client, 'ConnectDataSource', { source_id: '', api_key: '' }), 'MIB_ERR_ENGINE_SOURCE_ID_REQUIRED'],
    ['connect an unknown source', async () => await call(client, 'ConnectDataSource', { source_id: 'nope', api_key: '' }), 'MIB_ERR_ENGINE_UNKNOWN_SOURCE'],
    ['connect with a header-breaking key', async () => await call(client, 'ConnectDataSource', { source_id: 'news_api', api_key: 'a b\r\nx: y' }), 'MIB_ERR_ENGINE_INVALID_API_KEY']
  ]
  for (const [name, run, errorCode] of cases) {
    await t.test(name, async () => await expectInvalid(run, errorCode))
  }
})

test('StreamMarketData with a bad symbol ends with INVALID_ARGUMENT and the same trailers', async (t) => {
  const engine = await startTestEngine(t, { providerUrl: 'http://127.0.0.1:9', tickStream: { enabled: false } })
  const client = grpcClient(t, engine.urls.grpc)
  const stream = client.StreamMarketData({ symbols: ['not a symbol'] })
  const err = await new Promise<ServiceError>((resolve) => stream.on('error', resolve))
  assert.equal(err.code, status.INVALID_ARGUMENT)
  assert.deepEqual(err.metadata.get('mib-error-code'), ['MIB_ERR_ENGINE_INVALID_SYMBOL'])
  assert.deepEqual(err.metadata.get('mib-http-status'), ['400'])
})

test('symbols the provider does not know at all answer NOT_FOUND with mib-http-status 404', async (t) => {
  const { client } = await startStack(t, { tickStream: { enabled: false } })
  await expectInvalid(async () => await call(client, 'FetchMarketData', { symbols: ['ZZZZ1', 'ZZZZ2'], source_id: '' }), 'MIB_ERR_ENGINE_SYMBOL_NOT_FOUND', status.NOT_FOUND, '404')
})

test('a source disabled in the configuration answers FAILED_PRECONDITION with mib-http-status 409', async (t) => {
  const engine = await startTestEngine(t, { providerUrl: 'http://127.0.0.1:9', newsApi: { enabled: false }, tickStream: { enabled: false } })
  const client = grpcClient(t, engine.urls.grpc)
  await expectInvalid(async () => await call(client, 'FetchNewsData', { keywords: ['apple'], source_id: '', hours_back: 1 }), 'MIB_ERR_ENGINE_SOURCE_DISABLED', status.FAILED_PRECONDITION, '409')
  await expectInvalid(async () => await call(client, 'ConnectDataSource', { source_id: 'news_api', api_key: '' }), 'MIB_ERR_ENGINE_SOURCE_DISABLED', status.FAILED_PRECONDITION, '409')
})

test('an unreachable provider answers UNAVAILABLE with MIB_ERR_ENGINE_UPSTREAM_UNAVAILABLE and mib-http-status 503', async (t) => {
  const engine = await startTestEngine(t, { providerUrl: 'http://127.0.0.1:9', tickStream: { enabled: false }, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 } })
  const client = grpcClient(t, engine.urls.grpc)
  await expectInvalid(async () => await call(client, 'FetchMarketData', { symbols: ['AAPL'], source_id: '' }), 'MIB_ERR_ENGINE_UPSTREAM_UNAVAILABLE', status.UNAVAILABLE, '503')
})
