// `mib restart` and a truthful `mib status`, as a user runs them: bin/mib.js in child processes.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePorts } from '../../../test/helpers/ports.js'
import { waitFor } from '../../../test/helpers/wait.js'
import { runMib } from '../../lab/load/fixtures/run-mib.js'
import { runStateSchema, type RunState } from '../../run-dir.js'
import { MIB_BIN, isAlive } from './processes.js'
import { checkHealth, type ServiceStatus } from './index.js'

async function mib (args: string[], env: Record<string, string>): Promise<{ code: number | null, stdout: string, stderr: string }> {
  return await runMib(args, env).done
}

test('regression: a service restarted by hand was orphaned from `mib stop` while `mib status` said "stopped healthy"; now `mib restart` keeps it recorded and status says unmanaged', { timeout: 240_000 }, async (t) => {
  const runDir = await mkdtemp(join(tmpdir(), 'mib-restart-cli-'))
  const [gateway, grpc, admin, provider] = await freePorts(4) as [number, number, number, number]
  const env = { MIB_RUN_DIR: runDir }
  const pids = new Set<number>()
  t.after(async () => {
    for (const pid of pids) if (isAlive(pid)) process.kill(pid, 'SIGKILL')
    await rm(runDir, { recursive: true, force: true })
  })
  const state = async (): Promise<RunState> => runStateSchema.parse(JSON.parse(await readFile(join(runDir, 'services.json'), 'utf8')))
  const pidOf = async (name: string): Promise<number> => (await state()).services.find((s) => s.name === name)?.pid ?? -1
  const status = async (): Promise<ServiceStatus[]> => JSON.parse((await mib(['status', '--json'], env)).stdout) as ServiceStatus[]

  const started = await mib(['start', '--detach', '--env', 'production', '--gateway-port', String(gateway), '--engine-grpc-port', String(grpc), '--engine-admin-port', String(admin), '--provider-port', String(provider)], env)
  assert.equal(started.code, 0, started.stderr)
  for (const s of (await state()).services) pids.add(s.pid)

  // mib restart: the old process drains and exits, a new one is recorded and serves.
  const oldEngine = await pidOf('engine')
  const restarted = await mib(['restart', 'engine'], env)
  assert.equal(restarted.code, 0, restarted.stderr)
  const newEngine = await pidOf('engine')
  pids.add(newEngine)
  assert.notEqual(newEngine, oldEngine)
  assert.match(restarted.stdout, new RegExp(`engine +pid ${oldEngine} exited → pid ${newEngine} healthy`))
  assert.equal(isAlive(oldEngine), false)
  assert.deepEqual((await status()).map((s) => [s.name, s.state]), [['provider-sim', 'running'], ['engine', 'running'], ['gateway', 'running']])
  const gatewayHealth = `http://127.0.0.1:${gateway}/api/v1/health`
  await waitFor(async () => (await checkHealth('gateway', gatewayHealth)).healthy, 'the gateway reconnects to the restarted engine', 60_000)

  // By hand: the recorded engine is stopped and another one started on its ports.
  process.kill(newEngine, 'SIGTERM')
  await waitFor(() => !isAlive(newEngine), 'the recorded engine exits')
  const recorded = (await state()).services.find((s) => s.name === 'engine')
  const byHand = spawn(process.execPath, [MIB_BIN, 'engine', '--host', '127.0.0.1', '--env', 'production', '--grpc-port', String(grpc), '--admin-port', String(admin), '--provider-url', `http://127.0.0.1:${provider}`],
    { env: { ...process.env, MIB_FROM_SOURCE: '1' }, stdio: 'ignore' })
  assert.ok(byHand.pid !== undefined)
  pids.add(byHand.pid)
  await waitFor(async () => (await checkHealth('engine', recorded?.healthUrl ?? '')).healthy, 'the hand-started engine is healthy', 60_000)

  const engine = (await status()).find((s) => s.name === 'engine')
  assert.equal(engine?.running, false)
  assert.equal(engine?.state, 'unmanaged', 'not "stopped" while something answers at its address')
  assert.equal(engine?.listenerPid, byHand.pid, 'the pid of the process answering, found through /proc')
  const text = await mib(['status'], env)
  assert.match(text.stdout, new RegExp(`^engine +${byHand.pid} +unmanaged +healthy`, 'm'))
  assert.match(text.stdout, new RegExp(`unmanaged: engine \\(pid ${byHand.pid}\\) answers at its address, but not from a process \`mib start\` started`))
  // Refused, naming the port: mib restart ends only what mib started.
  const refused = await mib(['restart', 'engine'], env)
  assert.equal(refused.code, 1)
  assert.match(refused.stderr, new RegExp(`127\\.0\\.0\\.1:${grpc} is already in use.*MIB_ERR_STACK_PORT_IN_USE`))
  assert.ok(isAlive(byHand.pid), 'the hand-started engine was left alone')

  byHand.kill('SIGTERM')
  await waitFor(() => !isAlive(byHand.pid ?? 0), 'the hand-started engine exits')
  assert.equal((await status()).find((s) => s.name === 'engine')?.state, 'stopped')
  const again = await mib(['restart', 'engine'], env)
  assert.equal(again.code, 0, again.stderr)
  assert.match(again.stdout, /engine +pid \d+ absent → pid \d+ healthy/)
  pids.add(await pidOf('engine'))

  const stopped = await mib(['stop'], env)
  assert.equal(stopped.code, 0, stopped.stderr)
  for (const pid of pids) assert.equal(isAlive(pid), false, `pid ${pid} has exited`)
})

test('mib restart refuses an unknown service (usage, exit 2) and a run directory without services (exit 1, named)', async () => {
  const runDir = await mkdtemp(join(tmpdir(), 'mib-restart-cli-'))
  try {
    const unknown = await mib(['restart', 'database'], { MIB_RUN_DIR: runDir })
    assert.equal(unknown.code, 2)
    assert.match(unknown.stderr, /Allowed choices are provider-sim, engine, gateway/)
    const none = await mib(['restart', 'engine'], { MIB_RUN_DIR: runDir })
    assert.equal(none.code, 1)
    assert.match(none.stderr, /MIB_ERR_RUN_DIR_MISSING/)
  } finally {
    await rm(runDir, { recursive: true, force: true })
  }
})
