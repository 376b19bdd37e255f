import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtemp, rm, readFile, access } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { request } from 'undici'
import { freePorts } from '../../../test/helpers/ports.js'
import { MIB_BIN, isAlive } from './processes.js'
import { runStateSchema } from '../../run-dir.js'

const run = promisify(execFile)

async function mib (args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number, stdout: string, stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [MIB_BIN, ...args], { env: { ...process.env, ...env, MIB_FROM_SOURCE: '1' }, timeout: 120_000 })
    return { code: 0, stdout, stderr }
  } catch (err) {
    const e = err as { code?: number, stdout?: string, stderr?: string }
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }
  }
}

test('mib start --detach runs three healthy services; wait-ready, health and stop leave no process behind', { timeout: 180_000 }, async (t) => {
  const runDir = await mkdtemp(join(tmpdir(), 'mib-stack-'))
  const [gateway, grpc, admin, provider] = await freePorts(4) as [number, number, number, number]
  const env = { MIB_RUN_DIR: runDir }
  let pids: number[] = []
  t.after(async () => {
    for (const pid of pids) if (isAlive(pid)) process.kill(pid, 'SIGKILL')
    await rm(runDir, { recursive: true, force: true })
  })

  const started = await mib(['start', '--detach', '--env', 'production', '--gateway-port', String(gateway), '--engine-grpc-port', String(grpc), '--engine-admin-port', String(admin), '--provider-port', String(provider)], env)
  assert.equal(started.code, 0, started.stderr)
  const state = runStateSchema.parse(JSON.parse(await readFile(join(runDir, 'services.json'), 'utf8')))
  pids = state.services.map((s) => s.pid)
  assert.deepEqual(state.services.map((s) => s.name), ['provider-sim', 'engine', 'gateway'])
  assert.ok(pids.every(isAlive))

  const ready = await mib(['wait-ready', '--timeout', '30'], env)
  assert.equal(ready.code, 0, ready.stderr)
  const health = await mib(['health', '--json'], env)
  assert.equal(health.code, 0, health.stderr)
  assert.equal((JSON.parse(health.stdout) as Array<{ healthy: boolean }>).filter((r) => r.healthy).length, 3)

  // The gateway answers through the engine, which answers through the simulator.
  const res = await request(`http://127.0.0.1:${gateway}/api/v1/market-data/fetch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ symbols: ['AAPL'] }) })
  assert.equal(res.statusCode, 200)
  assert.equal((await res.body.json() as { success: boolean }).success, true)

  const again = await mib(['start', '--detach', '--gateway-port', String(gateway)], env)
  assert.notEqual(again.code, 0)
  assert.match(again.stderr, /already running/)

  const stopped = await mib(['stop'], env)
  assert.equal(stopped.code, 0, stopped.stderr)
  assert.ok(pids.every((pid) => !isAlive(pid)), 'every service process has exited')
  await assert.rejects(access(join(runDir, 'services.json')))

  const after = await mib(['health'], env)
  assert.equal(after.code, 3, 'health exits 3 once the services are gone')
})
