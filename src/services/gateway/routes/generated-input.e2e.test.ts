/**
 * Generated client input against every REST endpoint of the real stack (issue 11):
 * whatever a client sends, the answer is never a 5xx — a client mistake is a 4xx
 * with our envelope and a stable code. Bounded: a fixed number of runs, one
 * request at a time, over loopback; fast-check shrinks a failure to its smallest input.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { request } from 'undici'
import { startTestStack } from '../fixtures/stack.js'

const RUNS = 250

const text = fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 12 }), fc.constantFrom('', ' ', 'AAPL', 'stock', 'é', '日本', 'ＡＡＰＬ', 'OR', '"', '%', '\u0000', 'BRK-B', '^GSPC', 'x'.repeat(70)))
const anyJson = fc.jsonValue({ maxDepth: 2 })
const sourceId = fc.oneof(fc.constantFrom('', 'yahoo_finance', 'news_api', 'tick_stream', 'bloomberg'), text, anyJson)
const listOf = (item: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> => fc.oneof(fc.array(item, { maxLength: 25 }), item, anyJson)
const field = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined })

interface Generated { method: 'GET' | 'POST', path: string, body?: string }

const marketFetch = fc.record({ symbols: field(listOf(text)), source_id: field(sourceId), extra: field(anyJson) })
const newsFetch = fc.record({ keywords: field(listOf(text)), source_id: field(sourceId), hours_back: field(fc.oneof(fc.integer(), fc.double(), text)) })
const connect = fc.record({ source_id: field(sourceId), api_key: field(fc.oneof(fc.constant(''), text, anyJson)) })
const postBody = (path: string, body: fc.Arbitrary<unknown>): fc.Arbitrary<Generated> =>
  fc.oneof({ weight: 4, arbitrary: body.map((b) => JSON.stringify(b)) }, { weight: 1, arbitrary: fc.string({ maxLength: 40 }) })
    .map((raw) => ({ method: 'POST' as const, path, body: raw }))
const query = (path: string, params: string[]): fc.Arbitrary<Generated> =>
  fc.array(fc.tuple(fc.constantFrom(...params), text), { maxLength: 4 })
    .map((pairs) => ({ method: 'GET' as const, path: `${path}?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` }))

const generated: fc.Arbitrary<Generated> = fc.oneof(
  postBody('/api/v1/market-data/fetch', marketFetch),
  postBody('/api/v1/news/fetch', newsFetch),
  postBody('/api/v1/data-sources/connect', connect),
  query('/api/v1/market-data/buffer', ['symbol', 'limit', 'x']),
  query('/api/v1/news/buffer', ['keywords', 'limit', 'x']),
  query('/api/v1/ingestion/stats', ['x']),
  query('/api/v1/health', ['x'])
)

test('generated client input to every REST endpoint: never a 5xx; every error is our envelope with a code', async (t) => {
  const { gateway } = await startTestStack(t)
  await fc.assert(fc.asyncProperty(generated, async (g) => {
    const res = await request(`${gateway.urls.http}${g.path}`, {
      method: g.method,
      ...(g.body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: g.body })
    })
    const text = await res.body.text()
    // /api/v1/health is 503 while the engine reports itself unhealthy: not caused by the input.
    if (g.path.startsWith('/api/v1/health')) return
    assert.ok(res.statusCode < 500, `${g.method} ${g.path} ${g.body ?? ''} → ${res.statusCode} ${text}`)
    if (res.statusCode >= 400) {
      const body = JSON.parse(text) as Record<string, unknown>
      assert.equal(body.success, false)
      assert.match(String(body.error), /^MIB_ERR_[A-Z_]+$/)
    }
  }), { numRuns: RUNS, seed: Number(process.env.FC_SEED ?? Date.now() % 2 ** 31) })
})
