/**
 * The live tick source: a WebSocket client of the provider stream that feeds
 * the buffers continuously. It reconnects on its own with capped exponential
 * backoff (equal jitter) until disconnect(), detects dead connections with
 * ping/pong, and counts every error instead of throwing it at nobody.
 *
 * Trades become ticks; quotes only refresh the latest bid/ask per symbol,
 * which annotate the next trades (a quote is not a price a client can chart).
 */
import WebSocket from 'ws'
import type { Logger } from '../../common/logger.js'
import type { TickStreamSettings } from '../config.js'
import { UpstreamTimeoutError, UpstreamUnavailableError } from '../errors.js'
import type { CircuitState } from '../http-client/circuit-breaker.js'
import type { SourceType, Tick } from '../model.js'
import type { ConnectResult, DataSource } from './data-source.js'
import { parseFrame, type QuoteFrame } from './tick-messages.js'

export type TickStreamError = 'socket' | 'malformed' | 'provider_error' | 'heartbeat'

export interface TickStreamObserver {
  tick: (tick: Tick) => void
  error: (kind: TickStreamError) => void
  reconnect: () => void
}

type Phase = 'idle' | 'connecting' | 'open' | 'backoff'

/** Largest frame accepted from the provider; a tick is ~100 bytes. */
const MAX_FRAME_BYTES = 1024 * 1024
/** Latest quotes kept per symbol at most (memory bound, whatever the provider streams). */
const MAX_QUOTED_SYMBOLS = 10_000

export const TICK_STREAM_SOURCE_ID = 'tick_stream'

export class TickStreamSource implements DataSource {
  readonly id = TICK_STREAM_SOURCE_ID
  readonly type: SourceType = 'market_data'
  readonly enabled: boolean
  readonly baseUrl: string
  readonly #settings: TickStreamSettings
  readonly #observer: TickStreamObserver
  readonly #logger: Logger
  readonly #quotes = new Map<string, QuoteFrame>()
  #phase: Phase = 'idle'
  #socket: WebSocket | undefined
  #failedAttempts = 0
  #reconnectTimer: NodeJS.Timeout | undefined
  #heartbeatTimer: NodeJS.Timeout | undefined
  #alive = false
  #waiters: Array<{ resolve: () => void, reject: (err: Error) => void }> = []

  constructor (url: string, settings: TickStreamSettings, enabled: boolean, observer: TickStreamObserver, logger: Logger) {
    this.baseUrl = url
    this.#settings = settings
    this.enabled = enabled
    this.#observer = observer
    this.#logger = logger
  }

  get connected (): boolean { return this.#phase === 'open' }

  /** closed while streaming; open while backing off after a failure; half_open while (re)connecting. */
  get circuitState (): CircuitState {
    if (this.#phase === 'backoff') return 'open'
    if (this.#phase === 'connecting') return 'half_open'
    return 'closed'
  }

  async connect (): Promise<ConnectResult> {
    if (this.#phase === 'open') return { changed: false, message: `${this.id} already connected` }
    if (this.#phase === 'idle') this.#open()
    else if (this.#phase === 'backoff') this.#reconnectNow()
    await this.#waitOpen()
    return { changed: true, message: `${this.id} connected to ${this.baseUrl}` }
  }

  async disconnect (): Promise<void> {
    const wasActive = this.#phase !== 'idle'
    this.#phase = 'idle'
    clearTimeout(this.#reconnectTimer)
    clearInterval(this.#heartbeatTimer)
    this.#rejectWaiters(new UpstreamUnavailableError(this.id, 'disconnected'))
    const socket = this.#socket
    this.#socket = undefined
    if (socket === undefined || !wasActive) return
    await new Promise<void>((resolve) => {
      if (socket.readyState === WebSocket.CLOSED) { resolve(); return }
      socket.once('close', () => resolve())
      // A provider that never completes the closing handshake must not hold us up.
      const force = setTimeout(() => socket.terminate(), 1_000)
      force.unref()
      socket.once('close', () => clearTimeout(force))
      if (socket.readyState === WebSocket.CONNECTING) socket.terminate()
      else socket.close(1001, 'engine shutting down')
    })
  }

  #open (): void {
    this.#phase = 'connecting'
    const socket = new WebSocket(this.baseUrl, {
      maxPayload: MAX_FRAME_BYTES,
      handshakeTimeout: this.#settings.connectTimeoutMs,
      perMessageDeflate: false
    })
    this.#socket = socket
    socket.on('open', () => this.#onOpen(socket))
    socket.on('message', (data: WebSocket.RawData, isBinary: boolean) => { if (!isBinary) this.#onMessage(data) })
    socket.on('pong', () => { this.#alive = true })
    socket.on('error', (err: Error) => {
      this.#observer.error('socket')
      this.#logger.debug({ err, url: this.baseUrl }, 'tick stream socket error')
    })
    socket.on('close', (code: number) => this.#onClose(socket, code))
  }

  #onOpen (socket: WebSocket): void {
    if (socket !== this.#socket) return
    this.#phase = 'open'
    this.#failedAttempts = 0
    this.#alive = true
    socket.send(JSON.stringify({ action: 'subscribe', symbols: this.#settings.symbols }))
    this.#heartbeatTimer = setInterval(() => this.#heartbeat(socket), this.#settings.heartbeatMs)
    this.#heartbeatTimer.unref()
    this.#logger.info({ url: this.baseUrl, symbols: this.#settings.symbols.length }, 'tick stream connected')
    for (const waiter of this.#waiters.splice(0)) waiter.resolve()
  }

  #onMessage (data: WebSocket.RawData): void {
    const frame = parseFrame(data.toString())
    if (frame === undefined) { this.#observer.error('malformed'); return }
    if (frame.type === 'trade') this.#observer.tick(this.#toTick(frame.symbol, frame.price, frame.size, frame.timestamp))
    else if (frame.type === 'quote') this.#rememberQuote(frame)
    else if (frame.type === 'error') {
      this.#observer.error('provider_error')
      this.#logger.warn({ message: frame.message }, 'tick stream provider error')
    }
  }

  #toTick (symbol: string, price: number, size: number, timestamp: number): Tick {
    const quote = this.#quotes.get(symbol)
    const additional: Record<string, number> = { size }
    if (quote !== undefined) {
      additional.bid = quote.bid
      additional.ask = quote.ask
      additional.bid_size = quote.bidSize
      additional.ask_size = quote.askSize
    }
    return { symbol, price, volume: size, timestamp, source: TICK_STREAM_SOURCE_ID, additional_data: additional }
  }

  #rememberQuote (frame: QuoteFrame): void {
    if (this.#quotes.size >= MAX_QUOTED_SYMBOLS && !this.#quotes.has(frame.symbol)) return
    this.#quotes.set(frame.symbol, frame)
  }

  #heartbeat (socket: WebSocket): void {
    if (!this.#alive) {
      this.#observer.error('heartbeat')
      this.#logger.warn({ url: this.baseUrl }, 'tick stream missed a pong: reconnecting')
      socket.terminate()
      return
    }
    this.#alive = false
    socket.ping()
  }

  #onClose (socket: WebSocket, code: number): void {
    if (socket !== this.#socket) return
    clearInterval(this.#heartbeatTimer)
    this.#socket = undefined
    if (this.#phase === 'idle') return
    const wasOpen = this.#phase === 'open'
    this.#failedAttempts++
    const delayMs = this.#backoffMs()
    this.#phase = 'backoff'
    this.#rejectWaiters(new UpstreamUnavailableError(this.id, `stream closed (code ${code})`))
    this.#logger[wasOpen ? 'warn' : 'debug']({ code, delayMs, attempt: this.#failedAttempts }, 'tick stream closed: reconnecting')
    this.#reconnectTimer = setTimeout(() => this.#reconnectNow(), delayMs)
    this.#reconnectTimer.unref()
  }

  #reconnectNow (): void {
    clearTimeout(this.#reconnectTimer)
    if (this.#phase !== 'backoff') return
    this.#observer.reconnect()
    this.#open()
  }

  /** min(max, base·2^(n-1)) scaled by 0.5..1: never zero, never in lock-step with other engines. */
  #backoffMs (): number {
    const { baseDelayMs, maxDelayMs } = this.#settings.reconnect
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(this.#failedAttempts - 1, 30))
    return Math.round(ceiling * (0.5 + Math.random() * 0.5))
  }

  async #waitOpen (): Promise<void> {
    const timeoutMs = this.#settings.connectTimeoutMs
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter)
        reject(new UpstreamTimeoutError(this.id, timeoutMs))
      }, timeoutMs)
      const waiter = {
        resolve: () => { clearTimeout(timer); resolve() },
        reject: (err: Error) => { clearTimeout(timer); reject(err) }
      }
      this.#waiters.push(waiter)
    })
  }

  #rejectWaiters (err: Error): void {
    for (const waiter of this.#waiters.splice(0)) waiter.reject(err)
  }
}
