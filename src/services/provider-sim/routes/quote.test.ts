import { test } from 'node:test'
import assert from 'node:assert/strict'
import { getJson, startTestSim } from '../fixtures/test-sim.js'
import type { YahooQuote } from '../market.js'
import type { YahooQuoteResponse } from './quote.js'
import { waitFor } from '../../../../test/helpers/wait.js'

const paused = { knobs: { tickRateHz: 0 } }
const quotes = async (base: string, symbols: string): Promise<YahooQuote[]> => {
  const res = await getJson<YahooQuoteResponse>(`${base}/v7/finance/quote?symbols=${symbols}`)
  assert.equal(res.status, 200)
  assert.equal(res.body.quoteResponse.error, null)
  return res.body.quoteResponse.result ?? []
}
const withoutTime = (list: YahooQuote[]): Array<Omit<YahooQuote, 'regularMarketTime'>> =>
  list.map(({ regularMarketTime: _time, ...rest }) => rest)

test('a quote has the fields of Yahoo Finance\'s quote API, with the time in epoch seconds', async (t) => {
  const sim = await startTestSim(t, paused)
  const [aapl] = await quotes(sim.urls.http, 'AAPL')
  assert.ok(aapl !== undefined)
  assert.equal(aapl.symbol, 'AAPL')
  assert.equal(aapl.shortName, 'Apple Inc.')
  assert.equal(aapl.currency, 'USD')
  assert.equal(aapl.quoteType, 'EQUITY')
  assert.equal(aapl.marketState, 'REGULAR')
  for (const field of ['regularMarketPrice', 'regularMarketVolume', 'regularMarketChange', 'regularMarketChangePercent', 'regularMarketOpen',
    'regularMarketDayHigh', 'regularMarketDayLow', 'regularMarketPreviousClose', 'bid', 'ask', 'bidSize', 'askSize'] as const) {
    assert.equal(typeof aapl[field], 'number', field)
  }
  assert.ok(aapl.bid < aapl.ask)
  assert.ok(aapl.regularMarketDayLow <= aapl.regularMarketPrice && aapl.regularMarketPrice <= aapl.regularMarketDayHigh)
  assert.ok(Math.abs(aapl.regularMarketTime - Date.now() / 1000) < 3600, 'seconds, not milliseconds')
  assert.ok(Math.abs(aapl.regularMarketChange - (aapl.regularMarketPrice - aapl.regularMarketPreviousClose)) < 0.011)
})

test('unknown symbols are absent from the result; case and duplicates do not matter', async (t) => {
  const sim = await startTestSim(t, paused)
  const list = await quotes(sim.urls.http, 'msft,NOPE,AAPL,MSFT')
  assert.deepEqual(list.map((q) => q.symbol), ['MSFT', 'AAPL'])
  assert.deepEqual(await quotes(sim.urls.http, 'NOPE'), [])
})

test('repeated symbols parameters are combined', async (t) => {
  const sim = await startTestSim(t, paused)
  const res = await getJson<YahooQuoteResponse>(`${sim.urls.http}/v7/finance/quote?symbols=AAPL&symbols=V`)
  assert.deepEqual(res.body.quoteResponse.result?.map((q) => q.symbol), ['AAPL', 'V'])
})

test('missing or empty symbols answer 400 in Yahoo\'s error shape', async (t) => {
  const sim = await startTestSim(t, paused)
  for (const query of ['', '?symbols=', '?symbols=,,']) {
    const res = await getJson<YahooQuoteResponse>(`${sim.urls.http}/v7/finance/quote${query}`)
    assert.equal(res.status, 400, query)
    assert.deepEqual(res.body, { quoteResponse: { result: null, error: { code: 'Bad Request', description: 'Missing value for the "symbols" argument' } } })
  }
})

test('the same seed serves the same quotes, another seed different ones', async (t) => {
  const [a, b, c] = await Promise.all([
    startTestSim(t, { ...paused, seed: 11 }),
    startTestSim(t, { ...paused, seed: 11 }),
    startTestSim(t, { ...paused, seed: 12 })
  ])
  const all = 'AAPL,GOOGL,MSFT,AMZN,TSLA,META,NVDA,JPM,JNJ,V'
  const qa = withoutTime(await quotes(a.urls.http, all))
  assert.equal(qa.length, 10)
  assert.deepEqual(qa, withoutTime(await quotes(b.urls.http, all)))
  assert.notDeepEqual(qa, withoutTime(await quotes(c.urls.http, all)))
})

test('a configured universe replaces the default one', async (t) => {
  const sim = await startTestSim(t, { ...paused, symbols: ['ACME', 'BRK-B'] })
  assert.deepEqual((await quotes(sim.urls.http, 'ACME,BRK-B,AAPL')).map((q) => q.symbol), ['ACME', 'BRK-B'])
})

test('quotes move while the market ticks', async (t) => {
  const sim = await startTestSim(t, { knobs: { tickRateHz: 20 } })
  const first = await quotes(sim.urls.http, 'AAPL')
  const volume = first[0]?.regularMarketVolume ?? 0
  const moved = async (): Promise<boolean> => ((await quotes(sim.urls.http, 'AAPL'))[0]?.regularMarketVolume ?? 0) > volume
  await waitFor(moved, 'the volume to grow')
})
