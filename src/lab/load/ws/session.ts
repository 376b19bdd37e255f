/**
 * k6/ws sessions: ws.connect(url, params, handler) opens a WebSocket, calls
 * `handler(socket)` once connected, and resolves with the handshake response
 * when the session ends (k6 blocks instead). Records k6's ws_* metrics.
 *
 * Unlike k6, a failed connection does not throw (unless options.throw): the
 * response has status 0 (network failure) or the HTTP status of the refused
 * upgrade, with `error` and `error_code` set, as http.* responses do.
 */
import { WebSocket, type RawData } from 'ws'
import type { IncomingMessage } from 'node:http'
import type { TimerHandle } from '../clock.js'
import { HttpRequestFailedError } from '../errors.js'
import { k6ErrorCode, K6_ERROR } from '../http/error-codes.js'
import type { Tags } from '../metrics/index.js'
import type { Interruptible, Vu } from '../vu/vu.js'
import { tagsWith } from '../tags.js'

export interface WsParams {
  headers?: Record<string, string>
  tags?: Record<string, string>
  /** Time allowed for the opening handshake, ms or "10s" (default: the HTTP timeout). */
  timeout?: number
}

export interface WsResponse {
  url: string
  /** 101 when upgraded; the refusal's status, or 0 on a network failure. */
  status: number
  headers: Record<string, string>
  body: string
  error: string
  error_code: number
}

type EventName = 'open' | 'message' | 'binaryMessage' | 'ping' | 'pong' | 'close' | 'error'
type Listener = (...args: unknown[]) => void

/** The `socket` a ws.connect handler receives (k6's Socket). */
export class WsSocket {
  readonly #session: WsSession
  constructor (session: WsSession) { this.#session = session }

  on (event: EventName, listener: Listener): void { this.#session.listen(event, listener) }
  send (data: string): void { this.#session.send(data) }
  sendBinary (data: ArrayBuffer | Uint8Array): void { this.#session.send(data instanceof Uint8Array ? data : new Uint8Array(data)) }
  ping (): void { this.#session.ping() }
  close (code?: number): void { this.#session.close(code) }
  /** Not scaled by --time-scale: these usually wait on the server's own pace. */
  setTimeout (callback: () => void, ms: number): void { this.#session.timer(callback, ms, false) }
  setInterval (callback: () => void, ms: number): void { this.#session.timer(callback, ms, true) }
}

export type WsHandler = (socket: WsSocket) => void

export function wsConnect (vu: Vu, url: string, params: WsParams | undefined, handler: WsHandler): Promise<WsResponse> {
  vu.assertRunning()
  return new WsSession(vu, url, params ?? {}, handler).done
}

class WsSession implements Interruptible {
  readonly done: Promise<WsResponse>
  readonly #vu: Vu
  readonly #url: string
  readonly #handler: WsHandler
  readonly #params: WsParams
  readonly #listeners = new Map<EventName, Listener[]>()
  readonly #timers = new Set<TimerHandle>()
  readonly #socket: WebSocket
  readonly #startMs: number
  #openedMs = -1
  #pingSentMs: number[] = []
  #tags: Tags
  #response: WsResponse
  #resolve!: (response: WsResponse) => void
  #reject!: (err: unknown) => void
  #ended = false

  constructor (vu: Vu, url: string, params: WsParams, handler: WsHandler) {
    this.#vu = vu
    this.#url = url
    this.#params = params
    this.#handler = handler
    this.#startMs = vu.resources.clock.now()
    this.#response = { url, status: 0, headers: {}, body: '', error: '', error_code: 0 }
    this.#tags = this.#makeTags()
    this.done = new Promise((resolve, reject) => { this.#resolve = resolve; this.#reject = reject })
    vu.track(this)
    this.#socket = new WebSocket(url, {
      headers: { 'user-agent': vu.resources.http.userAgent, ...params.headers },
      handshakeTimeout: params.timeout ?? vu.resources.http.timeoutMs,
      perMessageDeflate: false
    })
    this.#socket.on('upgrade', (res) => this.#onUpgrade(res))
    this.#socket.on('unexpected-response', (_req, res) => this.#onRefused(res))
    this.#socket.on('open', () => this.#onOpen())
    this.#socket.on('message', (data, isBinary) => this.#onMessage(data, isBinary))
    this.#socket.on('ping', () => this.#guard(() => this.#emit('ping')))
    this.#socket.on('pong', () => this.#onPong())
    this.#socket.on('error', (err) => this.#onError(err))
    this.#socket.on('close', (code) => this.#onClose(code))
  }

  listen (event: EventName, listener: Listener): void {
    const list = this.#listeners.get(event)
    if (list === undefined) this.#listeners.set(event, [listener])
    else list.push(listener)
  }

  send (data: string | Uint8Array): void {
    if (this.#socket.readyState !== WebSocket.OPEN) return
    this.#socket.send(data)
    const emitter = this.#vu.resources.emitter
    emitter.add(emitter.builtin.ws_msgs_sent, 1, this.#tags)
  }

  ping (): void {
    if (this.#socket.readyState !== WebSocket.OPEN) return
    this.#pingSentMs.push(this.#vu.resources.clock.now())
    this.#socket.ping()
  }

  close (code?: number): void {
    if (this.#socket.readyState === WebSocket.OPEN || this.#socket.readyState === WebSocket.CONNECTING) this.#socket.close(code ?? 1000)
  }

  timer (callback: () => void, ms: number, repeat: boolean): void {
    const clock = this.#vu.resources.clock
    const fire = (): void => {
      this.#timers.delete(handle)
      if (this.#ended) return
      if (repeat) { handle = clock.setTimeout(fire, ms); this.#timers.add(handle) }
      this.#guard(callback)
    }
    let handle = clock.setTimeout(fire, ms)
    this.#timers.add(handle)
  }

  interrupt (reason: Error): void {
    this.#socket.terminate()
    this.#end(reason)
  }

  #onUpgrade (res: IncomingMessage): void {
    this.#response.status = res.statusCode ?? 101
    this.#response.headers = headersOf(res)
    this.#tags = this.#makeTags()
  }

  #onOpen (): void {
    const clock = this.#vu.resources.clock
    this.#openedMs = clock.now()
    const emitter = this.#vu.resources.emitter
    emitter.add(emitter.builtin.ws_sessions, 1, this.#tags)
    emitter.add(emitter.builtin.ws_connecting, this.#openedMs - this.#startMs, this.#tags)
    this.#guard(() => {
      this.#handler(new WsSocket(this))
      this.#emit('open')
    })
  }

  #onRefused (res: IncomingMessage): void {
    this.#response.status = res.statusCode ?? 0
    this.#response.headers = headersOf(res)
    this.#response.error = `websocket: bad handshake (HTTP ${this.#response.status})`
    this.#response.error_code = 1000 + this.#response.status
    const chunks: Buffer[] = []
    res.on('data', (chunk: Buffer) => chunks.push(chunk))
    res.on('end', () => {
      this.#response.body = Buffer.concat(chunks).toString('utf8')
      this.#socket.terminate()
      this.#end(undefined)
    })
    res.on('error', () => { this.#socket.terminate(); this.#end(undefined) })
  }

  #onMessage (data: RawData, isBinary: boolean): void {
    const emitter = this.#vu.resources.emitter
    emitter.add(emitter.builtin.ws_msgs_received, 1, this.#tags)
    const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)
    if (isBinary) this.#guard(() => this.#emit('binaryMessage', buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength)))
    else this.#guard(() => this.#emit('message', buffer.toString('utf8')))
  }

  #onPong (): void {
    const sent = this.#pingSentMs.shift()
    if (sent !== undefined) {
      const emitter = this.#vu.resources.emitter
      emitter.add(emitter.builtin.ws_ping, this.#vu.resources.clock.now() - sent, this.#tags)
    }
    this.#guard(() => this.#emit('pong'))
  }

  #onError (err: Error): void {
    if (this.#openedMs < 0) {
      // The connection never opened: the response carries the failure.
      if (this.#response.error === '') {
        this.#response.error = err.message
        this.#response.error_code = /handshake has timed out/i.test(err.message) ? K6_ERROR.REQUEST_TIMEOUT : k6ErrorCode(err)
      }
      return
    }
    this.#guard(() => this.#emit('error', { error: () => err.message }))
  }

  #onClose (code: number): void {
    if (this.#openedMs >= 0) {
      const emitter = this.#vu.resources.emitter
      emitter.add(emitter.builtin.ws_session_duration, this.#vu.resources.clock.now() - this.#openedMs, this.#tags)
      this.#guard(() => this.#emit('close', code))
    }
    this.#end(undefined)
  }

  #emit (event: EventName, ...args: unknown[]): void {
    const list = this.#listeners.get(event)
    if (list === undefined) return
    for (const listener of list) listener(...args)
  }

  /** Runs script code; an exception ends the session and fails ws.connect with it. */
  #guard (fn: () => void): void {
    if (this.#ended) return
    try {
      fn()
    } catch (err) {
      this.#socket.terminate()
      this.#end(err)
    }
  }

  #end (err: unknown): void {
    if (this.#ended) return
    this.#ended = true
    const clock = this.#vu.resources.clock
    for (const timer of this.#timers) clock.clearTimeout(timer)
    this.#timers.clear()
    this.#vu.untrack(this)
    if (err !== undefined) { this.#reject(err); return }
    if (this.#openedMs < 0 && this.#response.status === 0 && this.#vu.resources.http.throwOnError) {
      this.#reject(new HttpRequestFailedError('GET', this.#url, this.#response.error))
      return
    }
    this.#resolve(this.#response)
  }

  #makeTags (): Tags {
    return tagsWith({ url: this.#url, status: String(this.#response.status), subproto: '' }, this.#vu.tags, this.#params.tags)
  }
}

function headersOf (res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {}
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) out[res.rawHeaders[i] as string] = res.rawHeaders[i + 1] as string
  return out
}
