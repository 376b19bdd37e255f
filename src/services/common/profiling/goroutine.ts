/**
 * Node's answer to Go's goroutine profile: what keeps the event loop alive.
 * Built without async_hooks (which would slow every async operation): the
 * public process.getActiveResourcesInfo() for counts by type, plus the
 * handles and requests libuv holds (process._getActiveHandles/_getActiveRequests,
 * undocumented but stable since Node 0.x) for socket addresses and servers.
 * Unref'd handles (they do not keep the process alive) are not listed by libuv.
 */
import { Socket, Server } from 'node:net'
import { ChildProcess } from 'node:child_process'

export interface SocketInfo {
  kind: 'tcp' | 'pipe'
  localAddress?: string
  localPort?: number
  remoteAddress?: string
  remotePort?: number
  readyState: string
  bytesRead: number
  bytesWritten: number
}

export interface ServerInfo { address: string }

export interface ActiveResources {
  pid: number
  total: number
  /** Active libuv resources by type (TCPSocketWrap, Timeout, FSReqCallback, …), most frequent first. */
  byType: Record<string, number>
  /** Pending timers: setTimeout/setInterval (`Timeout`) and setImmediate (`Immediate`). */
  timers: { timeouts: number, immediates: number }
  sockets: SocketInfo[]
  servers: ServerInfo[]
  childProcesses: Array<{ pid?: number, spawnfile: string }>
  /** Handles of other kinds (TTY, pipes to stdio, signal watchers…) by constructor name. */
  otherHandles: Record<string, number>
  /** In-flight libuv requests (DNS, fs, connect…) by constructor name. */
  requests: Record<string, number>
}

interface ProcessInternals {
  _getActiveHandles?: () => unknown[]
  _getActiveRequests?: () => unknown[]
}

export function inspectActiveResources (): ActiveResources {
  const types = process.getActiveResourcesInfo()
  const internals = process as unknown as ProcessInternals
  const handles = internals._getActiveHandles?.() ?? []
  const requests = internals._getActiveRequests?.() ?? []
  const result: ActiveResources = {
    pid: process.pid,
    total: types.length,
    byType: countSorted(types),
    timers: { timeouts: types.filter((t) => t === 'Timeout').length, immediates: types.filter((t) => t === 'Immediate').length },
    sockets: [],
    servers: [],
    childProcesses: [],
    otherHandles: {},
    requests: countSorted(requests.map(constructorName))
  }
  const other: string[] = []
  for (const handle of handles) {
    if (handle instanceof Socket) result.sockets.push(describeSocket(handle))
    else if (handle instanceof Server) result.servers.push(describeServer(handle))
    else if (handle instanceof ChildProcess) result.childProcesses.push({ ...(handle.pid === undefined ? {} : { pid: handle.pid }), spawnfile: handle.spawnfile })
    else other.push(constructorName(handle))
  }
  result.otherHandles = countSorted(other)
  return result
}

function describeSocket (socket: Socket): SocketInfo {
  const info: SocketInfo = {
    kind: socket.remotePort === undefined && socket.localPort === undefined ? 'pipe' : 'tcp',
    readyState: socket.readyState,
    bytesRead: socket.bytesRead,
    bytesWritten: socket.bytesWritten
  }
  if (socket.localAddress !== undefined) info.localAddress = socket.localAddress
  if (socket.localPort !== undefined) info.localPort = socket.localPort
  if (socket.remoteAddress !== undefined) info.remoteAddress = socket.remoteAddress
  if (socket.remotePort !== undefined) info.remotePort = socket.remotePort
  return info
}

function describeServer (server: Server): ServerInfo {
  const address = server.address()
  const text = address === null ? 'unbound' : typeof address === 'string' ? address : `${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`
  return { address: text }
}

function constructorName (value: unknown): string {
  if (typeof value !== 'object' || value === null) return typeof value
  return (value as { constructor?: { name?: string } }).constructor?.name ?? 'Object'
}

function countSorted (names: string[]): Record<string, number> {
  const counts = new Map<string, number>()
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1)
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])))
}

/** The `?debug=1` text view, in the spirit of Go's `goroutine profile: total N`. */
export function formatActiveResources (r: ActiveResources): string {
  const lines = [`active resources: total ${r.total} (pid ${r.pid})`, '']
  for (const [type, count] of Object.entries(r.byType)) lines.push(`${String(count).padStart(6)} ${type}`)
  lines.push('', `timers: ${r.timers.timeouts} timeout(s), ${r.timers.immediates} immediate(s)`)
  lines.push('', `servers (${r.servers.length}):`)
  for (const s of r.servers) lines.push(`  listening ${s.address}`)
  lines.push('', `sockets (${r.sockets.length}):`)
  for (const s of r.sockets) {
    const local = s.localAddress === undefined ? '?' : `${s.localAddress}:${s.localPort ?? '?'}`
    const remote = s.remoteAddress === undefined ? '?' : `${s.remoteAddress}:${s.remotePort ?? '?'}`
    lines.push(`  ${s.kind} ${local} -> ${remote} ${s.readyState} read=${s.bytesRead}B written=${s.bytesWritten}B`)
  }
  if (r.childProcesses.length > 0) {
    lines.push('', `child processes (${r.childProcesses.length}):`)
    for (const c of r.childProcesses) lines.push(`  pid ${c.pid ?? '?'} ${c.spawnfile}`)
  }
  lines.push('', 'other handles:')
  for (const [name, count] of Object.entries(r.otherHandles)) lines.push(`${String(count).padStart(6)} ${name}`)
  lines.push('', 'in-flight requests:')
  for (const [name, count] of Object.entries(r.requests)) lines.push(`${String(count).padStart(6)} ${name}`)
  return lines.join('\n') + '\n'
}
