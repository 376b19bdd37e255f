import { test } from 'node:test'
import assert from 'node:assert/strict'
import { EventEmitter } from 'node:events'
import client from 'prom-client'
import type { WebSocket } from 'ws'
import { createLogger } from '../../common/logger.js'
import { Market } from '../market.js'
import { ProviderSimMetrics } from '../metrics.js'
import { StreamHub } from './hub.js'

/**
 * A stand-in for a ws socket whose send buffer we control: a loopback peer
 * that stops reading only fills the kernel buffers after megabytes, which a
 * test on a shared machine should not push.
 */
class BufferingSocket extends EventEmitter {
  readyState = 1
  bufferedAmount = 0
  readonly sent: string[] = []
  closedWith: number | undefined
  send (frame: string): void { this.sent.push(frame) }
  ping (): void {}
  close (code: number): void {
    this.closedWith = code
    this.readyState = 2
    setImmediate(() => { this.readyState = 3; this.emit('close', code) })
  }

  terminate (): void { this.close(1006) }
}

function setup (): { hub: StreamHub, market: Market, metrics: ProviderSimMetrics, socket: BufferingSocket } {
  const market = new Market(['AAPL', 'MSFT'], 1)
  const metrics = new ProviderSimMetrics(new client.Registry())
  const hub = new StreamHub(market, metrics, { maxBufferedBytes: 1024, slowConsumerTimeoutMs: 50, heartbeatIntervalMs: 60_000, maxClients: 10 }, createLogger({ name: 'test', env: 'test' }))
  const socket = new BufferingSocket()
  hub.accept(socket as unknown as WebSocket, ['AAPL'])
  return { hub, market, metrics, socket }
}

test('each tick is serialised once and sent as one trade and one quote per subscribed symbol', () => {
  const { hub, market, socket } = setup()
  socket.sent.length = 0
  hub.broadcast(market.step(1000), 1000)
  assert.equal(socket.sent.length, 2)
  const [trade, quote] = socket.sent.map((f) => JSON.parse(f) as Record<string, unknown>)
  assert.deepEqual([trade?.type, trade?.symbol, trade?.timestamp], ['trade', 'AAPL', 1000])
  assert.deepEqual([quote?.type, quote?.symbol], ['quote', 'AAPL'])
})

test('a client over the buffer bound gets no ticks, and is closed with 1013 once it stays over it', async () => {
  const { hub, market, metrics, socket } = setup()
  socket.sent.length = 0
  socket.bufferedAmount = 4096
  hub.broadcast(market.step(1000), 1000)
  assert.equal(socket.sent.length, 0)
  assert.equal(socket.closedWith, undefined, 'a short stall is forgiven')
  assert.equal((await metrics.ticksDropped.get()).values[0]?.value, 2)
  socket.bufferedAmount = 0
  hub.broadcast(market.step(1010), 1010)
  assert.equal(socket.sent.length, 2, 'ticks resume once the buffer drains')
  socket.bufferedAmount = 4096
  hub.broadcast(market.step(2000), 2000)
  hub.broadcast(market.step(2049), 2049)
  assert.equal(socket.closedWith, undefined)
  hub.broadcast(market.step(2050), 2050)
  assert.equal(socket.closedWith, 1013)
  assert.equal((await metrics.slowConsumerCloses.get()).values[0]?.value, 1)
  await new Promise((resolve) => setImmediate(resolve))
  assert.equal(hub.size, 0)
})

test('answers to client messages obey the buffer bound too', () => {
  const { socket } = setup()
  socket.sent.length = 0
  socket.bufferedAmount = 4096
  for (let i = 0; i < 100; i++) socket.emit('message', Buffer.from('not json'), false)
  assert.equal(socket.sent.length, 0)
  socket.bufferedAmount = 0
  socket.emit('message', Buffer.from('not json'), false)
  assert.equal(socket.sent.length, 1)
  assert.equal((JSON.parse(socket.sent[0] ?? '{}') as { type?: string }).type, 'error')
})
