/** POST /api/v1/data-sources/connect against the real stack: who may replace a source's credential (issue 11, MEDIUM 3). */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { request } from 'undici'
import { postJson } from '../fixtures/http.js'
import { startTestStack } from '../fixtures/stack.js'

const OPERATOR_TOKEN = 'operator-token-for-tests-0123456789'

async function connect (api: string, body: unknown, authorization?: string): Promise<{ status: number, headers: Record<string, unknown>, body: Record<string, unknown> }> {
  const res = await request(`${api}/data-sources/connect`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) },
    body: JSON.stringify(body)
  })
  return { status: res.statusCode, headers: res.headers, body: await res.body.json() as Record<string, unknown> }
}

test('regression: any anonymous client could replace the engine\'s upstream credential; now 403 without an operator token configured', async (t) => {
  const { gateway } = await startTestStack(t)
  const api = `${gateway.urls.http}/api/v1`
  const swap = await connect(api, { source_id: 'news_api', api_key: 'stolen-or-revoked-key' })
  assert.equal(swap.status, 403)
  assert.equal(swap.body.error, 'MIB_ERR_GATEWAY_CREDENTIAL_CHANGE_DISABLED')
  // The configured credential is still the one in use: news fetches go on working.
  assert.equal((await postJson(`${api}/news/fetch`, { keywords: ['stock'], source_id: 'news_api' })).status, 200)
  // What the original clients send stays open to everyone.
  const open = await connect(api, { source_id: 'news_api', api_key: '' })
  assert.equal(open.status, 200)
  assert.equal(typeof open.body.connected, 'boolean')
})

test('with an operator token configured, a credential change needs it: missing or wrong is 401, right is 200', async (t) => {
  const { gateway } = await startTestStack(t, { operatorToken: OPERATOR_TOKEN })
  const api = `${gateway.urls.http}/api/v1`
  for (const authorization of [undefined, 'Bearer wrong-token-wrong-token', `Basic ${OPERATOR_TOKEN}`]) {
    const res = await connect(api, { source_id: 'news_api', api_key: 'new-key' }, authorization)
    assert.equal(res.status, 401, String(authorization))
    assert.equal(res.body.error, 'MIB_ERR_GATEWAY_OPERATOR_UNAUTHORIZED')
    assert.match(String(res.headers['www-authenticate']), /^Bearer/)
  }
  assert.equal((await connect(api, { source_id: 'yahoo_finance', api_key: '' })).status, 200)
  const operator = await connect(api, { source_id: 'yahoo_finance', api_key: 'operator-chosen-key' }, `Bearer ${OPERATOR_TOKEN}`)
  assert.equal(operator.status, 200, JSON.stringify(operator.body))
})
