/**
 * The WebSocket fan-out: who is subscribed to what, one serialisation per tick
 * for all subscribers, bounded buffering per client, and a heartbeat that
 * drops peers that stopped answering.
 */
import { WebSocket, type RawData } from 'ws'
import type { Logger } from '../../common/logger.js'
import type { Market } from '../market.js'
import type { ProviderSimMetrics } from '../metrics.js'
import type { SymbolState } from '../price-path.js'
import { parseClientMessage } from './client-messages.js'
import { errorFrame, pongFrame, quoteFrame, subscribedFrame, tradeFrame } from './frames.js'

export interface StreamSettings {
  /** Unsent bytes a client may have queued before its ticks are dropped. */
  maxBufferedBytes: number
  /** A client that stays over maxBufferedBytes this long is closed with 1013. */
  slowConsumerTimeoutMs: number
  /** Ping period; a client that has not answered the previous ping is terminated. */
  heartbeatIntervalMs: number
  maxClients: number
}

/** RFC 6455 close codes the stream uses. */
export const CLOSE = { GOING_AWAY: 1001, TRY_AGAIN_LATER: 1013 } as const

/** Time a closing client gets to finish the close handshake before its socket is destroyed. */
const CLOSE_GRACE_MS = 2000

interface StreamClient {
  socket: WebSocket
  subscriptions: Set<string>
  alive: boolean
  slowSinceMs: number | undefined
}

export class StreamHub {
  readonly #market: Market
  readonly #metrics: ProviderSimMetrics
  readonly #settings: StreamSettings
  readonly #logger: Logger
  readonly #clients = new Set<StreamClient>()
  readonly #bySymbol = new Map<string, Set<StreamClient>>()
  readonly #symbolJson = new Map<string, string>()
  #heartbeat: NodeJS.Timeout | undefined

  constructor (market: Market, metrics: ProviderSimMetrics, settings: StreamSettings, logger: Logger) {
    this.#market = market
    this.#metrics = metrics
    this.#settings = settings
    this.#logger = logger
    for (const symbol of market.symbols) {
      this.#bySymbol.set(symbol, new Set())
      this.#symbolJson.set(symbol, JSON.stringify(symbol))
    }
  }

  get size (): number {
    return this.#clients.size
  }

  startHeartbeat (): void {
    this.#heartbeat ??= setInterval(() => { this.#beat() }, this.#settings.heartbeatIntervalMs)
  }

  /** Takes over a freshly upgraded socket; `initialSymbols` comes from `?symbols=`. */
  accept (socket: WebSocket, initialSymbols: string[]): void {
    if (this.#clients.size >= this.#settings.maxClients) {
      socket.close(CLOSE.TRY_AGAIN_LATER, 'too many stream clients')
      return
    }
    const client: StreamClient = { socket, subscriptions: new Set(), alive: true, slowSinceMs: undefined }
    this.#clients.add(client)
    this.#metrics.wsClients.set(this.#clients.size)
    socket.on('pong', () => { client.alive = true })
    socket.on('message', (data: RawData, isBinary: boolean) => { this.#onMessage(client, data, isBinary) })
    socket.on('close', () => { this.#forget(client) })
    if (initialSymbols.length > 0) this.#subscribe(client, initialSymbols)
  }

  /** Sends one trade and one quote frame per symbol to that symbol's subscribers. */
  broadcast (states: ReadonlyArray<Readonly<SymbolState>>, nowMs: number): void {
    let trades = 0
    let quotes = 0
    let dropped = 0
    for (const state of states) {
      const subscribers = this.#bySymbol.get(state.symbol)
      if (subscribers === undefined || subscribers.size === 0) continue
      const symbolJson = this.#symbolJson.get(state.symbol) ?? JSON.stringify(state.symbol)
      const trade = tradeFrame(symbolJson, state, nowMs)
      const quote = quoteFrame(symbolJson, state, nowMs)
      for (const client of subscribers) {
        if (!this.#hasRoom(client, nowMs)) {
          dropped += 2
          continue
        }
        client.socket.send(trade)
        client.socket.send(quote)
        trades++
        quotes++
      }
    }
    if (trades > 0) this.#metrics.ticksSent.inc({ type: 'trade' }, trades)
    if (quotes > 0) this.#metrics.ticksSent.inc({ type: 'quote' }, quotes)
    if (dropped > 0) this.#metrics.ticksDropped.inc(dropped)
  }

  /** Closes every client with 1001 and resolves once all are gone (forcibly after a grace period). */
  async closeAll (): Promise<void> {
    if (this.#heartbeat !== undefined) clearInterval(this.#heartbeat)
    this.#heartbeat = undefined
    const closing = [...this.#clients].map(async (client) => { await this.#close(client, CLOSE.GOING_AWAY, 'server shutting down') })
    await Promise.all(closing)
  }

  #onMessage (client: StreamClient, data: RawData, isBinary: boolean): void {
    client.alive = true
    const parsed = parseClientMessage(data, isBinary)
    if (!parsed.ok) {
      this.#sendControl(client, errorFrame(parsed.error))
      return
    }
    const { message } = parsed
    if (message.action === 'ping') this.#sendControl(client, pongFrame(Date.now()))
    else if (message.action === 'subscribe') this.#subscribe(client, message.symbols)
    else this.#unsubscribe(client, message.symbols)
  }

  #subscribe (client: StreamClient, requested: readonly string[]): void {
    const { known, unknown } = this.#resolve(requested)
    const added: string[] = []
    for (const symbol of known) {
      if (client.subscriptions.has(symbol)) continue
      client.subscriptions.add(symbol)
      this.#bySymbol.get(symbol)?.add(client)
      added.push(symbol)
    }
    this.#sendControl(client, subscribedFrame([...client.subscriptions].sort()))
    if (unknown.length > 0) this.#sendControl(client, errorFrame(`unknown symbols: ${unknown.join(', ')} (not in the simulator's universe)`))
    // A snapshot right away: the client need not wait for the next tick (or any, when paused).
    const at = this.#market.lastStepAtMs
    for (const symbol of added) {
      const state = this.#market.stateOf(symbol)
      const symbolJson = this.#symbolJson.get(symbol)
      if (state !== undefined && symbolJson !== undefined) this.#sendControl(client, quoteFrame(symbolJson, state, at))
    }
  }

  #unsubscribe (client: StreamClient, requested: readonly string[]): void {
    for (const symbol of this.#resolve(requested).known) {
      client.subscriptions.delete(symbol)
      this.#bySymbol.get(symbol)?.delete(client)
    }
    this.#sendControl(client, subscribedFrame([...client.subscriptions].sort()))
  }

  /** Upper-cases, expands "*" to the whole universe, and splits off symbols the market does not list. */
  #resolve (requested: readonly string[]): { known: string[], unknown: string[] } {
    const wanted = new Set<string>()
    for (const raw of requested) {
      const symbol = raw.trim().toUpperCase()
      if (symbol === '*') for (const s of this.#market.symbols) wanted.add(s)
      else if (symbol !== '') wanted.add(symbol)
    }
    const known: string[] = []
    const unknown: string[] = []
    for (const symbol of wanted) (this.#market.has(symbol) ? known : unknown).push(symbol)
    return { known, unknown }
  }

  /**
   * Whether a tick may be queued for `client`. Over the buffer bound the tick is
   * dropped (a market feed is only as good as its latest price); a client that
   * stays over it for slowConsumerTimeoutMs is closed with 1013.
   */
  #hasRoom (client: StreamClient, nowMs: number): boolean {
    if (client.socket.readyState !== WebSocket.OPEN) return false
    if (client.socket.bufferedAmount <= this.#settings.maxBufferedBytes) {
      client.slowSinceMs = undefined
      return true
    }
    client.slowSinceMs ??= nowMs
    if (nowMs - client.slowSinceMs >= this.#settings.slowConsumerTimeoutMs) {
      this.#metrics.slowConsumerCloses.inc()
      this.#logger.warn({ bufferedBytes: client.socket.bufferedAmount }, 'closing a stream client that does not keep up')
      void this.#close(client, CLOSE.TRY_AGAIN_LATER, 'consumer too slow')
    }
    return false
  }

  /**
   * Acks, errors and snapshots. They obey the same buffer bound as ticks: a
   * client that floods bad messages without reading the answers must not grow
   * the server's memory either.
   */
  #sendControl (client: StreamClient, frame: string): void {
    if (this.#hasRoom(client, Date.now())) client.socket.send(frame)
  }

  #beat (): void {
    for (const client of this.#clients) {
      if (!client.alive) {
        this.#logger.debug('terminating a stream client that missed a heartbeat')
        client.socket.terminate()
        continue
      }
      client.alive = false
      if (client.socket.readyState === WebSocket.OPEN) client.socket.ping()
    }
  }

  async #close (client: StreamClient, code: number, reason: string): Promise<void> {
    const { socket } = client
    if (socket.readyState === WebSocket.CLOSED) return
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => { socket.terminate() }, CLOSE_GRACE_MS)
      socket.once('close', () => {
        clearTimeout(timer)
        resolve()
      })
      if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) socket.close(code, reason)
    })
  }

  #forget (client: StreamClient): void {
    if (!this.#clients.delete(client)) return
    for (const symbol of client.subscriptions) this.#bySymbol.get(symbol)?.delete(client)
    client.subscriptions.clear()
    this.#metrics.wsClients.set(this.#clients.size)
  }
}
