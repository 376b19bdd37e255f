/** `mib gateway` as an operator runs it: a child process, flags, signals, exit codes. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { request } from 'undici'
import { openSocket, readResponse } from '../common/fixtures/raw-http.js'
import { connectClient } from './fixtures/ws.js'
import { DEAD_ENGINE_URL, waitFor } from './fixtures/http.js'

const MIB = fileURLToPath(new URL('../../../bin/mib.js', import.meta.url))

interface Run { child: ChildProcess, stdout: () => string, stderr: () => string, exit: Promise<number | null> }

function mib (t: import('node:test').TestContext, args: string[]): Run {
  const child = spawn(process.execPath, [MIB, ...args], { env: { ...process.env, MIB_FROM_SOURCE: '1', LOG_LEVEL: 'info', MIB_LOG_FORMAT: 'json' }, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout?.on('data', (d: Buffer) => { out += d.toString() })
  child.stderr?.on('data', (d: Buffer) => { err += d.toString() })
  const exit = new Promise<number | null>((resolve) => { child.once('exit', (code) => { resolve(code) }) })
  t.after(() => { if (child.exitCode === null) child.kill('SIGKILL') })
  return { child, stdout: () => out, stderr: () => err, exit }
}

test('invalid flags are all reported at once, by flag name, with exit code 104', async (t) => {
  const run = mib(t, ['gateway', '--port', 'eighty', '--ws-max-buffered-bytes', '1', '--engine-url', 'not a url'])
  assert.equal(await run.exit, 104)
  for (const flag of ['--port (GATEWAY_PORT):', '--ws-max-buffered-bytes (GATEWAY_WS_MAX_BUFFERED_BYTES):', '--engine-url (ENGINE_GRPC_URL):']) assert.ok(run.stderr().includes(flag), flag)
})

test('SIGTERM drains: sockets are closed with 1001 and the process exits 0', async (t) => {
  const run = mib(t, ['gateway', '--port', '0', '--engine-url', DEAD_ENGINE_URL, '--env', 'production'])
  const url = await waitFor(() => /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(run.stdout())?.[1], 'the listening line', 60_000)
  const health = await request(`${url}/api/v1/health`)
  assert.equal(health.statusCode, 503)
  await health.body.dump()
  const client = await connectClient(t, `${url.replace('http', 'ws')}/api/v1/ws/market-data`)
  await client.next((f) => f.type === 'connected', 'the greeting')
  run.child.kill('SIGTERM')
  assert.equal(await run.exit, 0)
  await waitFor(() => client.closed, 'the socket close')
  assert.equal(client.closed?.code, 1001)
})

test('regression: SIGTERM with profiling on and an Upgrade request\'s socket open hung 15 s and exited 1; now it drains and exits 0', async (t) => {
  // Development: profiling on the main port, as the probe ran it.
  const run = mib(t, ['gateway', '--port', '0', '--engine-url', DEAD_ENGINE_URL, '--env', 'development'])
  const url = await waitFor(() => /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(run.stdout())?.[1], 'the listening line', 60_000)
  const held = await openSocket(t, url)
  held.write(`GET /api/v1/health HTTP/1.1\r\nhost: x\r\nconnection: Upgrade\r\nupgrade: foo\r\n\r\n`)
  assert.equal((await readResponse(held)).status, 503)
  // The client keeps its end open; a WebSocket client is connected too.
  const client = await connectClient(t, `${url.replace('http', 'ws')}/api/v1/ws/market-data`)
  await client.next((f) => f.type === 'connected', 'the greeting')
  run.child.kill('SIGTERM')
  assert.equal(await run.exit, 0, run.stdout())
  assert.doesNotMatch(run.stdout(), /timed out/)
})
