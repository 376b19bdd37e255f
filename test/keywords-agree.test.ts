/**
 * Regression: the keyword rule was written twice and the copies disagreed: the
 * gateway forwarded keywords holding `"` (and blank ones in a list, and
 * 64-character keywords with padding) which the engine then refused, so a
 * client saw the engine's error for a request the gateway had accepted. The
 * same keywords go to the gateway over HTTP and to the engine over gRPC, both
 * real sockets; the two must accept exactly the same ones, and a refusal must
 * be the gateway's own 400, never a forwarded engine error or a 5xx.
 * The API key rule (gateway's connect body vs the engine's ConnectDataSource) likewise.
 */
import { test, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { request } from 'undici'
import { API_KEY_MAX_CHARS, KEYWORD_MAX_CHARS, REQUEST_LIMITS } from '../src/services/common/domain/index.js'
import type { CoreEngineServiceClient } from '../src/services/common/contract/index.js'
import { call, grpcClient, trailersOf } from '../src/services/engine/fixtures/stack.js'
import { getJson, postJson, type JsonResponse } from '../src/services/gateway/fixtures/http.js'
import { startTestStack } from '../src/services/gateway/fixtures/stack.js'

const OPERATOR_TOKEN = 'keywords-agree-operator-token'

interface Services {
  api: string
  engine: CoreEngineServiceClient
}

async function startServices (t: TestContext): Promise<Services> {
  const { gateway, engine } = await startTestStack(t, { operatorToken: OPERATOR_TOKEN })
  return { api: `${gateway.urls.http}/api/v1`, engine: grpcClient(t, engine.urls.grpc) }
}

/** Accepted (true) or refused with the gateway's own 400 and code (false); anything else fails the test. */
function gatewayVerdict (res: JsonResponse, what: string, code: string): boolean {
  if (res.status === 200) return true
  assert.equal(res.status, 400, `${what}: ${JSON.stringify(res.body)}`)
  assert.equal(res.body.error, code, `${what}: refused by the gateway itself, not forwarded (${JSON.stringify(res.body)})`)
  return false
}

/** Accepted (true) or refused with the engine's 400 `code` (false); anything else fails the test. */
async function engineVerdict (run: () => Promise<unknown>, what: string, code: string): Promise<boolean> {
  try {
    await run()
    return true
  } catch (err) {
    const trailers = trailersOf(err)
    assert.equal(trailers.errorCode, code, `${what}: ${trailers.details}`)
    assert.equal(trailers.httpStatus, '400')
    return false
  }
}

async function gatewayFetches (s: Services, keywords: string[]): Promise<boolean> {
  return gatewayVerdict(await postJson(`${s.api}/news/fetch`, { keywords, hours_back: 1 }), `gateway fetch ${JSON.stringify(keywords)}`, 'MIB_ERR_GATEWAY_INVALID_KEYWORDS')
}

async function engineFetches (s: Services, keywords: string[]): Promise<boolean> {
  const what = `engine FetchNewsData ${JSON.stringify(keywords)}`
  try {
    await call(s.engine, 'FetchNewsData', { keywords, source_id: '', hours_back: 1 })
    return true
  } catch (err) {
    const { errorCode, details } = trailersOf(err)
    assert.ok(['MIB_ERR_ENGINE_INVALID_KEYWORD', 'MIB_ERR_ENGINE_TOO_MANY_KEYWORDS'].includes(errorCode), `${what}: ${errorCode} ${details}`)
    return false
  }
}

async function gatewayReadsBuffer (s: Services, keyword: string): Promise<boolean> {
  return gatewayVerdict(await getJson(`${s.api}/news/buffer?keywords=${encodeURIComponent(keyword)}&limit=5`), `gateway buffer ${JSON.stringify(keyword)}`, 'MIB_ERR_GATEWAY_INVALID_KEYWORDS')
}

async function engineReadsBuffer (s: Services, keyword: string): Promise<boolean> {
  return await engineVerdict(async () => await call(s.engine, 'GetNewsBuffer', { keywords: [keyword], limit: 5 }), `engine GetNewsBuffer ${JSON.stringify(keyword)}`, 'MIB_ERR_ENGINE_INVALID_KEYWORD')
}

/** Both routes of each service; the four must agree. Commas are the REST list syntax, so no keyword here holds one. */
async function assertAgree (s: Services, keyword: string): Promise<boolean> {
  const engine = await engineFetches(s, [keyword])
  assert.equal(await gatewayFetches(s, [keyword]), engine, `news fetch: gateway vs engine on ${JSON.stringify(keyword)}`)
  // An empty ?keywords= means "no keyword" (any item), not an empty keyword.
  if (keyword !== '') {
    assert.equal(await engineReadsBuffer(s, keyword), engine, `engine: fetch vs buffer on ${JSON.stringify(keyword)}`)
    assert.equal(await gatewayReadsBuffer(s, keyword), engine, `news buffer: gateway vs engine on ${JSON.stringify(keyword)}`)
  }
  return engine
}

const ASTRAL_LETTER = '𝐀' // one character, two UTF-16 code units

test('the gateway and the engine accept exactly the same keywords', async (t) => {
  const s = await startServices(t)
  const accepted: Array<[string, boolean]> = [
    ['stock', true], ['Interest Rates', true], ['  padded  ', true], ['a \t\n b', true], ['Müller', true], ['日本', true],
    ['ＡＡＰＬ', true], ['OR', true], ['-stock', true], ['(market)', true], ['a\u00a0b', true],
    ['k'.repeat(KEYWORD_MAX_CHARS), true], [` ${'k'.repeat(KEYWORD_MAX_CHARS)} `, true], ['é'.repeat(KEYWORD_MAX_CHARS), true],
    [ASTRAL_LETTER.repeat(KEYWORD_MAX_CHARS), true],
    ['"quoted"', false], ['say "hi"', false], ['"', false], ['', false], ['   ', false], ['\t', false], ['!!!', false], ['😀', false],
    ['k'.repeat(KEYWORD_MAX_CHARS + 1), false], [ASTRAL_LETTER.repeat(KEYWORD_MAX_CHARS + 1), false],
    // Regression: the engine's error quoted the first 40 UTF-16 units, half an emoji; grpc-js could not send that and the RPC hung.
    [`a${'😀'.repeat(KEYWORD_MAX_CHARS)}`, false]
  ]
  for (const [keyword, expected] of accepted) {
    assert.equal(await assertAgree(s, keyword), expected, `${JSON.stringify(keyword)} ${expected ? 'accepted' : 'refused'}`)
  }
})

test('lists: duplicates (any case, any spacing) count once in both, blanks are refused by both', async (t) => {
  const s = await startServices(t)
  const distinct = Array.from({ length: REQUEST_LIMITS.maxKeywords }, (_, i) => `word${i}`)
  for (const [keywords, expected] of [
    [[...distinct, 'WORD0', ' word1 '], true],
    [[...distinct, 'one more'], false],
    [['stock', ' '], false],
    [['stock', 'say "hi"'], false]
  ] as Array<[string[], boolean]>) {
    const engine = await engineFetches(s, keywords)
    assert.equal(engine, expected, `engine on ${JSON.stringify(keywords)}`)
    assert.equal(await gatewayFetches(s, keywords), engine, `gateway vs engine on ${JSON.stringify(keywords)}`)
  }
})

test('random keyword-like strings: the gateway and the engine agree on every one', async (t) => {
  const s = await startServices(t)
  const char = fc.constantFrom(...'aZ09 \t"!-.é日'.split(''), ASTRAL_LETTER, '😀', '\u00a0')
  const keyword = fc.oneof(
    fc.array(char, { maxLength: 8 }).map((cs) => cs.join('')),
    fc.array(char, { minLength: KEYWORD_MAX_CHARS - 2, maxLength: KEYWORD_MAX_CHARS + 3 }).map((cs) => cs.join(''))
  )
  await fc.assert(fc.asyncProperty(keyword, async (k) => { await assertAgree(s, k) }), // No shrinking: each try is four requests over sockets; the counterexample is printed as found.
    { numRuns: 60, endOnFailure: true })
})

test('the gateway and the engine accept exactly the same api keys', async (t) => {
  const s = await startServices(t)
  for (const [apiKey, expected] of [
    ['key-123', true], ['~!@#$%^&*()', true], ['k'.repeat(API_KEY_MAX_CHARS), true],
    ['with space', false], ['ключ', false], ['tab\there', false], ['k'.repeat(API_KEY_MAX_CHARS + 1), false]
  ] as Array<[string, boolean]>) {
    const engine = await engineVerdict(async () => await call(s.engine, 'ConnectDataSource', { source_id: 'yahoo_finance', api_key: apiKey }),
      `engine ConnectDataSource ${JSON.stringify(apiKey)}`, 'MIB_ERR_ENGINE_INVALID_API_KEY')
    assert.equal(engine, expected, `engine on ${JSON.stringify(apiKey)}`)
    const res = await request(`${s.api}/data-sources/connect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${OPERATOR_TOKEN}` },
      body: JSON.stringify({ source_id: 'yahoo_finance', api_key: apiKey })
    })
    const gateway = gatewayVerdict({ status: res.statusCode, headers: res.headers, body: await res.body.json() as Record<string, unknown> },
      `gateway connect ${JSON.stringify(apiKey)}`, 'MIB_ERR_GATEWAY_INVALID_API_KEY')
    assert.equal(gateway, engine, `gateway vs engine on ${JSON.stringify(apiKey)}`)
  }
})
