/**
 * One HTTP request/response on a VU's connection, driven by undici's dispatch
 * handler callbacks (no streams, no per-chunk promises) and timed in k6's
 * phases:
 *
 *   dispatch ──blocked──▶ dial ──connecting──▶ (TLS ──tls_handshaking──▶) write
 *   write ──sending──▶ request sent ──waiting──▶ first response byte ──receiving──▶ end
 *   duration = sending + waiting + receiving
 *
 * An exchange never rejects: a failure is recorded in `error` (status 0).
 */
import { performance } from 'node:perf_hooks'
import type { Socket } from 'node:net'
import type { Dispatcher } from 'undici'
import type { OriginConnection } from './connections.js'
import { hostOf, requestWireSize } from './wire-size.js'

export type BodyMode = 'text' | 'binary' | 'none'

export interface ExchangeRequest {
  method: string
  path: string
  /** Flat [name, value, name, value, ...] (what undici takes without copying). */
  headers: string[]
  body: string | Uint8Array | null
  timeoutMs: number
  bodyMode: BodyMode
  /** Close the connection after this request (noConnectionReuse). */
  reset: boolean
}

export interface Timings {
  blocked: number
  connecting: number
  tls_handshaking: number
  sending: number
  waiting: number
  receiving: number
  duration: number
}

const NO_CHUNKS: readonly Buffer[] = []
const NEVER_DIALLED = { dialStartMs: -1, tcpConnectedMs: -1, readyMs: -1 }

export class Exchange implements Dispatcher.DispatchHandler {
  readonly request: ExchangeRequest
  readonly #connection: OriginConnection | undefined
  readonly done: Promise<Exchange>
  #resolve!: (exchange: Exchange) => void

  readonly startMs: number
  #writeStartMs = -1
  #sentMs = -1
  #firstByteMs = -1
  endMs = -1

  status = 0
  statusText = ''
  rawHeaders: Buffer[] | undefined
  chunks: Buffer[] = NO_CHUNKS as Buffer[]
  bodyBytes = 0
  error: Error | undefined
  #socket: Socket | undefined
  #socketReadAtStart = 0
  bytesSent = 0
  bytesReceived = 0

  /** `connection` is undefined for a request that failed before it could be sent (a bad URL). */
  constructor (connection: OriginConnection | undefined, request: ExchangeRequest) {
    this.request = request
    this.#connection = connection
    this.startMs = performance.now()
    this.done = new Promise((resolve) => { this.#resolve = resolve })
  }

  /** Sends the request; `done` resolves when the response ended or the request failed. */
  dispatch (): Promise<Exchange> {
    const { method, path, headers, body, timeoutMs, reset } = this.request
    if (this.#connection === undefined) throw new Error('Exchange.dispatch() needs a connection')
    this.#connection.client.dispatch({
      method, path, headers, body, reset, headersTimeout: timeoutMs, bodyTimeout: timeoutMs
    } as Dispatcher.DispatchOptions, this)
    return this.done
  }

  // undici handler callbacks (the plain handler interface: no wrapping on the hot path).

  onConnect (): void {
    this.#writeStartMs = performance.now()
    const socket = this.#connection?.socket
    this.#socket = socket
    if (socket !== undefined) this.#socketReadAtStart = socket.bytesRead
  }

  onRequestSent (): void {
    this.#sentMs = performance.now()
  }

  onResponseStarted (): void {
    this.#firstByteMs = performance.now()
  }

  onHeaders (statusCode: number, rawHeaders: Buffer[], _resume: () => void, statusText: string): boolean {
    if (statusCode < 200) return true // 1xx informational: the real response follows
    this.status = statusCode
    this.statusText = statusText
    this.rawHeaders = rawHeaders
    if (this.#firstByteMs < 0) this.#firstByteMs = performance.now()
    return true
  }

  onData (chunk: Buffer): boolean {
    this.bodyBytes += chunk.length
    if (this.request.bodyMode !== 'none') {
      if (this.chunks === NO_CHUNKS) this.chunks = [chunk]
      else this.chunks.push(chunk)
    }
    return true
  }

  onComplete (): void {
    this.#finish(undefined)
  }

  onError (err: Error): void {
    this.#finish(err)
  }

  /** Ends the exchange with `err` without sending anything. */
  fail (err: Error): Exchange {
    this.#finish(err)
    return this
  }

  #finish (err: Error | undefined): void {
    if (this.endMs >= 0) return
    this.endMs = performance.now()
    if (err !== undefined) {
      this.error = err
      this.status = 0
    }
    const socket = this.#socket
    if (socket !== undefined) {
      const { method, path, headers, body, reset } = this.request
      const bodyBytes = body === null ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength
      this.bytesSent = requestWireSize(method, hostOf((this.#connection as OriginConnection).origin), path, headers, bodyBytes, reset)
      this.bytesReceived = socket.bytesRead - this.#socketReadAtStart
    }
    this.#resolve(this)
  }

  /** k6's timings (ms). Phases that did not happen (a failed dial) are 0. */
  timings (): Timings {
    const c = this.#connection ?? NEVER_DIALLED
    const dialled = c.dialStartMs >= this.startMs
    const blocked = dialled ? c.dialStartMs - this.startMs : (this.#writeStartMs >= 0 ? this.#writeStartMs - this.startMs : this.endMs - this.startMs)
    const connecting = dialled ? Math.max(0, (c.tcpConnectedMs >= 0 ? c.tcpConnectedMs : this.endMs) - c.dialStartMs) : 0
    const tls = dialled && c.readyMs >= c.tcpConnectedMs && c.tcpConnectedMs >= 0 ? c.readyMs - c.tcpConnectedMs : 0
    if (this.#writeStartMs < 0) {
      return { blocked: Math.max(0, blocked), connecting, tls_handshaking: tls, sending: 0, waiting: 0, receiving: 0, duration: 0 }
    }
    const sent = this.#sentMs >= 0 ? this.#sentMs : this.endMs
    const firstByte = this.#firstByteMs >= 0 ? this.#firstByteMs : this.endMs
    const sending = Math.max(0, sent - this.#writeStartMs)
    const waiting = Math.max(0, firstByte - sent)
    const receiving = Math.max(0, this.endMs - firstByte)
    return { blocked: Math.max(0, blocked), connecting, tls_handshaking: tls, sending, waiting, receiving, duration: sending + waiting + receiving }
  }

  /** The response body as one buffer (empty when discarded). */
  bodyBuffer (): Buffer {
    if (this.chunks.length === 0) return Buffer.alloc(0)
    if (this.chunks.length === 1) return this.chunks[0] as Buffer
    return Buffer.concat(this.chunks, this.bodyBytes)
  }
}
