import { test } from 'node:test'
import assert from 'node:assert/strict'
import { PricePath, STEP_YEARS } from './price-path.js'
import { profileFor } from './symbols.js'

const AAPL = profileFor('AAPL')

function mids (seed: number, steps: number, profile = AAPL): number[] {
  const path = new PricePath(profile, seed)
  return Array.from({ length: steps }, () => path.advance().mid)
}

test('the price path is a pure function of seed and step count', () => {
  assert.deepEqual(mids(42, 500), mids(42, 500))
  const live = new PricePath(AAPL, 42)
  for (let i = 0; i < 321; i++) live.advance()
  assert.deepEqual(PricePath.at(AAPL, 42, 321).state, live.state)
})

test('a different seed gives a different session from the first quote on', () => {
  assert.notEqual(new PricePath(AAPL, 1).state.last.price, new PricePath(AAPL, 2).state.last.price)
  assert.notDeepEqual(mids(1, 50), mids(2, 50))
})

test('prices start near the reference price and stay positive', () => {
  for (const symbol of ['AAPL', 'TSLA', 'JNJ', 'ZZZZ']) {
    const profile = profileFor(symbol)
    const path = new PricePath(profile, 9)
    const start = path.state.last.price
    assert.ok(start > profile.referencePrice * 0.7 && start < profile.referencePrice * 1.3, `${symbol} starts at ${start}`)
    for (let i = 0; i < 5000; i++) {
      const s = path.advance()
      assert.ok(s.mid > 0 && s.bid > 0 && s.last.price > 0)
    }
  }
})

test('log-returns have the configured volatility (statistically, over many steps)', () => {
  const steps = 40_000
  const profile = profileFor('TSLA')
  const series = mids(5, steps + 1, profile)
  const returns = series.slice(1).map((p, i) => Math.log(p / (series[i] ?? p)))
  const mean = returns.reduce((a, b) => a + b, 0) / returns.length
  const sd = Math.sqrt(returns.reduce((a, b) => a + (b - mean) ** 2, 0) / (returns.length - 1))
  const expected = profile.volatility * Math.sqrt(STEP_YEARS)
  // The standard error of a sample sd over 40k draws is ~0.35 %: 10 % is a generous bound.
  assert.ok(Math.abs(sd / expected - 1) < 0.1, `sd ${sd} vs expected ${expected}`)
})

test('every step has bid < ask, a trade at or between them, and volume grows by the trade size', () => {
  const path = new PricePath(profileFor('MSFT'), 3)
  let volume = path.state.volume
  for (let i = 0; i < 2000; i++) {
    const s = path.advance()
    assert.ok(s.bid < s.ask, `bid ${s.bid} ask ${s.ask}`)
    assert.ok(s.last.price >= s.bid && s.last.price <= s.ask)
    assert.ok(Number.isInteger(s.last.size) && s.last.size >= 1)
    assert.ok(s.bidSize >= 100 && s.askSize >= 100)
    assert.equal(s.volume, volume + s.last.size)
    assert.ok(s.dayHigh >= s.last.price && s.dayLow <= s.last.price)
    volume = s.volume
  }
})

test('unknown symbols get a plausible profile that does not depend on the seed', () => {
  const a = profileFor('ACME')
  assert.deepEqual(a, profileFor('ACME'))
  assert.ok(a.referencePrice >= 10 && a.referencePrice <= 500)
  assert.ok(a.volatility > 0 && a.volatility < 1)
})
