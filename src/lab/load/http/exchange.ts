/**
 * One HTTP request/response on a pooled connection, timed in k6's phases:
 *
 *   start ──blocked──▶ dial ──connecting──▶ (TLS ──tls_handshaking──▶) write
 *   write ──sending──▶ request sent ──waiting──▶ first response byte ──receiving──▶ end
 *   duration = sending + waiting + receiving
 *
 * An exchange never throws: a failure is recorded in `error` (status 0) and
 * `onEnd` is called exactly once either way. A request that fails on a reused
 * keep-alive connection before any response byte (the server closed it while
 * idle) is sent once more on a fresh connection when it is idempotent, as Go's
 * transport (and so k6) does.
 */
import { performance } from 'node:perf_hooks'
import type { ConnectionListener, OriginConnection, OriginTarget } from './connection.js'
import type { ConnectionPool } from './connections.js'
import { requestHead } from './request-head.js'
import { RequestTimeoutError } from './transport-errors.js'

export type BodyMode = 'text' | 'binary' | 'none'

export interface ExchangeRequest {
  method: string
  /** Path and query, starting with "/". */
  path: string
  /** Flat [name, value, name, value, ...]; may be shared between requests: never modified. */
  headers: readonly string[]
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
const NO_HEADERS: readonly string[] = []
// Go's Request.isReplayable (k6 runs on Go's transport).
const REPLAYABLE = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE'])

export class Exchange implements ConnectionListener {
  readonly request: ExchangeRequest
  readonly #pool: ConnectionPool | undefined
  readonly #target: OriginTarget | undefined
  readonly #onEnd: (exchange: Exchange) => void
  #connection: OriginConnection | undefined
  #retried = false
  #aborted = false

  readonly startMs: number
  readonly deadlineMs: number
  #dialStartMs = -1
  #tcpConnectedMs = -1
  #readyMs = -1
  #writeStartMs = -1
  #sentMs = -1
  #firstByteMs = -1
  endMs = -1

  status = 0
  statusText = ''
  /** Response headers, flat [name, value, ...] as received. */
  headers: string[] = NO_HEADERS as string[]
  chunks: Buffer[] = NO_CHUNKS as Buffer[]
  bodyBytes = 0
  error: Error | undefined
  bytesSent = 0
  bytesReceived = 0

  /** `pool` and `target` are undefined for a request that failed before it could be sent (a bad URL). */
  constructor (pool: ConnectionPool | undefined, target: OriginTarget | undefined, request: ExchangeRequest, onEnd: (exchange: Exchange) => void) {
    this.request = request
    this.#pool = pool
    this.#target = target
    this.#onEnd = onEnd
    this.startMs = performance.now()
    this.deadlineMs = this.startMs + request.timeoutMs
  }

  /** Sends the request; `onEnd` follows when the response ended or the request failed. */
  start (): this {
    if (this.#pool === undefined || this.#target === undefined) throw new Error('Exchange.start() needs a pool and a target')
    let head: string
    try {
      head = requestHead(this.request, this.#target)
    } catch (err) {
      return this.fail(err as Error)
    }
    this.#send(head)
    return this
  }

  /** Ends the exchange with `err` without sending anything. */
  fail (err: Error): this {
    this.#finish(err)
    return this
  }

  /** Fails the request in flight (an interrupted iteration); its connection is closed. */
  interrupt (reason: Error): void {
    this.#aborted = true
    if (this.#connection !== undefined) this.#connection.destroy(reason)
    else this.#finish(reason)
  }

  #send (head: string): void {
    const { body, method, reset } = this.request
    const connection = (this.#pool as ConnectionPool).acquire(this.#target as OriginTarget)
    this.#connection = connection
    this.bytesSent = head.length + (body === null ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength)
    connection.send(this, head, body, method === 'HEAD', reset)
  }

  // ConnectionListener: called by the connection carrying the request.

  onWrite (connection: OriginConnection): void {
    this.#writeStartMs = performance.now()
    if (connection.dialStartMs >= this.startMs) {
      this.#dialStartMs = connection.dialStartMs
      this.#tcpConnectedMs = connection.tcpConnectedMs
      this.#readyMs = connection.readyMs
    }
  }

  onSent (): void {
    this.#sentMs = performance.now()
  }

  onFirstByte (): void {
    this.#firstByteMs = performance.now()
  }

  onHeaders (status: number, statusText: string, headers: string[]): void {
    this.status = status
    this.statusText = statusText
    this.headers = headers
  }

  onData (chunk: Buffer, volatile: boolean): void {
    this.bodyBytes += chunk.length
    if (this.request.bodyMode !== 'none') {
      const kept = volatile ? Buffer.from(chunk) : chunk
      if (this.chunks === NO_CHUNKS) this.chunks = [kept]
      else this.chunks.push(kept)
    }
  }

  onBytesReceived (bytes: number): void {
    this.bytesReceived += bytes
  }

  onComplete (): void {
    this.#finish(undefined)
  }

  onError (err: Error, beforeResponse: boolean): void {
    const connection = this.#connection
    if (beforeResponse && !this.#aborted && !this.#retried && connection !== undefined && connection.completed > 0 &&
      REPLAYABLE.has(this.request.method) && !(err instanceof RequestTimeoutError)) {
      // A stale keep-alive connection: once more, on a fresh one.
      this.#retried = true
      this.#release()
      this.#writeStartMs = this.#sentMs = this.#firstByteMs = -1
      this.bytesReceived = 0
      try {
        this.#send(requestHead(this.request, this.#target as OriginTarget))
      } catch (retryErr) {
        this.#finish(retryErr as Error)
      }
      return
    }
    this.#finish(err)
  }

  #release (): void {
    const connection = this.#connection
    if (connection === undefined) return
    this.#connection = undefined
    this.#pool?.release(connection)
  }

  #finish (err: Error | undefined): void {
    if (this.endMs >= 0) return
    this.endMs = performance.now()
    if (err !== undefined) {
      this.error = err
      this.status = 0
      if (this.#writeStartMs < 0) this.bytesSent = 0
    }
    this.#release()
    this.#onEnd(this)
  }

  /** k6's timings (ms). Phases that did not happen (a failed dial) are 0. */
  timings (): Timings {
    const dialled = this.#dialStartMs >= 0
    const writeStart = this.#writeStartMs
    const blocked = dialled ? this.#dialStartMs - this.startMs : (writeStart >= 0 ? writeStart - this.startMs : this.endMs - this.startMs)
    const tcpConnected = this.#tcpConnectedMs
    const connecting = dialled ? Math.max(0, (tcpConnected >= 0 ? tcpConnected : this.endMs) - this.#dialStartMs) : 0
    const tls = dialled && this.#readyMs >= tcpConnected && tcpConnected >= 0 && this.#target?.secure === true ? this.#readyMs - tcpConnected : 0
    if (writeStart < 0) {
      return { blocked: Math.max(0, blocked), connecting, tls_handshaking: tls, sending: 0, waiting: 0, receiving: 0, duration: 0 }
    }
    const sent = this.#sentMs >= 0 ? this.#sentMs : this.endMs
    const firstByte = this.#firstByteMs >= 0 ? this.#firstByteMs : this.endMs
    const sending = Math.max(0, sent - writeStart)
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
