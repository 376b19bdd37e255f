import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { startMonitor } from './monitor.js'
import type { MonitorSample } from './sample.js'

const idle = (): ChildProcess => spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' })

test('a service restarted under a new pid is followed once the monitor is told: its process figures come back', { timeout: 30_000 }, async (t) => {
  const first = idle()
  const second = idle()
  t.after(() => { first.kill('SIGKILL'); second.kill('SIGKILL') })
  const monitor = startMonitor({ writeCsv: false, intervalS: 0.2, durationS: 20, targets: [{ name: 'engine', pid: first.pid as number }], warningRepeatMs: 0 })
  monitor.on('warning', () => {})
  t.after(async () => { await monitor.stop() })
  const next = async (): Promise<MonitorSample> => (await once(monitor, 'sample'))[0] as MonitorSample
  const engine = (s: MonitorSample): MonitorSample['services'][number] | undefined => s.services.find((x) => x.name === 'engine')

  assert.equal(engine(await next())?.process?.pid, first.pid)
  first.kill('SIGKILL')
  await once(first, 'exit')
  let gone = await next()
  if (engine(gone)?.process !== undefined) gone = await next()
  assert.equal(engine(gone)?.process, undefined, 'the old process is gone')

  monitor.followPid('engine', second.pid as number)
  const back = engine(await next())
  assert.equal(back?.pid, second.pid)
  assert.equal(back?.process?.pid, second.pid)
  assert.ok((back?.process?.rssBytes ?? 0) > 1e6)
})
