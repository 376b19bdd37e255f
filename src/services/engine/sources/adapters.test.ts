import { test, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { engineOptionsSchema } from '../config.js'
import { CircuitBreaker } from '../http-client/circuit-breaker.js'
import { UpstreamCaller, type DescribeError } from '../http-client/upstream-caller.js'
import { UpstreamClient } from '../http-client/upstream-client.js'
import { NewsApiSource, describeNewsApiError, newsQuery } from './news-api.js'
import { YahooFinanceSource, describeYahooError } from './yahoo-finance.js'

async function provider (t: TestContext, handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string, requests: IncomingMessage[] }> {
  const requests: IncomingMessage[] = []
  const server = createServer((req, res) => { requests.push(req); handler(req, res) })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.after(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests }
}

function json (status: number, body: unknown): (req: IncomingMessage, res: ServerResponse) => void {
  return (_req, res) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
}

function caller (t: TestContext, id: string, url: string, describe: DescribeError): UpstreamCaller {
  const options = engineOptionsSchema.parse({ retry: { maxAttempts: 1 } })
  const client = new UpstreamClient(id, url, options.http)
  t.after(() => client.close())
  return new UpstreamCaller(client, new CircuitBreaker(id, options.breaker), options.retry, { attempt: () => {}, retry: () => {}, failed: () => {} }, describe)
}

test('Yahoo quotes: entries without a price count as unknown, and the request names every symbol', async (t) => {
  const server = await provider(t, json(200, { quoteResponse: { result: [{ symbol: 'aapl', regularMarketPrice: 10, regularMarketTime: 1_700_000_000, bid: 9.9 }, { symbol: 'DEAD' }], error: null } }))
  const yahoo = new YahooFinanceSource(caller(t, 'yahoo_finance', server.url, describeYahooError), true, 'AAPL')
  const quotes = await yahoo.fetchQuotes(['AAPL', 'DEAD', 'MSFT'])
  assert.deepEqual([...quotes.keys()], ['AAPL'])
  assert.deepEqual(quotes.get('AAPL'), { symbol: 'AAPL', price: 10, volume: 0, timestamp: 1_700_000_000_000, source: 'yahoo_finance', additional_data: { bid: 9.9 } })
  assert.equal(server.requests[0]?.url, '/v7/finance/quote?symbols=AAPL%2CDEAD%2CMSFT')
})

test('Yahoo: a body that is not a quoteResponse is MALFORMED, a Yahoo error body is quoted in UPSTREAM_FAILED', async (t) => {
  const odd = await provider(t, json(200, { hello: 'world' }))
  await assert.rejects(new YahooFinanceSource(caller(t, 'yahoo_finance', odd.url, describeYahooError), true, 'AAPL').fetchQuotes(['AAPL']), { code: 'MIB_ERR_ENGINE_UPSTREAM_MALFORMED' })
  const bad = await provider(t, json(400, { quoteResponse: { result: null, error: { code: 'Bad Request', description: 'Missing value for the "symbols" argument' } } }))
  await assert.rejects(new YahooFinanceSource(caller(t, 'yahoo_finance', bad.url, describeYahooError), true, 'AAPL').fetchQuotes(['AAPL']), {
    code: 'MIB_ERR_ENGINE_UPSTREAM_FAILED',
    message: 'yahoo_finance request failed: status 400: Bad Request: Missing value for the "symbols" argument'
  })
})

test('NewsAPI: the key travels in X-Api-Key, phrases are quoted, placeholders and bad entries are skipped', async (t) => {
  const server = await provider(t, json(200, {
    status: 'ok',
    totalResults: 4,
    articles: [
      { source: { id: null, name: 'Wire' }, title: 'Apple beats', description: null, url: 'https://x/1', publishedAt: '2026-11-28T00:00:00Z', content: null },
      { source: { id: 'r', name: 'R' }, title: '[Removed]', description: '', url: 'https://x/2', publishedAt: '2026-11-28T00:00:00Z', content: '' },
      { title: 'No date', url: 'https://x/3', publishedAt: 'yesterday' },
      { title: 'No url' }
    ]
  }))
  const news = new NewsApiSource(caller(t, 'news_api', server.url, describeNewsApiError), true, 'secret-key')
  const articles = await news.search({ keywords: ['apple', 'interest rates'], fromMs: 0, toMs: 3_600_000, pageSize: 10 })
  assert.deepEqual(articles, [{ title: 'Apple beats', description: '', content: '', url: 'https://x/1', source: 'Wire', publishedAt: Date.parse('2026-11-28T00:00:00Z') }])
  const req = server.requests[0]
  assert.equal(req?.headers['x-api-key'], 'secret-key')
  const query = new URL(req?.url ?? '', 'http://x').searchParams
  assert.equal(query.get('q'), 'apple OR "interest rates"')
  assert.equal(query.get('from'), '1970-01-01T00:00:00Z')
  assert.equal(query.get('to'), '1970-01-01T01:00:00Z')
  assert.equal(query.get('sortBy'), 'publishedAt')
  assert.ok(!(req?.url ?? '').includes('secret-key'), 'the key never appears in the URL')
  assert.equal(newsQuery(['a']), 'a')
})

test('NewsAPI: 401 apiKeyInvalid is UPSTREAM_AUTH quoting the provider, and a non-ok body is MALFORMED', async (t) => {
  const denied = await provider(t, json(401, { status: 'error', code: 'apiKeyInvalid', message: 'Your API key is invalid' }))
  await assert.rejects(new NewsApiSource(caller(t, 'news_api', denied.url, describeNewsApiError), true, 'k').search({ keywords: ['a'], fromMs: 0, toMs: 1, pageSize: 1 }), {
    code: 'MIB_ERR_ENGINE_UPSTREAM_AUTH',
    message: /apiKeyInvalid: Your API key is invalid/
  })
  const odd = await provider(t, json(200, { status: 'weird' }))
  await assert.rejects(new NewsApiSource(caller(t, 'news_api', odd.url, describeNewsApiError), true, 'k').search({ keywords: ['a'], fromMs: 0, toMs: 1, pageSize: 1 }), { code: 'MIB_ERR_ENGINE_UPSTREAM_MALFORMED' })
})
