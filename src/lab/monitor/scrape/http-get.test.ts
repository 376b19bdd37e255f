import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { once } from 'node:events'
import { httpGet } from './http-get.js'

test('a body larger than the cap is cut off with MIB_ERR_MONITOR_RESPONSE_TOO_LARGE instead of being buffered', async () => {
  // Streams chunks for as long as the client reads: only the cap can end it.
  const server = createServer((_request, response) => {
    const chunk = Buffer.alloc(64 * 1024, 'x')
    const pump = (): void => { while (response.write(chunk)); }
    response.on('drain', pump)
    pump()
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  try {
    await assert.rejects(httpGet(`http://127.0.0.1:${port}/`, { timeoutMs: 5000, maxBodyBytes: 256 * 1024 }),
      { code: 'MIB_ERR_MONITOR_RESPONSE_TOO_LARGE' })
  } finally {
    server.closeAllConnections()
    server.close()
  }
})
