/**
 * One HTTP/1.1 keep-alive connection to an origin, on a raw socket: the load
 * runner's transport. It writes a request and parses the response with our
 * byte-scanning parser (response-parser.ts), and reports each phase to the request
 * in flight (an Exchange) through plain method calls: no streams, no
 * per-chunk promises, no request object graph. A general-purpose client
 * (undici) spends about as much CPU per request again as this whole path,
 * which a load generator pays on every request (see docs/load.md).
 *
 * One request at a time (no pipelining). A request's deadline covers the
 * whole exchange, dial included, as k6's `timeout` does.
 */
import { connect as netConnect, isIP, type Socket } from 'node:net'
import { connect as tlsConnect } from 'node:tls'
import { performance } from 'node:perf_hooks'
import { ResponseParser, type ResponseHandler } from './response-parser.js'
import { ConnectTimeoutError, RequestTimeoutError, SocketClosedError } from './transport-errors.js'

export interface ConnectionOptions {
  /** Skip TLS certificate verification (k6's insecureSkipTLSVerify). */
  insecureSkipTLSVerify: boolean
  /** Dial timeout (TCP + TLS), ms. */
  connectTimeoutMs: number
  /** Idle time after which a kept-alive connection is not reused, ms (the server's Keep-Alive hint wins when lower). */
  keepAliveTimeoutMs: number
}

export const DEFAULT_CONNECTION_OPTIONS: ConnectionOptions = {
  insecureSkipTLSVerify: false,
  connectTimeoutMs: 10_000,
  keepAliveTimeoutMs: 60_000
}

/** What a connection tells the request it carries. */
export interface ConnectionListener {
  /** performance.now() by which the response must have ended (k6's timeout counts from the call). */
  readonly deadlineMs: number
  /** The socket is ready (dialled, or reused) and the request is being written. */
  onWrite: (connection: OriginConnection) => void
  onSent: () => void
  onFirstByte: () => void
  /** Final response head (1xx are skipped); `headers` is flat [name, value, ...]. */
  onHeaders: (status: number, statusText: string, headers: string[]) => void
  /** A piece of the body; `volatile` when it views a buffer the next read reuses (copy it to keep it). */
  onData: (chunk: Buffer, volatile: boolean) => void
  onBytesReceived: (bytes: number) => void
  onComplete: () => void
  onError: (err: Error, beforeResponse: boolean) => void
}

/** Where a connection goes (see split-url.ts). */
export interface OriginTarget {
  /** "http://host:port" as written in the URL (the pool's key). */
  readonly origin: string
  readonly secure: boolean
  /** To dial: a name or an IP address (IPv6 without brackets). */
  readonly hostname: string
  readonly port: number
  /** The Host header: "host[:port]" as in the URL. */
  readonly hostHeader: string
}

const enum State { Fresh, Connecting, Idle, Busy, Closed }

const SHARED_READ_BUFFER = Buffer.allocUnsafe(64 * 1024)

/** The socket's link to its connection, for the listeners shared by all connections. */
const OWNER = Symbol('mib.connection')
interface OwnedSocket extends Socket { [OWNER]: OriginConnection }

/** The idle-close grace: a server's "Keep-Alive: timeout=5" means stop reusing a little before 5 s. */
const KEEP_ALIVE_HINT_MARGIN_MS = 1000

export class OriginConnection implements ResponseHandler {
  readonly target: OriginTarget
  readonly #options: ConnectionOptions
  #state = State.Fresh
  #socket: Socket | undefined
  readonly #parser: ResponseParser
  #listener: ConnectionListener | undefined
  #pendingHead = ''
  #pendingBody: string | Uint8Array | null = null
  #skipBody = false
  #closeAfter = false
  #gotResponseBytes = false
  #finalStatus = 0
  #timer: NodeJS.Timeout | undefined
  #timerDueMs = 0
  #timerArmed = false
  #deadlineMs = 0
  #connectTimer: NodeJS.Timeout | undefined
  #idleSinceMs = 0
  #keepAliveMs: number
  /** Responses completed on this connection: a failure on a reused one may be a stale keep-alive. */
  completed = 0
  /** performance.now() at the start of the last dial, at TCP connected, and at ready (after TLS). */
  dialStartMs = -1
  tcpConnectedMs = -1
  readyMs = -1

  constructor (target: OriginTarget, options: ConnectionOptions) {
    this.target = target
    this.#options = options
    this.#keepAliveMs = options.keepAliveTimeoutMs
    this.#parser = new ResponseParser(this)
  }

  /** Not closed: it can carry a request (a fresh one dials first). */
  get usable (): boolean {
    return this.#state === State.Fresh || this.#state === State.Idle
  }

  /** Idle longer than the keep-alive allows: the server may be closing it. */
  expired (nowMs: number): boolean {
    return this.#state === State.Idle && nowMs - this.#idleSinceMs >= this.#keepAliveMs
  }

  /**
   * Sends one request: `head` is the request line and headers, CRLF-terminated
   * with the blank line. `closeAfter` sends the last request of the connection.
   */
  send (listener: ConnectionListener, head: string, body: string | Uint8Array | null, skipBody: boolean, closeAfter: boolean): void {
    if (this.#state !== State.Fresh && this.#state !== State.Idle) {
      listener.onError(new SocketClosedError('the connection is busy or closed'), true)
      return
    }
    this.#listener = listener
    this.#pendingHead = head
    this.#pendingBody = body
    this.#skipBody = skipBody
    this.#closeAfter = closeAfter
    this.#gotResponseBytes = false
    this.#finalStatus = 0
    this.#armDeadline(listener.deadlineMs)
    if (this.#state === State.Fresh) { this.#dial(); return }
    this.#state = State.Busy
    this.#write()
  }

  /** Fails the request in flight (if any) and closes the socket. */
  destroy (reason: Error): void {
    this.#fail(reason)
    this.#close()
  }

  /** Closes the socket once no request is in flight (now, when idle). */
  close (): void {
    if (this.#state === State.Busy || this.#state === State.Connecting) this.#closeAfter = true
    else this.#close()
  }

  #dial (): void {
    this.#state = State.Connecting
    this.dialStartMs = performance.now()
    this.tcpConnectedMs = -1
    this.readyMs = -1
    const { secure, hostname, port } = this.target
    const socket = secure
      ? tlsConnect({
        host: hostname,
        port,
        servername: isIP(hostname) === 0 ? hostname : undefined,
        rejectUnauthorized: !this.#options.insecureSkipTLSVerify,
        ALPNProtocols: ['http/1.1']
      })
      // Plain TCP reads land in the thread's one read buffer (no allocation per read, no stream
      // machinery): the parser consumes each read at once, and bodies to keep are copied.
      : netConnect({ host: hostname, port, onread: { buffer: SHARED_READ_BUFFER, callback: OriginConnection.#onRead } })
    this.#socket = socket
    ;(socket as OwnedSocket)[OWNER] = this
    socket.setNoDelay(true)
    this.#connectTimer = setTimeout(OriginConnection.#onConnectTimeout, this.#options.connectTimeoutMs, this)
    // Listeners shared by every connection (the socket leads to its connection): thousands of
    // pooled connections would otherwise hold a closure and a context per event each.
    socket.once('connect', OriginConnection.#onConnect)
    if (secure) socket.once('secureConnect', OriginConnection.#onSecureConnect)
    if (secure) socket.on('data', OriginConnection.#onTlsData)
    socket.on('end', OriginConnection.#onEnd)
    socket.on('error', OriginConnection.#onError)
    socket.on('close', OriginConnection.#onClose)
  }

  static #onRead (this: Socket, nread: number): boolean {
    (this as OwnedSocket)[OWNER].#onSocketData(SHARED_READ_BUFFER, nread)
    return true
  }

  static #onTlsData (this: Socket, chunk: Buffer): void {
    (this as OwnedSocket)[OWNER].#onSocketData(chunk, chunk.length)
  }

  static #onConnect (this: Socket): void {
    const connection = (this as OwnedSocket)[OWNER]
    connection.tcpConnectedMs = performance.now()
    if (!connection.target.secure) connection.#onReady()
  }

  static #onSecureConnect (this: Socket): void {
    (this as OwnedSocket)[OWNER].#onReady()
  }

  static #onEnd (this: Socket): void {
    (this as OwnedSocket)[OWNER].#onSocketEnd()
  }

  static #onError (this: Socket, err: Error): void {
    const connection = (this as OwnedSocket)[OWNER]
    connection.#fail(err)
    connection.#close()
  }

  static #onClose (this: Socket): void {
    const connection = (this as OwnedSocket)[OWNER]
    if (connection.#listener !== undefined) connection.#fail(new SocketClosedError('other side closed'))
    connection.#state = State.Closed
  }

  static #onConnectTimeout (connection: OriginConnection): void {
    connection.destroy(new ConnectTimeoutError(`connect to ${connection.target.origin} timed out after ${connection.#options.connectTimeoutMs} ms`))
  }

  static #onDeadline (connection: OriginConnection): void {
    connection.#onTimer()
  }

  #onReady (): void {
    clearTimeout(this.#connectTimer)
    this.#connectTimer = undefined
    this.readyMs = performance.now()
    if (this.#state !== State.Connecting) return
    this.#state = State.Busy
    this.#write()
  }

  #write (): void {
    const socket = this.#socket as Socket
    const listener = this.#listener as ConnectionListener
    listener.onWrite(this)
    const body = this.#pendingBody
    let flushed: boolean
    if (body === null) {
      flushed = socket.write(this.#pendingHead, 'latin1')
    } else {
      socket.cork()
      socket.write(this.#pendingHead, 'latin1')
      flushed = typeof body === 'string' ? socket.write(body, 'utf8') : socket.write(body)
      socket.uncork()
    }
    this.#pendingHead = ''
    this.#pendingBody = null
    if (flushed) listener.onSent()
    else socket.once('drain', () => { if (this.#listener === listener) listener.onSent() })
  }

  #onSocketData (chunk: Buffer, length: number): void {
    const listener = this.#listener
    if (listener === undefined) {
      // Bytes nobody asked for (a server speaking out of turn): the connection cannot be trusted.
      this.#close()
      return
    }
    if (!this.#gotResponseBytes) { this.#gotResponseBytes = true; listener.onFirstByte() }
    listener.onBytesReceived(length)
    const err = this.#parser.execute(chunk, 0, length)
    if (err !== undefined) this.destroy(err)
  }

  #onSocketEnd (): void {
    // A body delimited by the end of the connection ends here.
    if (this.#listener !== undefined) {
      const err = this.#parser.finish()
      if (err !== undefined) this.#fail(err)
    }
    if (this.#listener !== undefined) this.#fail(new SocketClosedError('other side closed'))
    this.#close()
  }

  // ResponseHandler: called by the parser.

  onHeadersComplete (status: number, statusText: string, headers: string[], keepAlive: boolean, upgrade: boolean): boolean {
    if (status < 200 && status !== 101) return true // informational: the real response follows
    this.#finalStatus = status
    if (!keepAlive || upgrade) this.#closeAfter = true
    else this.#readKeepAliveHint(headers)
    this.#listener?.onHeaders(status, statusText, headers)
    return this.#skipBody
  }

  onBody (chunk: Buffer, offset: number, length: number): void {
    this.#listener?.onData(offset === 0 && length === chunk.length ? chunk : chunk.subarray(offset, offset + length), !this.target.secure)
  }

  onMessageComplete (): void {
    if (this.#finalStatus === 0) return // the end of a 1xx
    const listener = this.#listener
    this.#listener = undefined
    this.#timerArmed = false
    this.completed++
    if (this.#closeAfter) this.#close()
    else {
      this.#state = State.Idle
      this.#idleSinceMs = performance.now()
    }
    listener?.onComplete()
  }

  #readKeepAliveHint (headers: string[]): void {
    for (let i = 0; i + 1 < headers.length; i += 2) {
      const name = headers[i] as string
      if (name.length !== 10 || name.toLowerCase() !== 'keep-alive') continue
      const hintMs = keepAliveHintMs(headers[i + 1] as string)
      if (hintMs !== undefined) this.#keepAliveMs = Math.min(this.#options.keepAliveTimeoutMs, Math.max(0, hintMs - KEEP_ALIVE_HINT_MARGIN_MS))
    }
  }

  /**
   * The request's deadline. One timer per connection, not per request: it
   * fires at the earliest possible deadline and, if the request then in flight
   * is not due yet, sleeps again until it is (requests are mostly far shorter
   * than their timeout, so the timer rarely fires at all).
   */
  #armDeadline (deadlineMs: number): void {
    this.#deadlineMs = deadlineMs
    this.#timerArmed = true
    if (this.#timer === undefined || this.#timerDueMs > deadlineMs) this.#schedule(deadlineMs)
  }

  #schedule (dueMs: number): void {
    clearTimeout(this.#timer)
    this.#timerDueMs = dueMs
    this.#timer = setTimeout(OriginConnection.#onDeadline, Math.max(0, dueMs - performance.now()), this)
    this.#timer.unref()
  }

  #onTimer (): void {
    this.#timer = undefined
    if (!this.#timerArmed) return
    // Timers may fire a little early: within a millisecond is due.
    if (performance.now() >= this.#deadlineMs - 1) this.destroy(new RequestTimeoutError('request timeout'))
    else this.#schedule(this.#deadlineMs)
  }

  #fail (err: Error): void {
    const listener = this.#listener
    if (listener === undefined) return
    this.#listener = undefined
    this.#timerArmed = false
    listener.onError(err, !this.#gotResponseBytes)
  }

  #close (): void {
    if (this.#state === State.Closed) return
    this.#state = State.Closed
    clearTimeout(this.#timer)
    clearTimeout(this.#connectTimer)
    this.#socket?.destroy()
  }
}

// A server sends the same Keep-Alive value on every response: parse it once.
let lastHint = ''
let lastHintMs: number | undefined
function keepAliveHintMs (value: string): number | undefined {
  if (value !== lastHint) {
    const match = /timeout\s*=\s*(\d+)/i.exec(value)
    lastHint = value
    lastHintMs = match === null ? undefined : Number(match[1]) * 1000
  }
  return lastHintMs
}
