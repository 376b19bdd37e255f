/**
 * A VU's connections: one undici Client (one keep-alive socket) per origin,
 * as k6 gives each VU its own connections. So the system under test sees as
 * many connections as there are VUs, each VU pays its own connect and TLS
 * handshake, and a VU's requests never queue behind another VU's.
 *
 * The connector is wrapped to time the dial and the TLS handshake; with one
 * socket per Client, the request being dispatched is the one that waited.
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

/** The connection to one origin, and when it was last dialled. */
export class OriginConnection {
  readonly client: Client
  /** performance.now() at the start of the last dial, at TCP connected, and at ready (after TLS). */
  dialStartMs = -1
  tcpConnectedMs = -1
  readyMs = -1
  /** The current socket: its byte counters give data_sent/data_received. */
  socket: Socket | undefined

  constructor (origin: string, options: ConnectionOptions) {
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
}

export class VuConnections {
  readonly #byOrigin = new Map<string, OriginConnection>()
  readonly #options: ConnectionOptions

  constructor (options: ConnectionOptions = DEFAULT_CONNECTION_OPTIONS) {
    this.#options = options
  }

  get (origin: string): OriginConnection {
    let connection = this.#byOrigin.get(origin)
    if (connection === undefined) {
      connection = new OriginConnection(origin, this.#options)
      this.#byOrigin.set(origin, connection)
    }
    return connection
  }

  get size (): number {
    return this.#byOrigin.size
  }

  /** Closes every connection once its requests are done (end of test, noVUConnectionReuse). */
  async close (): Promise<void> {
    const clients = [...this.#byOrigin.values()].map((c) => c.client)
    this.#byOrigin.clear()
    await Promise.allSettled(clients.map((client) => client.close()))
  }

  /** Fails the requests in flight and drops the connections (an interrupted iteration). */
  destroy (reason: Error): void {
    const clients = [...this.#byOrigin.values()].map((c) => c.client)
    this.#byOrigin.clear()
    for (const client of clients) void client.destroy(reason).catch(() => { /* already destroyed */ })
  }
}
