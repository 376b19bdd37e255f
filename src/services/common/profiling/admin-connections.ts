/**
 * The admin listener's bound on sockets, that idle sockets cannot exhaust.
 *
 * It serves a handful of operators, never traffic, so it holds at most
 * `max` sockets. Node's `server.maxConnections` refuses every new connection
 * once that many are open — whatever they do: 32 loopback connections that
 * never sent a byte (or sat idle after a 401) locked the operator out until
 * Node's header timeout reclaimed them, and then again (issue 11). Here a new
 * connection over the bound closes the oldest connection that is not serving a
 * request instead; only when every one is busy with a request (a running
 * profile) is the newcomer closed. A socket counts as busy from the moment its
 * request's headers are complete until the response closes: unauthenticated
 * requests are answered 401 at once, so only an operator's work holds a slot.
 */
import type { Server } from 'node:http'
import type { Socket } from 'node:net'

/** Requests in progress per socket (Node serves one at a time; pipelined ones queue behind it). */
const busy = new WeakMap<Socket, number>()

export function boundAdminConnections (server: Server, max: number): void {
  // Oldest first: a Set iterates in insertion order.
  const open = new Set<Socket>()
  server.on('connection', (socket: Socket) => {
    socket.once('close', () => { open.delete(socket) })
    if (open.size >= max) {
      const idle = oldestIdle(open)
      if (idle === undefined) { socket.destroy(); return }
      open.delete(idle)
      idle.destroy()
    }
    open.add(socket)
  })
  server.on('request', (request, response) => {
    const socket = request.socket
    busy.set(socket, (busy.get(socket) ?? 0) + 1)
    response.once('close', () => { busy.set(socket, (busy.get(socket) ?? 1) - 1) })
  })
}

function oldestIdle (open: ReadonlySet<Socket>): Socket | undefined {
  for (const socket of open) if ((busy.get(socket) ?? 0) === 0) return socket
  return undefined
}
