import { test } from 'node:test'
import assert from 'node:assert/strict'
import { InvalidOptionsError, parseOptions } from '../../options.js'
import { DEFAULT_SYMBOLS } from '../common/defaults.js'
import { providerSimOptionsFromEnv } from './cli-options.js'
import { providerSimOptionsSchema } from './options.js'

test('defaults: 127.0.0.1:8090, the default universe, fast and healthy upstream, 2 ticks/s', () => {
  const o = parseOptions(providerSimOptionsSchema, {})
  assert.equal(o.host, '127.0.0.1')
  assert.equal(o.port, 8090)
  assert.deepEqual(o.symbols, [...DEFAULT_SYMBOLS])
  assert.deepEqual(o.knobs, { latencyMedianMs: 0, latencyP99Ms: 0, errorRate: 0, tickRateHz: 2 })
  assert.equal(o.env, 'development')
  assert.equal(o.news.historyDays, 7)
  assert.equal(o.stream.maxBufferedBytes, 1024 * 1024)
})

test('the environment is read into options, invalid values kept for validation to report', () => {
  const input = providerSimOptionsFromEnv({
    PROVIDER_SIM_HOST: '0.0.0.0',
    PROVIDER_SIM_PORT: '9000',
    PROVIDER_SIM_SEED: '3',
    PROVIDER_SIM_SYMBOLS: 'aapl, msft',
    PROVIDER_SIM_LATENCY_MEDIAN_MS: '20',
    PROVIDER_SIM_LATENCY_P99_MS: '80',
    PROVIDER_SIM_ERROR_RATE: '0.1',
    PROVIDER_SIM_TICK_RATE_HZ: '5',
    MIB_ENV: 'production'
  })
  assert.deepEqual(input, {
    host: '0.0.0.0',
    port: 9000,
    seed: 3,
    symbols: ['AAPL', 'MSFT'],
    knobs: { latencyMedianMs: 20, latencyP99Ms: 80, errorRate: 0.1, tickRateHz: 5 },
    env: 'production'
  })
  assert.ok(Number.isNaN(providerSimOptionsFromEnv({ PROVIDER_SIM_ERROR_RATE: 'lots' }).knobs?.errorRate))
})

test('NODE_ENV is used only when it names one of our environments; MIB_ENV wins', () => {
  assert.equal(providerSimOptionsFromEnv({ NODE_ENV: 'production' }).env, 'production')
  assert.equal(providerSimOptionsFromEnv({ NODE_ENV: 'staging' }).env, undefined)
  assert.equal(providerSimOptionsFromEnv({ NODE_ENV: 'production', MIB_ENV: 'development' }).env, 'development')
})

test('invalid options are all reported at once, unknown keys included', () => {
  assert.throws(() => parseOptions(providerSimOptionsSchema, {
    port: 70000, seed: -1, symbols: ['AAPL', 'AAPL', 'bad symbol'], knobs: { errorRate: 3, tickRateHz: 'fast' }, colour: 'blue'
  }), (err: unknown) => {
    assert.ok(err instanceof InvalidOptionsError)
    const paths = err.problems.map((p) => p.split(':')[0])
    for (const path of ['port', 'seed', 'symbols.2', 'knobs.errorRate', 'knobs.tickRateHz', '(root)']) assert.ok(paths.includes(path), `${path} in ${paths.join(', ')}`)
    return true
  })
})
