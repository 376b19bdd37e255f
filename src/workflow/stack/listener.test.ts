import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { createServer, type AddressInfo, type Server } from 'node:net'
import { listenerPid, listeningInodes } from './listener.js'
import { isAlive } from './processes.js'

const linux = process.platform === 'linux'

const TABLE = [
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
  '   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 111 1 0000000000000000 100 0 0 10 0',
  '   1: 0100007F:1F90 0100007F:D3B2 01 00000000:00000000 00:00000000 00000000  1000        0 222 1 0000000000000000 20 4 30 10 -1',
  '   2: 00000000:1F91 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 333 1 0000000000000000 100 0 0 10 0',
  '   3: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 444 1 0 100 0 0 10 0'
].join('\n')

test('the listening sockets of a port are found in a /proc/net/tcp table (IPv4 and IPv6 rows), not its connections', () => {
  assert.deepEqual(listeningInodes(TABLE, 8080), ['111', '444'])
  assert.deepEqual(listeningInodes(TABLE, 8081), ['333'])
  assert.deepEqual(listeningInodes(TABLE, 54194), [], 'a connection\'s remote port is no listener')
  assert.deepEqual(listeningInodes('', 8080), [])
})

test('listenerPid names the process that listens on a port: this one, then a child; none once it is closed', { skip: !linux }, async (t) => {
  const server: Server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const own = (server.address() as AddressInfo).port
  assert.equal(await listenerPid(own), process.pid)
  await new Promise((resolve) => server.close(resolve))
  assert.equal(await listenerPid(own), undefined)

  const child = spawn(process.execPath, ['-e', "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => console.log(s.address().port))"], { stdio: ['ignore', 'pipe', 'inherit'] })
  t.after(() => { if (child.pid !== undefined && isAlive(child.pid)) child.kill('SIGKILL') })
  const port = await new Promise<number>((resolve) => child.stdout.once('data', (d: Buffer) => { resolve(Number(d.toString().trim())) }))
  assert.equal(await listenerPid(port), child.pid)
})
