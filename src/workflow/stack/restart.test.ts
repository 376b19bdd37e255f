import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePorts } from '../../../test/helpers/ports.js'
import { runStateSchema } from '../../run-dir.js'
import { checkHealth, startStack, stackOptionsSchema } from './index.js'
import { isAlive } from './processes.js'

test('a running stack stops one service by signal and starts it again: new pid recorded, the gateway serves again, stop() ends them all', { timeout: 180_000 }, async (t) => {
  const runDir = await mkdtemp(join(tmpdir(), 'mib-restart-'))
  const [gatewayPort, engineGrpcPort, engineAdminPort, providerPort] = await freePorts(4) as [number, number, number, number]
  const options = stackOptionsSchema.parse({ env: 'production', gatewayPort, engineGrpcPort, engineAdminPort, providerPort })
  const stack = await startStack(options, { detach: true, runDir })
  const pids = new Set(stack.state.services.map((s) => s.pid))
  t.after(async () => {
    await stack.stop()
    for (const pid of pids) if (isAlive(pid)) process.kill(pid, 'SIGKILL')
    await rm(runDir, { recursive: true, force: true })
  })
  let ownExit: string | undefined
  void stack.exited.then((e) => { ownExit = e.name })
  const gatewayHealth = `http://127.0.0.1:${gatewayPort}/api/v1/health`
  // The gateway learns the engine's state from its own probe: give it a few seconds either way.
  const healthBecomes = async (status: number): Promise<boolean> => {
    for (let i = 0; i < 50; i++) {
      if ((await checkHealth('gateway', gatewayHealth)).statusCode === status) return true
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    return false
  }
  const pidOf = (name: string): number | undefined => stack.state.services.find((s) => s.name === name)?.pid

  const oldEngine = pidOf('engine')
  const killed = await stack.stopService('engine', 'SIGKILL')
  assert.deepEqual([killed.pid, killed.signal], [oldEngine, 'SIGKILL'])
  assert.equal(isAlive(killed.pid), false)
  assert.equal(await healthBecomes(503), true, 'the gateway says the engine is gone')

  const engine = await stack.startService('engine')
  pids.add(engine.pid)
  assert.notEqual(engine.pid, oldEngine)
  assert.equal(pidOf('engine'), engine.pid)
  const recorded = runStateSchema.parse(JSON.parse(await readFile(join(runDir, 'services.json'), 'utf8')))
  assert.equal(recorded.services.find((s) => s.name === 'engine')?.pid, engine.pid, 'services.json has the new pid')
  assert.ok(await healthBecomes(200), 'the gateway reconnects to the new engine')

  const drained = await stack.stopService('gateway', 'SIGTERM')
  assert.deepEqual([drained.code, drained.signal], [0, null], 'SIGTERM drains and exits 0')
  await assert.rejects(stack.startService('engine'), /already running/)
  const gateway = await stack.startService('gateway')
  pids.add(gateway.pid)
  assert.ok((await checkHealth('gateway', gatewayHealth)).healthy)
  assert.equal(ownExit, undefined, 'deliberate stops are not reported as a service exiting on its own')

  await stack.stop()
  for (const pid of pids) assert.equal(isAlive(pid), false, `pid ${pid} has exited`)
})
