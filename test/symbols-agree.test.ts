/**
 * Regression: the symbol rule was written three times with different lengths
 * (15 characters in the gateway, 16 in the engine and the simulator, 32 in
 * stream frames), so the gateway refused symbols the engine served. Every
 * service must accept exactly the same symbols; these checks go through each
 * service's own validation (the gateway's through Fastify's ajv, as it runs).
 */
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import Fastify from 'fastify'
import { SYMBOL_MAX_CHARS } from '../src/services/common/domain/index.js'
import { engineOptionsFromCli } from '../src/services/engine/cli-options.js'
import { parseFrame } from '../src/services/engine/sources/tick-messages.js'
import { normaliseSymbol } from '../src/services/engine/validation.js'
import { gatewayOptionsFromCli } from '../src/services/gateway/cli-options.js'
import { buildRouteSchemas } from '../src/services/gateway/schemas.js'
import { parseClientMessage } from '../src/services/provider-sim/stream/client-messages.js'
import { providerSimOptionsFromCli } from '../src/services/provider-sim/cli-options.js'

const gateway = Fastify()
const routes = buildRouteSchemas(gatewayOptionsFromCli({}, {}))
gateway.post('/fetch', { schema: routes.fetchMarketData }, async () => ({ ok: true }))
gateway.get('/buffer', { schema: routes.marketDataBuffer }, async () => ({ ok: true }))
after(async () => { await gateway.close() })

async function gatewayAccepts (symbol: string): Promise<boolean> {
  const fetch = await gateway.inject({ method: 'POST', url: '/fetch', payload: { symbols: [symbol] } })
  const buffer = await gateway.inject({ method: 'GET', url: `/buffer?symbol=${encodeURIComponent(symbol)}` })
  assert.equal(fetch.statusCode === 200, buffer.statusCode === 200, `the gateway's two routes disagree on ${JSON.stringify(symbol)}`)
  return fetch.statusCode === 200
}

function engineAccepts (symbol: string): boolean {
  try {
    normaliseSymbol(symbol)
    return true
  } catch {
    return false
  }
}

function engineConfigAccepts (symbol: string): boolean {
  try {
    engineOptionsFromCli({ symbols: symbol }, {})
    return true
  } catch {
    return false
  }
}

function simulatorAccepts (symbol: string): boolean {
  try {
    providerSimOptionsFromCli({ symbols: symbol }, {})
    return true
  } catch {
    return false
  }
}

const streamFrameAccepts = (symbol: string): boolean =>
  parseFrame(JSON.stringify({ type: 'trade', symbol: symbol.toUpperCase(), price: 1, size: 1, timestamp: 1 })) !== undefined
const subscribeAccepts = (symbol: string): boolean =>
  parseClientMessage(Buffer.from(JSON.stringify({ action: 'subscribe', symbols: [symbol.toUpperCase()] })), false).ok

const EXAMPLES = [
  'AAPL', 'aapl', 'BRK-B', 'BF.B', '^GSPC', 'EURUSD=X', 'BTC-USD', '7203.T',
  'A'.repeat(SYMBOL_MAX_CHARS - 1), 'A'.repeat(SYMBOL_MAX_CHARS), 'A'.repeat(SYMBOL_MAX_CHARS + 1),
  '-AAPL', '.X', '=X', 'AA PL', 'AAPL$', 'ÄAPL', 'AAPL/B'
]

test('the gateway, the engine and the simulator accept exactly the same symbols', async () => {
  for (const symbol of EXAMPLES) {
    const engine = engineAccepts(symbol)
    assert.equal(await gatewayAccepts(symbol), engine, `gateway vs engine on ${JSON.stringify(symbol)}`)
    assert.equal(engineConfigAccepts(symbol), engine, `engine --symbols vs engine RPCs on ${JSON.stringify(symbol)}`)
    assert.equal(simulatorAccepts(symbol), engine, `provider-sim --symbols vs engine on ${JSON.stringify(symbol)}`)
  }
  assert.equal(engineAccepts('A'.repeat(SYMBOL_MAX_CHARS)), true)
  assert.equal(engineAccepts('A'.repeat(SYMBOL_MAX_CHARS + 1)), false)
})

test('random symbol-like strings: the services agree on every one', async () => {
  const char = fc.constantFrom(...'ABZaz09.-=^ $/_'.split(''))
  await fc.assert(fc.asyncProperty(fc.array(char, { minLength: 1, maxLength: SYMBOL_MAX_CHARS + 3 }).map((cs) => cs.join('')), async (raw) => {
    // The engine trims; no other service sees padding (a padded string is not a symbol).
    fc.pre(raw.trim() === raw && !raw.includes(','))
    const engine = engineAccepts(raw)
    return await gatewayAccepts(raw) === engine && engineConfigAccepts(raw) === engine && simulatorAccepts(raw) === engine
  }), { numRuns: 300 })
})

test('stream frames carry any symbol the services accept, and none longer', () => {
  for (const symbol of EXAMPLES.filter(engineAccepts)) {
    assert.ok(streamFrameAccepts(symbol), `engine stream frame ${symbol}`)
    assert.ok(subscribeAccepts(symbol), `simulator subscribe ${symbol}`)
  }
  const tooLong = 'A'.repeat(SYMBOL_MAX_CHARS + 1)
  assert.equal(streamFrameAccepts(tooLong), false)
  assert.equal(subscribeAccepts(tooLong), false)
})
