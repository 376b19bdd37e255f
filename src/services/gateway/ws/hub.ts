/**
 * Fan-out of engine ticks to WebSocket clients by symbol.
 *
 * Each tick is serialized ONCE into a Buffer and the same bytes go to every
 * subscriber. Each socket's send backlog is bounded: a socket whose
 * `bufferedAmount` would exceed `maxBufferedBytes` is a slow consumer; it gets
 * no more frames and is closed with 1013 (the closing handshake is cut after the
 * server's closeTimeout), so a client that never reads costs at most
 * `maxBufferedBytes` plus one frame.
 */
import WebSocket from 'ws'
import type { MarketData__Output } from '../../common/contract/index.js'
import type { GatewayMetrics, WsFrameType } from '../metrics.js'
import { WsTooManySymbolsError } from '../errors.js'

/** Close codes the gateway uses (RFC 6455 §7.4.1). */
export const CLOSE_CODES = {
  /** Server shutting down. */
  GOING_AWAY: 1001,
  /** A client frame larger than wsMaxMessageBytes (sent by ws itself). */
  MESSAGE_TOO_BIG: 1009,
  /** Slow consumer, or the connection limit is reached: try again later. */
  TRY_AGAIN_LATER: 1013,
  /** No pong to the last heartbeat ping. The socket is terminated, so the client sees 1006. */
  ABNORMAL: 1006
} as const

export const WILDCARD = '*'

/** One connected client. */
export class ClientSession {
  readonly ws: WebSocket
  readonly symbols = new Set<string>()
  /** Answered the last heartbeat ping. */
  alive = true
  /** Evicted as a slow consumer: gets no more frames. */
  evicted = false

  constructor (ws: WebSocket) {
    this.ws = ws
  }
}

export interface HubSettings {
  maxBufferedBytes: number
  maxSymbolsPerSocket: number
  metrics: GatewayMetrics
  /** Called when the first subscription appears (true) and when the last one goes (false). */
  onDemandChange?: (wanted: boolean) => void
}

export interface SubscriptionChange {
  /** Symbols this call changed (added or removed). */
  symbols: string[]
  /** Every symbol the socket is subscribed to afterwards. */
  subscriptions: string[]
}

export function tickFrame (tick: MarketData__Output): Buffer {
  // `{"type":"tick",` + the message's own fields: one stringify, no intermediate object.
  return Buffer.from(`{"type":"tick",${JSON.stringify(tick).slice(1)}`)
}

export class MarketDataHub {
  readonly #settings: HubSettings
  readonly #sessions = new Set<ClientSession>()
  readonly #bySymbol = new Map<string, Set<ClientSession>>()
  #heartbeat: NodeJS.Timeout | undefined

  constructor (settings: HubSettings) {
    this.#settings = settings
  }

  get size (): number {
    return this.#sessions.size
  }

  /** Whether any socket follows any symbol. */
  get wanted (): boolean {
    return this.#bySymbol.size > 0
  }

  sessions (): IterableIterator<ClientSession> {
    return this.#sessions.values()
  }

  add (session: ClientSession): void {
    this.#sessions.add(session)
    this.#settings.metrics.wsConnections.set(this.#sessions.size)
  }

  remove (session: ClientSession): void {
    if (!this.#sessions.delete(session)) return
    for (const symbol of session.symbols) this.#unindex(session, symbol)
    session.symbols.clear()
    this.#settings.metrics.wsConnections.set(this.#sessions.size)
  }

  subscribe (session: ClientSession, symbols: readonly string[]): SubscriptionChange {
    const fresh = [...new Set(symbols)].filter((s) => !session.symbols.has(s))
    if (session.symbols.size + fresh.length > this.#settings.maxSymbolsPerSocket) {
      throw new WsTooManySymbolsError(this.#settings.maxSymbolsPerSocket)
    }
    for (const symbol of fresh) {
      session.symbols.add(symbol)
      let set = this.#bySymbol.get(symbol)
      if (set === undefined) {
        this.#bySymbol.set(symbol, set = new Set())
        if (this.#bySymbol.size === 1) this.#settings.onDemandChange?.(true)
      }
      set.add(session)
    }
    return { symbols: fresh, subscriptions: [...session.symbols] }
  }

  unsubscribe (session: ClientSession, symbols: readonly string[]): SubscriptionChange {
    const removed = [...new Set(symbols)].filter((s) => session.symbols.delete(s))
    for (const symbol of removed) this.#unindex(session, symbol)
    return { symbols: removed, subscriptions: [...session.symbols] }
  }

  /** Sends one tick to the subscribers of its symbol and of `*`. */
  publish (tick: MarketData__Output): void {
    const bySymbol = this.#bySymbol.get(tick.symbol)
    const wildcard = this.#bySymbol.get(WILDCARD)
    if (bySymbol === undefined && wildcard === undefined) return
    const frame = tickFrame(tick)
    let sent = 0
    if (bySymbol !== undefined) for (const session of bySymbol) sent += this.send(session, frame) ? 1 : 0
    if (wildcard !== undefined) {
      for (const session of wildcard) {
        // Subscribed both to the symbol and to `*`: one copy is enough.
        if (bySymbol?.has(session) !== true) sent += this.send(session, frame) ? 1 : 0
      }
    }
    if (sent > 0) this.#settings.metrics.wsMessagesSent.inc({ type: 'tick' }, sent)
  }

  /**
   * Tells every socket that follows a symbol that the engine's tick stream went
   * down (no ticks until it is back) or came back: without it a subscriber could
   * not tell "no trades" from "no data" while the engine is away.
   */
  announceStream (up: boolean): void {
    const frame = Buffer.from(JSON.stringify({ type: 'status', engine_stream: up ? 'up' : 'down', timestamp: Date.now() }))
    let sent = 0
    for (const session of this.#sessions) if (session.symbols.size > 0 && this.send(session, frame)) sent++
    if (sent > 0) this.#settings.metrics.wsMessagesSent.inc({ type: 'status' }, sent)
  }

  /** Sends a control frame to one socket, under the same backlog bound; `kind` labels the metric. */
  reply (session: ClientSession, kind: WsFrameType, frame: { type: string } & Record<string, unknown>): void {
    if (this.send(session, Buffer.from(JSON.stringify(frame)))) this.#settings.metrics.wsMessagesSent.inc({ type: kind })
  }

  /** false when the frame was not sent (socket closing, or just evicted as a slow consumer). */
  send (session: ClientSession, frame: Buffer): boolean {
    const ws = session.ws
    if (session.evicted || ws.readyState !== WebSocket.OPEN) return false
    if (ws.bufferedAmount + frame.length > this.#settings.maxBufferedBytes) {
      this.#evictSlowConsumer(session)
      return false
    }
    ws.send(frame, { binary: false })
    return true
  }

  /** Pings every socket; one that did not answer the previous ping is terminated. */
  startHeartbeat (intervalMs: number): void {
    this.stopHeartbeat()
    this.#heartbeat = setInterval(() => { this.#beat() }, intervalMs)
    this.#heartbeat.unref()
  }

  stopHeartbeat (): void {
    clearInterval(this.#heartbeat)
    this.#heartbeat = undefined
  }

  /** Closes every socket (e.g. 1001 on shutdown); the handshake is bounded by the server's closeTimeout. */
  closeAll (code: number, reason: string): void {
    for (const session of this.#sessions) session.ws.close(code, reason)
  }

  #beat (): void {
    for (const session of this.#sessions) {
      if (!session.alive) {
        session.ws.terminate()
        continue
      }
      session.alive = false
      if (session.ws.readyState === WebSocket.OPEN) session.ws.ping()
    }
  }

  #evictSlowConsumer (session: ClientSession): void {
    session.evicted = true
    this.#settings.metrics.wsSlowConsumerDisconnects.inc()
    this.remove(session)
    session.ws.close(CLOSE_CODES.TRY_AGAIN_LATER, `slow consumer: send backlog above ${this.#settings.maxBufferedBytes} bytes`)
  }

  #unindex (session: ClientSession, symbol: string): void {
    const set = this.#bySymbol.get(symbol)
    if (set === undefined) return
    set.delete(session)
    if (set.size > 0) return
    this.#bySymbol.delete(symbol)
    if (this.#bySymbol.size === 0) this.#settings.onDemandChange?.(false)
  }
}
