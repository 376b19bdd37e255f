/**
 * /proc/net/tcp and tcp6: one line per socket of this network namespace.
 * Column `st` is the kernel's TCP state in hex; 01 is ESTABLISHED. A loopback
 * connection appears twice (its client and its server socket), as in netstat.
 */
export interface TcpSocket {
  localPort: number
  remotePort: number
}

const ESTABLISHED = '01'

export function parseEstablished (text: string): TcpSocket[] {
  const sockets: TcpSocket[] = []
  for (const line of text.split('\n')) {
    // sl local_address rem_address st ...; addresses are HEXIP:HEXPORT.
    const [, local, remote, state] = line.trim().split(/\s+/)
    if (state !== ESTABLISHED || local === undefined || remote === undefined) continue
    sockets.push({ localPort: portOf(local), remotePort: portOf(remote) })
  }
  return sockets
}

function portOf (address: string): number {
  return Number.parseInt(address.slice(address.lastIndexOf(':') + 1), 16)
}
