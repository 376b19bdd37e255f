import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { startEngine } from './service.js'
import { startTestEngine } from './fixtures/stack.js'

const FIXTURE = fileURLToPath(new URL('./fixtures/start-and-close.ts', import.meta.url))

test('close() leaves no handle behind: a process that starts and closes the engine exits on its own', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'test' } })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)))
  clearTimeout(timer)
  assert.equal(code, 0, `exit ${String(code)}; stderr: ${stderr}`)
  assert.equal(stdout.trim(), 'closed')
})

test('startEngine listens on the ports it was given (0 picks free ones) and reports its URLs', async (t) => {
  const engine = await startTestEngine(t, { tickStream: { enabled: false }, providerUrl: 'http://127.0.0.1:9' })
  assert.match(engine.urls.grpc, /^127\.0\.0\.1:\d+$/)
  assert.match(engine.urls.admin, /^http:\/\/127\.0\.0\.1:\d+$/)
  assert.notEqual(engine.urls.grpc.split(':')[1], '0')
  await engine.close()
  await engine.close() // idempotent
})

test('startEngine rejects invalid options listing every problem at once', async () => {
  await assert.rejects(startEngine({ grpcPort: -1, bufferSize: 0, providerUrl: 'ftp://x', bogus: true } as never), (err: Error & { code: string, problems: string[] }) => {
    assert.equal(err.code, 'MIB_ERR_OPTIONS_INVALID')
    assert.equal(err.problems.length, 4, err.problems.join('\n'))
    return true
  })
})

test('a port already in use fails start-up cleanly with the listen error', async (t) => {
  const first = await startTestEngine(t, { tickStream: { enabled: false }, providerUrl: 'http://127.0.0.1:9' })
  const adminPort = Number(new URL(first.urls.admin).port)
  await assert.rejects(startEngine({ grpcPort: 0, adminPort, env: 'test', tickStream: { enabled: false }, providerUrl: 'http://127.0.0.1:9', profiling: { mode: 'off', adminPort: 0 } }), /EADDRINUSE/)
})
