/** The original clients' contract (issue 11): either configured source_id on either fetch endpoint. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { postJson } from '../fixtures/http.js'
import { startTestStack } from '../fixtures/stack.js'

test('regression: a market-data fetch naming news_api (and a news fetch naming yahoo_finance) was a 400; now served by the source of that kind, which the answer names', async (t) => {
  const { gateway } = await startTestStack(t)
  const api = `${gateway.urls.http}/api/v1`
  const quotes = await postJson(`${api}/market-data/fetch`, { symbols: ['AAPL', 'MSFT'], source_id: 'news_api' })
  assert.equal(quotes.status, 200, JSON.stringify(quotes.body))
  assert.equal((quotes.body.market_data as unknown[]).length, 2)
  assert.deepEqual([(quotes.body.metadata as Record<string, unknown>).source_id, (quotes.body.metadata as Record<string, unknown>).served_by], ['news_api', 'yahoo_finance'])
  assert.match(String(quotes.body.message), /yahoo_finance/)

  const news = await postJson(`${api}/news/fetch`, { keywords: ['stock'], source_id: 'yahoo_finance' })
  assert.equal(news.status, 200, JSON.stringify(news.body))
  assert.ok(Array.isArray(news.body.news_items))
  assert.deepEqual([(news.body.metadata as Record<string, unknown>).source_id, (news.body.metadata as Record<string, unknown>).served_by], ['yahoo_finance', 'news_api'])
  assert.match(String(news.body.message), /news_api/)

  for (const [path, body] of [['market-data/fetch', { symbols: ['AAPL'], source_id: 'bloomberg' }], ['news/fetch', { keywords: ['stock'], source_id: 'bloomberg' }]] as const) {
    const unknown = await postJson(`${api}/${path}`, body)
    assert.equal(unknown.status, 400, path)
    assert.equal(unknown.body.error, 'MIB_ERR_ENGINE_UNKNOWN_SOURCE')
  }
})
