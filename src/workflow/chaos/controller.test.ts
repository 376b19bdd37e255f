import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request } from 'undici'
import { freePorts } from '../../../test/helpers/ports.js'
import { readFaultEvents, type FaultEvent } from '../../lab/report/index.js'
import { startStack, stackOptionsSchema, type RunningStack } from '../stack/index.js'
import { isAlive } from '../stack/processes.js'
import { parseChaosPlan } from './plan.js'
import { scheduleFaults } from './schedule.js'
import { createFaultRecorder } from './recorder.js'
import { runChaos } from './controller.js'

const knobsAt = async (url: string): Promise<{ errorRate: number }> => await (await request(`${url}/admin/config`)).body.json() as { errorRate: number }

test('runChaos kills and restarts services and sets and restores provider knobs, one fault at a time, recording every step', { timeout: 180_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'mib-chaos-'))
  const [gatewayPort, engineGrpcPort, engineAdminPort, providerPort] = await freePorts(4) as [number, number, number, number]
  const stack = await startStack(stackOptionsSchema.parse({ env: 'production', gatewayPort, engineGrpcPort, engineAdminPort, providerPort }), { detach: true, runDir: join(dir, 'services') })
  const pids = new Set(stack.state.services.map((s) => s.pid))
  t.after(async () => {
    await stack.stop()
    for (const pid of pids) if (isAlive(pid)) process.kill(pid, 'SIGKILL')
    await rm(dir, { recursive: true, force: true })
  })
  const providerUrl = `http://127.0.0.1:${providerPort}`
  const plan = parseChaosPlan({
    faults: [
      { kind: 'process', service: 'engine', signal: 'SIGKILL', downS: 0.5, recoveryS: 0 },
      { kind: 'provider', set: { errorRate: 1 }, durationS: 1, recoveryS: 0 },
      { kind: 'process', service: 'gateway', signal: 'SIGTERM', recoveryS: 0 }
    ],
    recovery: { holdS: 1 }
  }, 'test')
  const file = join(dir, 'chaos-events.ndjson')
  let knobsDuringFault: number | undefined
  const seen: Array<Promise<void>> = []
  const recorder = createFaultRecorder(file, (e) => {
    if (e.type === 'fault-start' && e.kind === 'provider') seen.push(knobsAt(providerUrl).then((k) => { knobsDuringFault = k.errorRate }))
  })
  const oldEngine = stack.state.services.find((s) => s.name === 'engine')?.pid
  const result = await runChaos({ schedule: scheduleFaults(plan, 1), stack, recorder, log: () => {}, remainingMs: () => 600_000, signal: new AbortController().signal })
  for (const s of stack.state.services) pids.add(s.pid)
  await recorder.flush()
  await Promise.all(seen)

  assert.deepEqual(result, { injected: 3, skipped: 0 })
  const read = await readFaultEvents(file)
  assert.equal(read?.skippedLines, 0)
  const events = read?.events ?? []
  const steps = (index: number): string[] => events.filter((e) => 'index' in e && e.index === index).map((e) => e.type === 'memory' ? `memory-${e.phase}` : e.type)
  assert.deepEqual(steps(0), ['memory-before', 'fault-start', 'service-exited', 'fault-end', 'healthy', 'recovery-end', 'memory-after'])
  assert.deepEqual(steps(1), ['memory-before', 'fault-start', 'fault-end', 'healthy', 'recovery-end', 'memory-after'])
  assert.deepEqual(steps(2), ['memory-before', 'fault-start', 'service-exited', 'fault-end', 'healthy', 'recovery-end', 'memory-after'])
  assert.deepEqual(events.map((e) => e.time), [...events.map((e) => e.time)].sort((a, b) => a - b), 'in time order')

  const of = <T extends FaultEvent['type']>(type: T, index: number): Extract<FaultEvent, { type: T }> =>
    events.find((e): e is Extract<FaultEvent, { type: T }> => e.type === type && 'index' in e && e.index === index) as Extract<FaultEvent, { type: T }>
  assert.deepEqual([of('service-exited', 0).pid, of('service-exited', 0).signal], [oldEngine, 'SIGKILL'])
  assert.ok(of('fault-end', 0).time - of('service-exited', 0).time >= 490, 'the engine stayed down 0.5 s (timers may fire a millisecond early by Date.now)')
  assert.deepEqual([of('service-exited', 2).code, of('service-exited', 2).signal], [0, null], 'the gateway drained on SIGTERM')
  assert.ok(of('recovery-end', 1).time - of('healthy', 1).time >= 2990, 'recovery window: hold 1 s + margin 2 s')
  assert.equal(knobsDuringFault, 1)
  assert.equal((await knobsAt(providerUrl)).errorRate, 0, 'knobs restored')
  const after = of('memory', 0)
  assert.equal(after.phase, 'before')
  assert.ok(after.services.every((s) => s.rssBytes !== null && s.rssBytes > 10e6), 'RSS of every service')
  assert.notEqual(stack.state.services.find((s) => s.name === 'engine')?.pid, oldEngine)
  const health = events.at(-1)
  assert.equal(health?.type, 'health')
  assert.deepEqual(health?.type === 'health' ? health.services.map((s) => [s.name, s.healthy]) : [], [['provider-sim', true], ['engine', true], ['gateway', true]])
})

test('no fault begins when the test has too little time left for it, and an aborted run begins none', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'mib-chaos-skip-'))
  t.after(async () => { await rm(dir, { recursive: true, force: true }) })
  const [port] = await freePorts(1) as [number]
  // Nothing listens there: the final health check reports it, and no fault may touch it.
  const stack = { state: { services: [{ name: 'engine', pid: 1, urls: {}, healthUrl: `http://127.0.0.1:${port}/health`, metricsUrl: '' }] } } as unknown as RunningStack
  const plan = parseChaosPlan({ faults: [{ kind: 'process', service: 'engine' }, { kind: 'provider', set: { errorRate: 1 } }] }, 'test')
  const recorder = createFaultRecorder(join(dir, 'events.ndjson'))
  const result = await runChaos({ schedule: scheduleFaults(plan, 1), stack, recorder, log: () => {}, remainingMs: () => 10_000, signal: new AbortController().signal })
  assert.deepEqual(result, { injected: 0, skipped: 2 })
  const skipped = recorder.events.filter((e) => e.type === 'skipped')
  assert.match(skipped[0]?.type === 'skipped' ? skipped[0].reason : '', /10\.0 s of test left, the fault and its recovery window need about 34\.0 s/)
  const health = recorder.events.at(-1)
  assert.equal(health?.type === 'health' ? health.services[0]?.healthy : undefined, false)

  const aborted = new AbortController()
  aborted.abort()
  const again = createFaultRecorder(join(dir, 'again.ndjson'))
  await runChaos({ schedule: scheduleFaults(plan, 1), stack, recorder: again, log: () => {}, remainingMs: () => 600_000, signal: aborted.signal })
  await Promise.all([recorder.flush(), again.flush()])
  assert.deepEqual(again.events.filter((e) => e.type === 'skipped').map((e) => e.type === 'skipped' ? e.reason : ''), ['the test ended first', 'the test ended first'])
})
