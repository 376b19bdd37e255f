/**
 * Which process listens on a TCP port: for `mib status`, to name the pid of an unmanaged
 * service (one `mib start` did not start, so no pid is recorded for it). Linux only, from
 * /proc: the listening socket's inode in /proc/net/tcp{,6}, then the process holding a
 * file descriptor on that socket in /proc/<pid>/fd. Processes of other users cannot be
 * read and are skipped, so the answer may be undefined.
 */
import { readFile, readdir, readlink } from 'node:fs/promises'
import { join } from 'node:path'

/** TCP state LISTEN in /proc/net/tcp. */
const LISTEN = '0A'

/**
 * The inodes of the sockets listening on `port` in a /proc/net/tcp or tcp6 table:
 * `sl local_address rem_address st … uid timeout inode`, the port in hex after the colon.
 */
export function listeningInodes (table: string, port: number): string[] {
  const inodes: string[] = []
  for (const line of table.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/)
    const [local, state, inode] = [fields[1], fields[3], fields[9]]
    if (local === undefined || state !== LISTEN || inode === undefined || inode === '0') continue
    if (Number.parseInt(local.slice(local.lastIndexOf(':') + 1), 16) === port) inodes.push(inode)
  }
  return inodes
}

async function readOrEmpty (file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8')
  } catch {
    return '' // no IPv6, or not Linux
  }
}

/** True when one of the process's file descriptors is one of the sockets. */
async function holdsSocket (procRoot: string, pid: string, sockets: ReadonlySet<string>): Promise<boolean> {
  let fds: string[]
  try {
    fds = await readdir(join(procRoot, pid, 'fd'))
  } catch {
    return false // gone, or another user's process
  }
  for (const fd of fds) {
    try {
      if (sockets.has(await readlink(join(procRoot, pid, 'fd', fd)))) return true
    } catch {
      // closed meanwhile
    }
  }
  return false
}

/** The pid of the process listening on `port` (any address), or undefined when none is found. */
export async function listenerPid (port: number, procRoot = '/proc'): Promise<number | undefined> {
  const tables = await Promise.all(['tcp', 'tcp6'].map(async (name) => await readOrEmpty(join(procRoot, 'net', name))))
  const sockets = new Set(tables.flatMap((table) => listeningInodes(table, port)).map((inode) => `socket:[${inode}]`))
  if (sockets.size === 0) return undefined
  let pids: string[]
  try {
    pids = (await readdir(procRoot)).filter((name) => /^\d+$/.test(name))
  } catch {
    return undefined
  }
  for (const pid of pids) {
    if (await holdsSocket(procRoot, pid, sockets)) return Number(pid)
  }
  return undefined
}
