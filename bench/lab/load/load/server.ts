/** The bare target: a Node http server on 127.0.0.1 answering "ok", on the port given (default: any free one). Prints its port. */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

const server = createServer((_req, res) => { res.end('ok') })
server.keepAliveTimeout = 120_000
server.headersTimeout = 130_000
// 10,000 VUs hold 10,000 keep-alive connections.
server.maxConnections = 50_000
server.listen({ port: Number(process.argv[2] ?? '0'), host: '127.0.0.1', backlog: 4096 }, () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`)
})
process.on('SIGTERM', () => { server.closeAllConnections(); server.close(() => process.exit(0)) })
