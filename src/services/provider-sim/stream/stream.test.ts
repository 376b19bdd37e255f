import { test } from 'node:test'
import assert from 'node:assert/strict'
import { request } from 'undici'
import { startTestSim, StreamClient, type StreamMessage } from '../fixtures/test-sim.js'
import { waitFor } from '../../../../test/helpers/wait.js'

const fast = { knobs: { tickRateHz: 20 } }
const isTrade = (symbol: string) => (m: StreamMessage): boolean => m.type === 'trade' && m.symbol === symbol

test('subscribing acks the subscription, sends a snapshot, then trades and quotes', async (t) => {
  const sim = await startTestSim(t, fast)
  const client = await StreamClient.connect(t, sim.urls.ws)
  client.send({ action: 'subscribe', symbols: ['AAPL', 'msft'] })
  const ack = await client.next((m) => m.type === 'subscribed', 'the ack')
  assert.deepEqual(ack.symbols, ['AAPL', 'MSFT'])
  const trade = await client.next(isTrade('MSFT'), 'an MSFT trade')
  assert.deepEqual(Object.keys(trade).sort(), ['price', 'size', 'symbol', 'timestamp', 'type'])
  assert.ok(typeof trade.price === 'number' && trade.price > 0)
  assert.ok(Number.isInteger(trade.size))
  assert.ok(Math.abs(Number(trade.timestamp) - Date.now()) < 60_000, 'epoch milliseconds')
  const quote = await client.next((m) => m.type === 'quote' && m.symbol === 'AAPL', 'an AAPL quote')
  assert.deepEqual(Object.keys(quote).sort(), ['ask', 'askSize', 'bid', 'bidSize', 'symbol', 'timestamp', 'type'])
  assert.ok(Number(quote.bid) < Number(quote.ask))
  assert.ok(client.messages.every((m) => m.type !== 'trade' || m.symbol === 'AAPL' || m.symbol === 'MSFT'))
})

test('?symbols= subscribes at connect and "*" means the whole universe', async (t) => {
  const sim = await startTestSim(t, { ...fast, symbols: ['AAPL', 'MSFT', 'V'] })
  const some = await StreamClient.connect(t, `${sim.urls.ws}?symbols=V`)
  assert.deepEqual((await some.next((m) => m.type === 'subscribed', 'the ack')).symbols, ['V'])
  const all = await StreamClient.connect(t, `${sim.urls.ws}?symbols=*`)
  assert.deepEqual((await all.next((m) => m.type === 'subscribed', 'the ack')).symbols, ['AAPL', 'MSFT', 'V'])
  for (const symbol of ['AAPL', 'MSFT', 'V']) await all.next(isTrade(symbol), `a ${symbol} trade`)
})

test('after unsubscribing, a symbol\'s ticks stop', async (t) => {
  const sim = await startTestSim(t, fast)
  const client = await StreamClient.connect(t, `${sim.urls.ws}?symbols=AAPL,MSFT`)
  await client.next(isTrade('AAPL'), 'an AAPL trade')
  client.send({ action: 'unsubscribe', symbols: ['AAPL'] })
  const ack = await client.next((m) => m.type === 'subscribed' && Array.isArray(m.symbols) && m.symbols.length === 1, 'the unsubscribe ack')
  assert.deepEqual(ack.symbols, ['MSFT'])
  const from = client.messages.length
  // Two MSFT trades later, no AAPL trade may have arrived since the ack.
  await waitFor(() => client.messages.slice(from).filter(isTrade('MSFT')).length >= 2 ? true : undefined, 'two MSFT trades')
  assert.equal(client.messages.slice(from).filter(isTrade('AAPL')).length, 0)
})

test('bad client messages get an error message and the connection stays usable', async (t) => {
  const sim = await startTestSim(t, { knobs: { tickRateHz: 0 } })
  const client = await StreamClient.connect(t, sim.urls.ws)
  const bad: unknown[] = ['not json', '{"action":', { action: 'dance' }, { action: 'subscribe' }, { action: 'subscribe', symbols: [] }, { action: 'subscribe', symbols: 'AAPL' }, [1, 2], 'null']
  for (const message of bad) client.send(message)
  await waitFor(() => client.ofType('error').length >= bad.length ? true : undefined, 'one error per bad message')
  assert.match(String(client.ofType('error')[0]?.message), /invalid JSON/)
  client.socket.send(Buffer.from([1, 2, 3]), { binary: true })
  await client.next((m) => m.type === 'error' && /binary/.test(String(m.message)), 'an error for a binary frame')
  client.send({ action: 'subscribe', symbols: ['AAPL', 'NOPE'] })
  assert.deepEqual((await client.next((m) => m.type === 'subscribed', 'the ack')).symbols, ['AAPL'])
  await client.next((m) => m.type === 'error' && /NOPE/.test(String(m.message)), 'an error naming the unknown symbol')
  client.send({ action: 'ping' })
  await client.next((m) => m.type === 'pong', 'a pong')
})

test('a message larger than the limit closes the socket with 1009', async (t) => {
  const sim = await startTestSim(t, { knobs: { tickRateHz: 0 }, stream: { maxMessageBytes: 1024 } })
  const client = await StreamClient.connect(t, sim.urls.ws)
  client.send({ action: 'subscribe', symbols: Array.from({ length: 200 }, (_, i) => `S${i}`) })
  assert.equal(await client.closed(), 1009)
})

test('clients beyond maxClients are closed with 1013', async (t) => {
  const sim = await startTestSim(t, { knobs: { tickRateHz: 0 }, stream: { maxClients: 1 } })
  await StreamClient.connect(t, sim.urls.ws)
  const second = await StreamClient.connect(t, sim.urls.ws)
  assert.equal(await second.closed(), 1013)
})

test('a client that stops answering pings is disconnected', async (t) => {
  const sim = await startTestSim(t, { knobs: { tickRateHz: 0 }, stream: { heartbeatIntervalMs: 100 } })
  const silent = await StreamClient.connect(t, sim.urls.ws, { autoPong: false })
  const polite = await StreamClient.connect(t, sim.urls.ws)
  assert.equal(await silent.closed(), 1006)
  assert.equal(polite.closeCode, undefined)
})

test('stream metrics count clients and frames sent', async (t) => {
  const sim = await startTestSim(t, fast)
  const client = await StreamClient.connect(t, `${sim.urls.ws}?symbols=AAPL`)
  await client.next(isTrade('AAPL'), 'a trade')
  const text = await (await request(`${sim.urls.http}/metrics`)).body.text()
  assert.match(text, /provider_sim_ws_clients\{[^}]*\} 1/)
  assert.match(text, /provider_sim_ticks_sent_total\{type="trade"[^}]*\} [1-9]/)
  const health = await (await request(`${sim.urls.http}/health`)).body.json() as { status: string, wsClients: number }
  assert.equal(health.status, 'ok')
  assert.equal(health.wsClients, 1)
})

test('a plain HTTP GET of the stream answers 426 with the JSON error body', async (t) => {
  const sim = await startTestSim(t, { knobs: { tickRateHz: 0 } })
  const res = await request(`${sim.urls.http}/v1/stream`)
  assert.equal(res.statusCode, 426)
  assert.equal((await res.body.json() as { error: string }).error, 'MIB_ERR_PROVIDER_SIM_UPGRADE_REQUIRED')
})
