import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { http } from '../api/http.js'
import { createTestVu } from '../fixtures/test-vu.js'

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/tls/${name}`, import.meta.url), 'utf8')

async function httpsServer (t: { after: (fn: () => Promise<void>) => void }): Promise<string> {
  const server = createServer({ key: fixture('test-key.pem'), cert: fixture('test-cert.pem') }, (_req, res) => { res.end('secure') })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.after(async () => { server.closeAllConnections(); await new Promise<void>((resolve) => server.close(() => resolve())) })
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}`
}

test('HTTPS: the TLS handshake is timed apart from the TCP connect, once per connection', async (t) => {
  const url = await httpsServer(t)
  const tv = createTestVu({ connection: { insecureSkipTLSVerify: true } })
  t.after(async () => { await tv.close() })
  const first = await tv.run(() => http.get(url))
  const second = await tv.run(() => http.get(url))
  assert.equal(first.status, 200)
  assert.equal(first.body, 'secure')
  assert.ok(first.timings.tls_handshaking > 0, 'the first request pays the handshake')
  assert.ok(first.timings.connecting > 0)
  assert.equal(second.timings.tls_handshaking, 0, 'the second reuses the connection')
  assert.equal(tv.stat('http_req_tls_handshaking', 'count'), 2)
})

test('HTTPS: an untrusted certificate fails with error_code 1310 unless insecureSkipTLSVerify', async (t) => {
  const url = await httpsServer(t)
  const tv = createTestVu()
  t.after(async () => { await tv.close() })
  const res = await tv.run(() => http.get(url))
  assert.equal(res.status, 0)
  assert.equal(res.error_code, 1310, res.error)
})
