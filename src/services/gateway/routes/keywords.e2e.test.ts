/** What the news provider can search, against the real stack (issue 11, MEDIUM 4): client input is never a 5xx nor an upstream failure. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { request } from 'undici'
import { postJson } from '../fixtures/http.js'
import { startTestStack } from '../fixtures/stack.js'

async function upstreamFailures (engineAdminUrl: string): Promise<number> {
  const text = await (await request(`${engineAdminUrl}/metrics`)).body.text()
  return [...text.matchAll(/^mib_engine_upstream_failures_total\{[^}]*\} (\d+)/gm)].reduce((sum, m) => sum + Number(m[1]), 0)
}

test('regression: non-ASCII keywords were a 502 MIB_ERR_ENGINE_UPSTREAM_FAILED and an upstream failure; now a supported search', async (t) => {
  const { gateway, engine } = await startTestStack(t)
  const api = `${gateway.urls.http}/api/v1`
  const before = await upstreamFailures(engine.urls.admin)
  for (const keywords of [['é'], ['日本'], ['ＡＡＰＬ'], ['Müller', 'naïve'], ['OR'], ['NOT'], ['-stock'], ['(market)']]) {
    const res = await postJson(`${api}/news/fetch`, { keywords })
    assert.equal(res.status, 200, `${JSON.stringify(keywords)}: ${JSON.stringify(res.body)}`)
    assert.ok(Array.isArray(res.body.news_items))
  }
  assert.equal(await upstreamFailures(engine.urls.admin), before, 'nothing counted against the provider')
})

test('keywords that make a query longer than the provider takes are a 400 with a code, not a 502', async (t) => {
  const { gateway, engine } = await startTestStack(t)
  const before = await upstreamFailures(engine.urls.admin)
  const keywords = Array.from({ length: 20 }, (_, i) => `${String.fromCharCode(97 + i)}${'k'.repeat(40)}`)
  const res = await postJson(`${gateway.urls.http}/api/v1/news/fetch`, { keywords })
  assert.equal(res.status, 400, JSON.stringify(res.body))
  assert.equal(res.body.error, 'MIB_ERR_ENGINE_NEWS_QUERY_TOO_LONG')
  assert.equal(await upstreamFailures(engine.urls.admin), before)
})
