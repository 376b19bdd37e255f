/**
 * ONE StreamMarketData subscription (every symbol) for the whole gateway, kept
 * alive across engine restarts: when the stream fails or ends it is re-opened
 * after an exponential backoff with jitter (reset once ticks flow again).
 * The WebSocket hub fans its ticks out to clients by symbol.
 */
import type { ClientReadableStream, ServiceError } from '@grpc/grpc-js'
import type { MarketData__Output } from '../../common/contract/index.js'
import type { Logger } from '../../common/logger.js'
import type { GatewayMetrics } from '../metrics.js'
import { statusName } from './status-mapping.js'
import type { EngineClient } from './client.js'

export interface MarketStreamSettings {
  initialBackoffMs: number
  maxBackoffMs: number
  logger: Logger
  metrics: GatewayMetrics
}

export interface MarketStreamListener {
  onTick: (tick: MarketData__Output) => void
  /** `true` once the engine answers on a (re)opened stream, `false` when it drops. */
  onConnectedChange?: (connected: boolean) => void
}

/** Equal jitter: half fixed, half random, so many gateways do not reconnect in lockstep. */
export function backoffDelayMs (attempt: number, initialMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30))
  return Math.round(ceiling / 2 + random() * ceiling / 2)
}

export class EngineMarketStream {
  readonly #client: EngineClient
  readonly #settings: MarketStreamSettings
  readonly #listener: MarketStreamListener
  #call: ClientReadableStream<MarketData__Output> | undefined
  #retryTimer: NodeJS.Timeout | undefined
  #attempt = 0
  #connected = false
  #stopped = true

  constructor (client: EngineClient, settings: MarketStreamSettings, listener: MarketStreamListener) {
    this.#client = client
    this.#settings = settings
    this.#listener = listener
  }

  get connected (): boolean {
    return this.#connected
  }

  start (): void {
    if (!this.#stopped) return
    this.#stopped = false
    this.#open()
  }

  stop (): void {
    this.#stopped = true
    clearTimeout(this.#retryTimer)
    this.#retryTimer = undefined
    this.#call?.cancel()
    this.#call = undefined
    this.#setConnected(false)
  }

  #open (): void {
    const call = this.#client.streamMarketData([])
    this.#call = call
    call.on('metadata', () => { this.#markFlowing() })
    call.on('data', (tick: MarketData__Output) => {
      this.#markFlowing()
      this.#settings.metrics.engineStreamTicks.inc()
      this.#listener.onTick(tick)
    })
    // 'error' must be handled or the stream would throw; 'status' follows it and also ends clean streams.
    call.on('error', (err: ServiceError) => {
      if (this.#stopped) return
      // While the engine stays down every retry fails: warn once, then only at debug level.
      const level = this.#attempt === 0 ? 'warn' : 'debug'
      this.#settings.logger[level]({ code: statusName(err.code), detail: err.details, attempt: this.#attempt }, 'engine market-data stream failed')
    })
    call.on('status', () => {
      if (this.#call !== call) return
      this.#call = undefined
      this.#setConnected(false)
      this.#scheduleReopen()
    })
  }

  #markFlowing (): void {
    if (this.#connected) return
    this.#attempt = 0
    this.#setConnected(true)
  }

  #scheduleReopen (): void {
    if (this.#stopped) return
    const delay = backoffDelayMs(this.#attempt++, this.#settings.initialBackoffMs, this.#settings.maxBackoffMs)
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined
      if (this.#stopped) return
      this.#settings.metrics.engineStreamReconnects.inc()
      this.#open()
    }, delay)
    this.#retryTimer.unref()
  }

  #setConnected (connected: boolean): void {
    if (this.#connected === connected) return
    this.#connected = connected
    this.#settings.metrics.engineStreamConnected.set(connected ? 1 : 0)
    this.#settings.logger.info({ connected }, connected ? 'engine market-data stream up' : 'engine market-data stream down')
    this.#listener.onConnectedChange?.(connected)
  }
}

/**
 * Opens the engine stream only while some WebSocket client follows a symbol:
 * ticks nobody receives would cost the engine (serialization, its subscriber
 * slot) and the gateway (decoding). After the last subscription ends the stream
 * lingers `idleMs`, so clients coming and going do not make it flap.
 */
export class StreamDemand {
  readonly #stream: EngineMarketStream
  readonly #idleMs: number
  #idleTimer: NodeJS.Timeout | undefined
  #closed = false

  constructor (stream: EngineMarketStream, idleMs: number) {
    this.#stream = stream
    this.#idleMs = idleMs
  }

  set (wanted: boolean): void {
    if (this.#closed) return
    clearTimeout(this.#idleTimer)
    this.#idleTimer = undefined
    if (wanted) {
      this.#stream.start()
      return
    }
    this.#idleTimer = setTimeout(() => { this.#stream.stop() }, this.#idleMs)
    this.#idleTimer.unref()
  }

  close (): void {
    this.#closed = true
    clearTimeout(this.#idleTimer)
    this.#stream.stop()
  }
}
