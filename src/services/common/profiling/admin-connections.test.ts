import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { openSocket, peerClosed, readResponse } from '../fixtures/raw-http.js'
import { createLogger } from '../logger.js'
import { createAdminApp, MAX_ADMIN_CONNECTIONS } from './admin-listener.js'

const TOKEN = 'test-token-0123456789abcdef'

interface Admin { app: FastifyInstance, url: string, release: () => void, entered: () => number }

/** An admin listener with a route that holds its request until released; every socket is cut and the app closed at the end. */
async function startAdmin (t: import('node:test').TestContext): Promise<Admin> {
  const app = createAdminApp('127.0.0.1', TOKEN, createLogger({ name: 'admin-test', env: 'test' }))
  let releaseAll = (): void => {}
  const held = new Promise<void>((resolve) => { releaseAll = resolve })
  let entered = 0
  app.get('/hold', async () => { entered++; await held; return { held: true } })
  app.get('/ok', async () => ({ ok: true }))
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('no address')
  t.after(async () => {
    releaseAll()
    app.server.closeAllConnections()
    await app.close()
  })
  return { app, url: `http://127.0.0.1:${address.port}`, release: releaseAll, entered: () => entered }
}

const authorized = (path: string): string => `GET ${path} HTTP/1.1\r\nhost: admin\r\nauthorization: Bearer ${TOKEN}\r\n\r\n`

async function openConnections (app: FastifyInstance): Promise<number> {
  return await new Promise((resolve, reject) => { app.server.getConnections((err, n) => { if (err) reject(err); else resolve(n) }) })
}

test('regression: 32 idle loopback connections blocked the profiling listener; now the oldest idle one makes room for a new one', async (t) => {
  const admin = await startAdmin(t)
  // Connections that never send a byte, and connections left idle after a 401.
  const silent = await Promise.all(Array.from({ length: MAX_ADMIN_CONNECTIONS + 8 }, async () => await openSocket(t, admin.url)))
  for (let i = 0; i < 8; i++) {
    const socket = await openSocket(t, admin.url)
    socket.write('GET /ok HTTP/1.1\r\nhost: admin\r\n\r\n')
    assert.equal((await readResponse(socket)).status, 401)
  }
  const operator = await openSocket(t, admin.url)
  operator.write(authorized('/ok'))
  const answer = await readResponse(operator)
  assert.equal(answer.status, 200, answer.body)
  assert.ok(await openConnections(admin.app) <= MAX_ADMIN_CONNECTIONS, 'the bound holds')
  // The oldest silent connections were the ones closed.
  await peerClosed(silent[0] ?? assert.fail('no socket'), 5000)
})

test('when every admin connection is serving a request, a new one is closed rather than an operator\'s work', async (t) => {
  const admin = await startAdmin(t)
  const busy = await Promise.all(Array.from({ length: MAX_ADMIN_CONNECTIONS }, async () => {
    const socket = await openSocket(t, admin.url)
    socket.write(authorized('/hold'))
    return socket
  }))
  for (let i = 0; i < 2000 && admin.entered() < MAX_ADMIN_CONNECTIONS; i++) await new Promise((resolve) => setTimeout(resolve, 10))
  assert.equal(admin.entered(), MAX_ADMIN_CONNECTIONS, 'every connection is serving a request')
  const newcomer = await openSocket(t, admin.url)
  await peerClosed(newcomer, 5000)
  admin.release()
  for (const socket of busy) assert.equal((await readResponse(socket)).status, 200)
  // Now idle: a new connection takes the oldest one's place.
  const operator = await openSocket(t, admin.url)
  operator.write(authorized('/ok'))
  assert.equal((await readResponse(operator)).status, 200)
})
