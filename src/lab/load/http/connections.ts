/**
 * Where a VU's requests get their connection. Two models:
 *
 *  - pooled (default): the VUs of a thread share one pool per origin. A
 *    request takes an idle connection (the most recently used, LIFO) or opens
 *    one, and has it alone until its response ends: no VU ever waits for
 *    another VU's connection (the pool has as many connections as there are
 *    requests in flight), and memory follows concurrency, not the VU count.
 *  - per-vu (k6's model): each VU has its own connection per origin, so the
 *    system under test sees one keep-alive connection per VU and each VU pays
 *    its own connect and TLS handshake. Costs a socket per VU.
 *
 * Either way one connection carries one request at a time (pipelining 1),
 * and its connector is wrapped to time the dial and the TLS handshake: the
 * request being dispatched is the one that waited for them.
 */
import { performance } from 'node:perf_hooks'
import type { Socket } from 'node:net'
import { Client, buildConnector } from 'undici'

export interface ConnectionOptions {
  /** Skip TLS certificate verification (k6's insecureSkipTLSVerify). */
  insecureSkipTLSVerify: boolean
  /** Dial timeout (TCP + TLS), ms. */
  connectTimeoutMs: number
  /** Idle keep-alive before the client closes a connection, ms (the server's Keep-Alive hint wins when lower). */
  keepAliveTimeoutMs: number
}

export const DEFAULT_CONNECTION_OPTIONS: ConnectionOptions = {
  insecureSkipTLSVerify: false,
  connectTimeoutMs: 10_000,
  keepAliveTimeoutMs: 60_000
}

/** One connection (an undici Client with one socket) to an origin, and when it was last dialled. */
export class OriginConnection {
  readonly origin: string
  readonly client: Client
  /** performance.now() at the start of the last dial, at TCP connected, and at ready (after TLS). */
  dialStartMs = -1
  tcpConnectedMs = -1
  readyMs = -1
  /** The current socket: its byte counters give data_sent/data_received. */
  socket: Socket | undefined

  constructor (origin: string, options: ConnectionOptions) {
    this.origin = origin
    const dial = buildConnector({
      timeout: options.connectTimeoutMs,
      rejectUnauthorized: !options.insecureSkipTLSVerify
    })
    const timedDial: buildConnector.connector = (connectOptions, callback) => {
      this.dialStartMs = performance.now()
      this.tcpConnectedMs = -1
      // Typed as void, but undici's connector returns the socket it creates.
      const socket = dial(connectOptions, (err, connected) => {
        this.readyMs = performance.now()
        if (this.tcpConnectedMs < 0) this.tcpConnectedMs = this.readyMs
        this.socket = err === null ? (connected as Socket) : undefined
        if (err === null) callback(null, connected as Socket)
        else callback(err, null)
      }) as unknown as Socket | undefined
      // For TLS, 'connect' (TCP) comes before 'secureConnect': the gap is the handshake.
      if (connectOptions.protocol === 'https:') socket?.once('connect', () => { this.tcpConnectedMs = performance.now() })
    }
    this.client = new Client(origin, {
      connect: timedDial,
      pipelining: 1,
      keepAliveTimeout: options.keepAliveTimeoutMs,
      keepAliveMaxTimeout: Math.max(options.keepAliveTimeoutMs, 600_000)
    })
  }

  /** Not closed nor destroyed: a new request may use it (it redials if the socket closed). */
  get usable (): boolean {
    return !this.client.closed && !this.client.destroyed
  }

  /** Fails its request in flight (an interrupted iteration). */
  destroy (reason: Error): void {
    // destroy() rejects only when already destroyed, which is the goal anyway.
    this.client.destroy(reason).catch(() => {})
  }

  async close (): Promise<void> {
    if (!this.usable) return
    await this.client.close()
  }
}

export type ConnectionModel = 'pooled' | 'per-vu'

export interface ConnectionSource {
  /** A connection to `origin` for one request. */
  acquire: (origin: string) => OriginConnection
  /** Gives it back once the response ended (or failed). */
  release: (connection: OriginConnection) => void
  /** Closes every connection once its requests are done. */
  close: () => Promise<void>
}

/** k6's model: one connection per origin for this VU alone. */
export class OwnConnections implements ConnectionSource {
  readonly #byOrigin = new Map<string, OriginConnection>()
  readonly #options: ConnectionOptions

  constructor (options: ConnectionOptions = DEFAULT_CONNECTION_OPTIONS) {
    this.#options = options
  }

  acquire (origin: string): OriginConnection {
    let connection = this.#byOrigin.get(origin)
    if (connection === undefined || !connection.usable) {
      connection = new OriginConnection(origin, this.#options)
      this.#byOrigin.set(origin, connection)
    }
    return connection
  }

  release (): void {}

  async close (): Promise<void> {
    const connections = [...this.#byOrigin.values()]
    this.#byOrigin.clear()
    await Promise.all(connections.map(async (c) => { await c.close() }))
  }
}

/** The thread's shared pool: per origin, a LIFO stack of idle connections. */
export class PooledConnections implements ConnectionSource {
  readonly #idle = new Map<string, OriginConnection[]>()
  readonly #all = new Set<OriginConnection>()
  readonly #options: ConnectionOptions

  constructor (options: ConnectionOptions = DEFAULT_CONNECTION_OPTIONS) {
    this.#options = options
  }

  /** Connections open or idle (not destroyed). */
  get size (): number {
    return this.#all.size
  }

  acquire (origin: string): OriginConnection {
    const stack = this.#idle.get(origin)
    while (stack !== undefined && stack.length > 0) {
      const connection = stack.pop() as OriginConnection
      if (connection.usable) return connection
      this.#all.delete(connection)
    }
    const created = new OriginConnection(origin, this.#options)
    this.#all.add(created)
    return created
  }

  release (connection: OriginConnection): void {
    if (!connection.usable) { this.#all.delete(connection); return }
    const stack = this.#idle.get(connection.origin)
    if (stack === undefined) this.#idle.set(connection.origin, [connection])
    else stack.push(connection)
  }

  async close (): Promise<void> {
    const connections = [...this.#all]
    this.#all.clear()
    this.#idle.clear()
    await Promise.all(connections.map(async (c) => { await c.close() }))
  }
}
