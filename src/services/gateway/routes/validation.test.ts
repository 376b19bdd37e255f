/**
 * Client mistakes are 400/404/413/415 with a stable code, before any engine call:
 * the gateway here has no engine at all, so a request that passed validation
 * would answer 503 instead.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { request } from 'undici'
import { SYMBOL_MAX_CHARS } from '../../common/domain/index.js'
import { getJson, postJson, startTestGateway } from '../fixtures/http.js'

interface BadRequest {
  name: string
  method: 'GET' | 'POST'
  path: string
  body?: unknown
  status: number
  code: string
}

const longSymbols = Array.from({ length: 51 }, (_, i) => `S${i}`)

const badRequests: BadRequest[] = [
  { name: 'malformed JSON', method: 'POST', path: '/api/v1/market-data/fetch', body: '{"symbols": [', status: 400, code: 'MIB_ERR_HTTP_MALFORMED_JSON' },
  { name: 'empty body', method: 'POST', path: '/api/v1/market-data/fetch', body: '', status: 400, code: 'MIB_ERR_HTTP_MALFORMED_JSON' },
  { name: 'body not an object', method: 'POST', path: '/api/v1/market-data/fetch', body: [1, 2], status: 400, code: 'MIB_ERR_GATEWAY_INVALID_BODY' },
  { name: 'missing symbols', method: 'POST', path: '/api/v1/market-data/fetch', body: { source_id: 'yahoo_finance' }, status: 400, code: 'MIB_ERR_GATEWAY_INVALID_SYMBOLS' },
  { name: 'empty symbols', method: 'POST', path: '/api/v1/market-data/fetch', body: { symbols: [] }, status: 400, code: 'MIB_ERR_GATEWAY_INVALID_SYMBOLS' },
  { name: 'a blank symbol', method: 'POST', path: '/api/v1/market-data/fetch', body: { symbols: ['AAPL', ''] }, status: 400, code: 'MIB_ERR_GATEWAY_INVALID_SYMBOLS' },
  { name: 'a symbol with a space', method: 'POST', path: '/api/v1/market-data/fetch', body: { symbols: ['AA PL'] }, status: 400, code: 'MIB_ERR_GATEWAY_INVALID_SYMBOLS' },
  { name: 'a symbol object', method: 'POST', path: '/api/v1/market-data/fetch', body: { symbols: [{ s: 'AAPL' }] }, status: 400, code: 'MIB_ERR_GATEWAY_INVALID_SYMBOLS' },
  { name: 'too many symbols', method: 'POST', path: '/api/v1/market-data/fetch', body: { symbols: longSymbols }, status: 400, code: 'MIB_ERR_GATEWAY_INVALID_SYMBOLS' },
  { name: 'a malformed source_id', method: 'POST', path: '/api/v1/market-data/fetch', body: { symbols: ['AAPL'], source_id: 'yahoo finance!' }, status: 400, code: 'MIB_ERR_GATEWAY_INVALID_SOURCE_ID' },
  { name: 'a numeric source_id object', method: 'POST', path: '/api/v1/market-data/fetch', body: { symbols: ['AAPL'], source_id: { id: 1 } }, status: 400, code: 'MIB_ERR_GATEWAY_INVALID_SOURCE_ID' },
  { name: 'missing keywords', method: 'POST', path: '/api/v1/news/fetch', body: {}, status: 400, code: 'MIB_ERR_GATEWAY_INVALID_KEYWORDS' },
  { name: 'empty keywords', method: 'POST', path: '/api/v1/news/fetch', body: { keywords: [] }, status: 400, code: 'MIB_ERR_GATEWAY_INVALID_KEYWORDS' },
  { name: 'blank keywords', method: 'POST', path: '/api/v1/news/fetch', body: { keywords: ['  '] }, status: 400, code: 'MIB_ERR_GATEWAY_INVALID_KEYWORDS' },
  { name: 'only commas as keywords', method: 'POST', path: '/api/v1/news/fetch', body: { keywords: [',,'] }, status: 400, code: 'MIB_ERR_GATEWAY_INVALID_KEYWORDS' },
  { name: 'a keyword too long', method: 'POST', path: '/api/v1/news/fetch', body: { keywords: ['k'.repeat(65)] }, status: 400, code: 'MIB_ERR_GATEWAY_INVALID_KEYWORDS' },
  { name: 'hours_back zero', method: 'POST', path: '/api/v1/news/fetch', body: { keywords: ['stock'], hours_back: 0 }, status: 400, code: 'MIB_ERR_GATEWAY_INVALID_HOURS_BACK' },
  { name: 'hours_back fractional', method: 'POST', path: '/api/v1/news/fetch', body: { keywords: ['stock'], hours_back: 1.5 }, status: 400, code: 'MIB_ERR_GATEWAY_INVALID_HOURS_BACK' },
  { name: 'hours_back above the maximum', method: 'POST', path: '/api/v1/news/fetch', body: { keywords: ['stock'], hours_back: 100000 }, status: 400, code: 'MIB_ERR_GATEWAY_INVALID_HOURS_BACK' },
  { name: 'limit zero', method: 'GET', path: '/api/v1/market-data/buffer?symbol=AAPL&limit=0', status: 400, code: 'MIB_ERR_GATEWAY_INVALID_LIMIT' },
  { name: 'limit negative', method: 'GET', path: '/api/v1/market-data/buffer?limit=-5', status: 400, code: 'MIB_ERR_GATEWAY_INVALID_LIMIT' },
  { name: 'limit not a number', method: 'GET', path: '/api/v1/market-data/buffer?limit=ten', status: 400, code: 'MIB_ERR_GATEWAY_INVALID_LIMIT' },
  { name: 'limit fractional', method: 'GET', path: '/api/v1/news/buffer?limit=2.5', status: 400, code: 'MIB_ERR_GATEWAY_INVALID_LIMIT' },
  { name: 'limit above the maximum', method: 'GET', path: '/api/v1/news/buffer?limit=1001', status: 400, code: 'MIB_ERR_GATEWAY_INVALID_LIMIT' },
  { name: 'limit empty', method: 'GET', path: '/api/v1/market-data/buffer?limit=', status: 400, code: 'MIB_ERR_GATEWAY_INVALID_LIMIT' },
  { name: 'limit overflowing to Infinity', method: 'GET', path: '/api/v1/market-data/buffer?limit=1e400', status: 400, code: 'MIB_ERR_GATEWAY_INVALID_LIMIT' },
  { name: 'two buffer symbols', method: 'GET', path: '/api/v1/market-data/buffer?symbol=AAPL&symbol=MSFT', status: 400, code: 'MIB_ERR_GATEWAY_INVALID_SYMBOL' },
  { name: 'a non-ASCII buffer symbol', method: 'GET', path: '/api/v1/market-data/buffer?symbol=%C3%84PPLE', status: 400, code: 'MIB_ERR_GATEWAY_INVALID_SYMBOL' },
  { name: 'a buffer symbol too long', method: 'GET', path: `/api/v1/market-data/buffer?symbol=${'A'.repeat(SYMBOL_MAX_CHARS + 1)}`, status: 400, code: 'MIB_ERR_GATEWAY_INVALID_SYMBOL' },
  { name: 'a symbol starting with a dash', method: 'POST', path: '/api/v1/market-data/fetch', body: { symbols: ['-AAPL'] }, status: 400, code: 'MIB_ERR_GATEWAY_INVALID_SYMBOLS' },
  { name: 'symbols null', method: 'POST', path: '/api/v1/market-data/fetch', body: { symbols: null }, status: 400, code: 'MIB_ERR_GATEWAY_INVALID_SYMBOLS' },
  { name: 'body null', method: 'POST', path: '/api/v1/market-data/fetch', body: 'null', status: 400, code: 'MIB_ERR_GATEWAY_INVALID_BODY' },
  { name: 'hours_back overflowing to Infinity', method: 'POST', path: '/api/v1/news/fetch', body: '{"keywords":["stock"],"hours_back":1e400}', status: 400, code: 'MIB_ERR_GATEWAY_INVALID_HOURS_BACK' },
  { name: 'hours_back a word', method: 'POST', path: '/api/v1/news/fetch', body: { keywords: ['stock'], hours_back: 'day' }, status: 400, code: 'MIB_ERR_GATEWAY_INVALID_HOURS_BACK' },
  { name: 'a malformed buffer symbol', method: 'GET', path: '/api/v1/market-data/buffer?symbol=%3Cscript%3E', status: 400, code: 'MIB_ERR_GATEWAY_INVALID_SYMBOL' },
  { name: 'too many buffer keywords', method: 'GET', path: `/api/v1/news/buffer?keywords=${Array.from({ length: 21 }, (_, i) => `k${i}`).join(',')}`, status: 400, code: 'MIB_ERR_GATEWAY_INVALID_KEYWORDS' },
  { name: 'a punctuation-only buffer keyword', method: 'GET', path: '/api/v1/news/buffer?keywords=stock,!!!', status: 400, code: 'MIB_ERR_GATEWAY_INVALID_KEYWORDS' },
  { name: 'connect without source_id', method: 'POST', path: '/api/v1/data-sources/connect', body: { api_key: '' }, status: 400, code: 'MIB_ERR_GATEWAY_INVALID_SOURCE_ID' },
  { name: 'connect with an empty source_id', method: 'POST', path: '/api/v1/data-sources/connect', body: { source_id: '' }, status: 400, code: 'MIB_ERR_GATEWAY_INVALID_SOURCE_ID' },
  { name: 'connect with a huge api_key', method: 'POST', path: '/api/v1/data-sources/connect', body: { source_id: 'news_api', api_key: 'k'.repeat(300) }, status: 400, code: 'MIB_ERR_GATEWAY_INVALID_API_KEY' },
  { name: 'an unknown route', method: 'GET', path: '/api/v1/nope', status: 404, code: 'MIB_ERR_HTTP_NOT_FOUND' },
  { name: 'a wrong method', method: 'GET', path: '/api/v1/market-data/fetch', status: 405, code: 'MIB_ERR_HTTP_METHOD_NOT_ALLOWED' }
]

test('bad requests are answered with their status and stable code, never a 500', async (t) => {
  const gateway = await startTestGateway(t)
  for (const bad of badRequests) {
    const url = `${gateway.urls.http}${bad.path}`
    const res = bad.method === 'GET' ? await getJson(url) : await postJson(url, bad.body)
    assert.equal(res.status, bad.status, `${bad.name}: status (${JSON.stringify(res.body)})`)
    assert.equal(res.body.error, bad.code, `${bad.name}: code`)
    assert.equal(res.body.success, false, `${bad.name}: success`)
    assert.equal(typeof res.body.message, 'string', `${bad.name}: message`)
    assert.equal(typeof res.body.timestamp, 'string', `${bad.name}: timestamp`)
    assert.deepEqual(res.body.metadata, {}, `${bad.name}: metadata`)
  }
})

test('a body above the limit is a 413 and a non-JSON content type a 415', async (t) => {
  const gateway = await startTestGateway(t, { bodyLimitBytes: 1024 })
  const big = await postJson(`${gateway.urls.http}/api/v1/market-data/fetch`, { symbols: ['AAPL'], pad: 'x'.repeat(2048) })
  assert.equal(big.status, 413)
  assert.equal(big.body.error, 'MIB_ERR_HTTP_BODY_TOO_LARGE')
  const text = await request(`${gateway.urls.http}/api/v1/market-data/fetch`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'AAPL' })
  assert.equal(text.statusCode, 415)
  assert.equal((await text.body.json() as { error: string }).error, 'MIB_ERR_HTTP_UNSUPPORTED_MEDIA_TYPE')
})

test('valid requests pass validation and reach the engine (here: unreachable, so 503 with Retry-After)', async (t) => {
  const gateway = await startTestGateway(t, { retryAfterS: 3 })
  const valid: Array<[string, unknown]> = [
    ['/api/v1/market-data/fetch', { symbols: ['aapl', 'BRK-B', '^GSPC', 'EURUSD=X'] }],
    ['/api/v1/market-data/fetch', { symbols: 'AAPL', extra: 'ignored' }],
    ['/api/v1/news/fetch', { keywords: ['stock', 'market'], hours_back: '48' }],
    ['/api/v1/data-sources/connect', { source_id: 'yahoo_finance', api_key: '' }]
  ]
  for (const [path, body] of valid) {
    const res = await postJson(`${gateway.urls.http}${path}`, body)
    assert.equal(res.status, 503, `${path} ${JSON.stringify(body)}: ${JSON.stringify(res.body)}`)
    assert.equal(res.body.error, 'MIB_ERR_GATEWAY_ENGINE_UNAVAILABLE')
    assert.equal(res.headers['retry-after'], '3')
  }
  for (const path of ['/api/v1/market-data/buffer', '/api/v1/market-data/buffer?symbol=&limit=5', '/api/v1/news/buffer?keywords=stock&keywords=market,tech', '/api/v1/ingestion/stats']) {
    const res = await getJson(`${gateway.urls.http}${path}`)
    assert.equal(res.status, 503, path)
    assert.equal(res.body.error, 'MIB_ERR_GATEWAY_ENGINE_UNAVAILABLE')
    assert.doesNotMatch(String(res.body.message), /127\.0\.0\.1/, 'internal addresses stay out of client messages')
  }
})

test('health answers 503 with healthy=false and Retry-After when the engine is unreachable', async (t) => {
  const gateway = await startTestGateway(t)
  const res = await getJson<{ healthy: boolean, status: string, success: boolean, services: { core_engine: { healthy: boolean } } }>(`${gateway.urls.http}/api/v1/health`)
  assert.equal(res.status, 503)
  assert.equal(res.headers['retry-after'], '1')
  assert.equal(res.body.success, false)
  assert.equal(res.body.healthy, false)
  assert.equal(res.body.status, 'unavailable')
  assert.equal(res.body.services.core_engine.healthy, false)
})
