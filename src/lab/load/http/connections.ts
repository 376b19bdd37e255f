/**
 * Where a request gets its connection: a pool per origin, each connection
 * carrying one request at a time. Two models use it:
 *
 *  - pooled (default): the VUs of a thread share one pool. A request takes an
 *    idle connection (the most recently used, LIFO) or opens one, and has it
 *    alone until its response ends: no VU ever waits for another VU's
 *    connection (the pool has as many connections as there are requests in
 *    flight), and memory follows concurrency, not the VU count.
 *  - per-vu (k6's model): each VU has a pool of its own, so the system under
 *    test sees a keep-alive connection per VU (more when the VU sends
 *    requests concurrently) and each VU pays its own connect and TLS handshake.
 */
import { performance } from 'node:perf_hooks'
import { OriginConnection, type ConnectionOptions, type OriginTarget } from './connection.js'

export { DEFAULT_CONNECTION_OPTIONS, OriginConnection, type ConnectionOptions, type OriginTarget } from './connection.js'

export type ConnectionModel = 'pooled' | 'per-vu'

export class ConnectionPool {
  readonly #idle = new Map<string, OriginConnection[]>()
  readonly #all = new Set<OriginConnection>()
  readonly #options: ConnectionOptions

  constructor (options: ConnectionOptions) {
    this.#options = options
  }

  /** Connections open or idle (not closed). */
  get size (): number {
    return this.#all.size
  }

  /** A connection to `target` for one request; give it back with release(). */
  acquire (target: OriginTarget): OriginConnection {
    const stack = this.#idle.get(target.origin)
    if (stack !== undefined && stack.length > 0) {
      const now = performance.now()
      while (stack.length > 0) {
        const connection = stack.pop() as OriginConnection
        if (connection.usable && !connection.expired(now)) return connection
        connection.close()
        this.#all.delete(connection)
      }
    }
    const created = new OriginConnection(target, this.#options)
    this.#all.add(created)
    return created
  }

  /** Takes a connection back once its response ended (or failed). */
  release (connection: OriginConnection): void {
    if (!connection.usable) { this.#all.delete(connection); return }
    const origin = connection.target.origin
    const stack = this.#idle.get(origin)
    if (stack === undefined) this.#idle.set(origin, [connection])
    else stack.push(connection)
  }

  /** Closes every connection (a request in flight ends first). */
  async close (): Promise<void> {
    const connections = [...this.#all]
    this.#all.clear()
    this.#idle.clear()
    for (const connection of connections) connection.close()
  }
}
