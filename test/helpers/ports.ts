import { createServer } from 'node:net'

/**
 * Free loopback ports for tests that must pass a port to a child process
 * (port 0 works only in-process). The OS may hand a port out again between
 * close and use; with ephemeral ports cycling through ~28k values that race
 * is rare enough for tests.
 */
export async function freePorts (count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, async () => await new Promise<import('node:net').Server>((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve(server))
  })))
  const ports = servers.map((s) => (s.address() as import('node:net').AddressInfo).port)
  await Promise.all(servers.map(async (s) => await new Promise((resolve) => s.close(resolve))))
  return ports
}
