import { test } from 'node:test'
import assert from 'node:assert/strict'
import { getJson, startTestSim } from '../fixtures/test-sim.js'
import type { NewsApiError, NewsApiOk } from './news.js'

const paused = { knobs: { tickRateHz: 0 } }
type NewsBody = NewsApiOk | NewsApiError

async function everything (base: string, query: string, headers: Record<string, string> = {}): Promise<{ status: number, body: NewsBody }> {
  return await getJson<NewsBody>(`${base}/v2/everything?${query}`, headers)
}

function ok (res: { status: number, body: NewsBody }): NewsApiOk {
  assert.equal(res.status, 200, JSON.stringify(res.body))
  assert.equal(res.body.status, 'ok')
  return res.body as NewsApiOk
}

test('a search answers in NewsAPI\'s shape, newest first, 20 per page by default', async (t) => {
  const sim = await startTestSim(t, paused)
  const body = ok(await everything(sim.urls.http, 'q=stock%20OR%20market&sortBy=publishedAt'))
  assert.ok(body.totalResults > 100)
  assert.equal(body.articles.length, 20)
  const [first] = body.articles
  assert.ok(first !== undefined)
  assert.deepEqual(Object.keys(first).sort(), ['author', 'content', 'description', 'publishedAt', 'source', 'title', 'url', 'urlToImage'])
  const times = body.articles.map((a) => Date.parse(a.publishedAt))
  assert.deepEqual(times, [...times].sort((a, b) => b - a))
})

test('q matches title, description or content, case-insensitively', async (t) => {
  const sim = await startTestSim(t, paused)
  const body = ok(await everything(sim.urls.http, 'q=DIVIDEND&pageSize=100'))
  assert.ok(body.articles.length > 0)
  for (const a of body.articles) assert.match(`${a.title} ${a.description} ${a.content}`, /dividend/i)
  const none = ok(await everything(sim.urls.http, 'q=zzzunknownword'))
  assert.deepEqual([none.totalResults, none.articles], [0, []])
})

test('from and to bound publishedAt, with dates or date-times', async (t) => {
  const sim = await startTestSim(t, paused)
  const to = new Date(Date.now() - 86_400_000)
  const from = new Date(to.getTime() - 6 * 3_600_000)
  const body = ok(await everything(sim.urls.http, `q=market&pageSize=100&from=${from.toISOString()}&to=${to.toISOString()}`))
  assert.ok(body.totalResults > 0)
  for (const a of body.articles) {
    const at = Date.parse(a.publishedAt)
    assert.ok(at >= from.getTime() && at <= to.getTime(), a.publishedAt)
  }
  const day = to.toISOString().slice(0, 10)
  const byDay = ok(await everything(sim.urls.http, `q=market&from=${day}&to=${day}&pageSize=100`))
  for (const a of byDay.articles) assert.equal(a.publishedAt.slice(0, 10), day)
})

test('pageSize accepts 1..100 and rejects anything else with parameterInvalid', async (t) => {
  const sim = await startTestSim(t, paused)
  assert.equal(ok(await everything(sim.urls.http, 'q=stock&pageSize=1')).articles.length, 1)
  assert.equal(ok(await everything(sim.urls.http, 'q=stock&pageSize=100')).articles.length, 100)
  for (const pageSize of ['0', '101', 'abc', '-5', '2.5']) {
    const res = await everything(sim.urls.http, `q=stock&pageSize=${pageSize}`)
    assert.equal(res.status, 400, pageSize)
    assert.equal(res.body.status, 'error')
    assert.equal((res.body as NewsApiError).code, 'parameterInvalid')
  }
})

test('bad parameters answer 400 in NewsAPI\'s error shape', async (t) => {
  const sim = await startTestSim(t, paused)
  const cases: Array<[string, string]> = [
    ['', 'parametersMissing'],
    ['q=%20%20', 'parametersMissing'],
    ['q=stock&from=yesterday', 'parameterInvalid'],
    ['q=stock&to=2026-13-45', 'parameterInvalid'],
    ['q=stock&from=2026-11-02&to=2026-11-01', 'parameterInvalid'],
    ['q=stock&page=0', 'parameterInvalid'],
    ['q=stock&sortBy=random', 'parameterInvalid'],
    [`q=${'a'.repeat(501)}`, 'parameterInvalid'],
    ['q=OR%20AND', 'parameterInvalid']
  ]
  for (const [query, code] of cases) {
    const res = await everything(sim.urls.http, query)
    assert.equal(res.status, 400, query)
    const body = res.body as NewsApiError
    assert.equal(body.status, 'error', query)
    assert.equal(body.code, code, query)
    assert.equal(typeof body.message, 'string')
  }
})

test('without a configured key any key (or none) is accepted', async (t) => {
  const sim = await startTestSim(t, paused)
  ok(await everything(sim.urls.http, 'q=stock'))
  ok(await everything(sim.urls.http, 'q=stock', { 'x-api-key': 'anything' }))
})

test('with a configured key only that key is accepted, by header, bearer or apiKey parameter', async (t) => {
  const sim = await startTestSim(t, { ...paused, apiKey: 'secret-key' })
  ok(await everything(sim.urls.http, 'q=stock', { 'x-api-key': 'secret-key' }))
  ok(await everything(sim.urls.http, 'q=stock', { authorization: 'Bearer secret-key' }))
  ok(await everything(sim.urls.http, 'q=stock&apiKey=secret-key'))
  for (const headers of [{}, { 'x-api-key': 'wrong' }, { 'x-api-key': 'secret-key-but-longer' }] as Array<Record<string, string>>) {
    const res = await everything(sim.urls.http, 'q=stock', headers)
    assert.equal(res.status, 401)
    assert.equal((res.body as NewsApiError).code, 'apiKeyInvalid')
  }
  assert.equal((await everything(sim.urls.http, 'q=stock&apiKey=wrong')).status, 401)
})

test('the same seed serves the same articles for the same window', async (t) => {
  const [a, b, c] = await Promise.all([startTestSim(t, { ...paused, seed: 5 }), startTestSim(t, { ...paused, seed: 5 }), startTestSim(t, { ...paused, seed: 6 })])
  const to = new Date(Date.now() - 3_600_000).toISOString()
  const query = `q=stock%20OR%20market&pageSize=50&to=${to}`
  const first = ok(await everything(a.urls.http, query))
  assert.deepEqual(first, ok(await everything(b.urls.http, query)))
  assert.notDeepEqual(first.articles, ok(await everything(c.urls.http, query)).articles)
})
