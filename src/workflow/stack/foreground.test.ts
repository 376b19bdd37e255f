// `mib start` in the foreground, as a user runs it, and the signal rule (src/signals.ts) applied to it.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { request } from 'undici'
import { access, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePorts } from '../../../test/helpers/ports.js'
import { waitFor } from '../../../test/helpers/wait.js'
import { runStateSchema } from '../../run-dir.js'
import { MIB_BIN, isAlive } from './processes.js'

interface Foreground { gatewayUrl: string, providerUrl: string, pids: number[], signal: (name: NodeJS.Signals) => void, signalGroup: (name: NodeJS.Signals) => void, exited: Promise<{ code: number | null, stdout: string, stderr: string }>, stderr: () => string }

/** `mib start` (foreground, development) on free ports; resolves once every service is ready. */
async function startForeground (runDir: string, t: { after: (fn: () => Promise<void> | void) => void }): Promise<Foreground> {
  const [gateway, grpc, admin, provider] = await freePorts(4) as [number, number, number, number]
  const child = spawn(process.execPath, [MIB_BIN, 'start', '--gateway-port', String(gateway), '--engine-grpc-port', String(grpc), '--engine-admin-port', String(admin), '--provider-port', String(provider)],
    // Its own process group, as a shell gives a foreground job.
    { env: { ...process.env, MIB_FROM_SOURCE: '1', MIB_RUN_DIR: runDir }, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk })
  const exited = new Promise<{ code: number | null, stdout: string, stderr: string }>((resolve) => child.once('close', (code) => { resolve({ code, stdout, stderr }) }))
  const pids: number[] = []
  t.after(() => {
    child.kill('SIGKILL')
    for (const pid of pids) if (isAlive(pid)) process.kill(pid, 'SIGKILL')
  })
  await new Promise<void>((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
      if (stderr.includes('all services ready')) resolve()
    })
    void exited.then(() => { reject(new Error(`mib start ended before the services were ready:\n${stderr}`)) })
  })
  const state = runStateSchema.parse(JSON.parse(await readFile(join(runDir, 'services.json'), 'utf8')))
  pids.push(...state.services.map((s) => s.pid))
  return { gatewayUrl: `http://127.0.0.1:${gateway}`, providerUrl: `http://127.0.0.1:${provider}`, pids, signal: (name) => { child.kill(name) }, signalGroup: (name) => { process.kill(-(child.pid ?? 0), name) }, exited, stderr: () => stderr }
}

test('regression: Ctrl-C on a foreground `mib start` reached each service twice (the terminal, then the supervisor), so a request in flight was cut; now one signal stops each gracefully and it is answered, exit 0', { timeout: 180_000 }, async (t) => {
  const runDir = await mkdtemp(join(tmpdir(), 'mib-fg-'))
  t.after(async () => { await rm(runDir, { recursive: true, force: true }) })
  const stack = await startForeground(runDir, t)
  assert.equal(stack.pids.length, 3)
  // The gateway sheds early while it settles after start-up (load shedder): wait until it serves.
  const fetchQuote = async (): Promise<{ status: number, body: string }> => await request(`${stack.gatewayUrl}/api/v1/market-data/fetch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ symbols: ['AAPL'] }) })
    .then(async (res) => ({ status: res.statusCode, body: await res.body.text() }), (err: unknown) => ({ status: 0, body: String(err) }))
  await waitFor(async () => (await fetchQuote()).status === 200, 'the gateway serves a quote', 60_000)
  // A request in flight when Ctrl-C comes: the provider answers after 1.5 s, so draining takes that long.
  const knobs = await request(`${stack.providerUrl}/admin/config`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ latencyMedianMs: 1500, latencyP99Ms: 1500 }) })
  assert.equal(knobs.statusCode, 200, await knobs.body.text())
  const inFlight = fetchQuote()
  await new Promise((resolve) => setTimeout(resolve, 300))
  // As a terminal's Ctrl-C does: the signal goes to the whole process group of the job.
  stack.signalGroup('SIGINT')
  const answer = await inFlight
  assert.equal(answer.status, 200, `the request in flight is answered while the services drain: ${answer.body}`)
  const { code, stdout, stderr } = await stack.exited
  assert.equal(code, 0, stderr)
  for (const name of ['provider-sim', 'engine', 'gateway']) {
    assert.match(stdout, new RegExp(`\\[${name}\\].*shutting down gracefully`), `${name} drained`)
  }
  assert.doesNotMatch(stdout, /second signal: exiting now/)
  for (const pid of stack.pids) assert.equal(isAlive(pid), false, `pid ${pid} has exited`)
  await assert.rejects(access(join(runDir, 'services.json')), 'the run state is removed')
})

test('a second signal kills the foreground services at once and exits 130', { timeout: 180_000 }, async (t) => {
  const runDir = await mkdtemp(join(tmpdir(), 'mib-fg-'))
  t.after(async () => { await rm(runDir, { recursive: true, force: true }) })
  const stack = await startForeground(runDir, t)
  stack.signal('SIGTERM')
  await waitFor(() => stack.stderr().includes('stopping the services gracefully'), 'the first signal is taken', 30_000, stack.stderr)
  stack.signal('SIGTERM')
  const { code, stderr } = await stack.exited
  assert.equal(code, 130, stderr)
  assert.match(stderr, /killing the services now/)
  await waitFor(() => stack.pids.every((pid) => !isAlive(pid)), 'every service is gone', 10_000)
  await assert.rejects(access(join(runDir, 'services.json')), 'the run state is removed')
})
