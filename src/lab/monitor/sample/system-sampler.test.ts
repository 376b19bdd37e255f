import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer, connect, type Socket } from 'node:net'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { SystemSampler, readEstablishedTcp } from './system-sampler.js'

test('the first system sample sets the baseline; the second has CPU %, per-core % and network rates in range', async () => {
  const sampler = new SystemSampler(tmpdir())
  const first = await sampler.sample()
  assert.equal(first.cpuPercent, undefined)
  assert.equal(first.net.rxBytesPerS, undefined)
  await new Promise((resolve) => setTimeout(resolve, 200))
  const second = await sampler.sample()
  assert.ok(second.cpuPercent !== undefined && second.cpuPercent >= 0 && second.cpuPercent <= 100)
  assert.ok(second.cpuPerCorePercent.length >= 1)
  for (const core of second.cpuPerCorePercent) assert.ok(core === undefined || (core >= 0 && core <= 100))
  assert.ok(second.memoryUsedPercent > 0 && second.memoryUsedPercent < 100)
  assert.ok(second.memoryTotalBytes > second.memoryUsedBytes)
  assert.ok(second.diskUsedPercent !== undefined && second.diskUsedPercent >= 0 && second.diskUsedPercent <= 100)
  assert.ok(second.net.loopbackRxBytesPerS !== undefined && second.net.loopbackRxBytesPerS >= 0)
  assert.equal(second.loadAverage.length, 3)
})

test('bytes sent over loopback between two samples show up in the loopback receive rate', async () => {
  const server = createServer((socket) => socket.resume())
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  const sampler = new SystemSampler(tmpdir())
  const client = connect(port, '127.0.0.1')
  try {
    await once(client, 'connect')
    await sampler.sample()
    const started = Date.now()
    const payload = Buffer.alloc(4 * 1024 * 1024)
    await new Promise<void>((resolve, reject) => client.write(payload, (err) => { if (err) reject(err); else resolve() }))
    await new Promise((resolve) => setTimeout(resolve, 100))
    const sample = await sampler.sample()
    const seconds = (Date.now() - started) / 1000 + 0.05
    const received = (sample.net.loopbackRxBytesPerS ?? 0) * seconds
    // Other traffic only adds; 4 MiB of ours must be there (rate × a slightly generous window).
    assert.ok(received >= payload.length * 0.9, `loopback received ~${Math.round(received)} bytes`)
  } finally {
    client.destroy()
    server.close()
  }
})

test('an established TCP connection the test opened is counted, from both of its ends', async () => {
  const accepted: Socket[] = []
  const server = createServer((socket) => accepted.push(socket))
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  const client = connect(port, '127.0.0.1')
  try {
    await once(client, 'connect')
    const sockets = await readEstablishedTcp()
    const clientPort = client.localPort
    assert.ok(sockets.some((s) => s.localPort === clientPort && s.remotePort === port), 'client side')
    assert.ok(sockets.some((s) => s.localPort === port && s.remotePort === clientPort), 'server side')
    const sample = await new SystemSampler(tmpdir()).sample()
    assert.ok(sample.tcpEstablished >= 2)
  } finally {
    client.destroy()
    for (const socket of accepted) socket.destroy()
    server.close()
  }
})
