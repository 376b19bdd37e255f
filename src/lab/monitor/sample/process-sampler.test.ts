import { test } from 'node:test'
import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { performance } from 'node:perf_hooks'
import { ProcessSampler } from './process-sampler.js'
import { startFixture, reportedCpuMicros } from '../fixtures/child.js'

// Long enough that 10 ms clock ticks are a small error, short enough for a test.
const WINDOW_MS = 1000

test('a process burning a core in a busy loop shows a high CPU % that matches its own accounting', async () => {
  const busy = await startFixture('busy')
  const idle = await startFixture('idle')
  try {
    const busySampler = new ProcessSampler(busy.pid)
    const idleSampler = new ProcessSampler(idle.pid)
    const ownBefore = await reportedCpuMicros(busy)
    const startedAt = performance.now()
    await Promise.all([busySampler.sample(), idleSampler.sample()])
    await sleep(WINDOW_MS)
    const [busySample, idleSample] = await Promise.all([busySampler.sample(), idleSampler.sample()])
    const elapsedS = (performance.now() - startedAt) / 1000
    const ownAfter = await reportedCpuMicros(busy)
    assert.ok(busySample?.cpuPercent !== undefined && idleSample?.cpuPercent !== undefined)
    const ownPercent = ((ownAfter - ownBefore) / 1e6 / elapsedS) * 100
    const detail = `/proc says ${busySample.cpuPercent.toFixed(1)} %, the process itself ${ownPercent.toFixed(1)} %, idle ${idleSample.cpuPercent.toFixed(1)} %`
    // The 2 cores are shared with other tests, so the scheduler may give the loop far
    // less than a core: "high" is judged against what the process says it got, and
    // against an idle process measured over the same window.
    assert.ok(Math.abs(busySample.cpuPercent - ownPercent) < 15, detail)
    assert.ok(busySample.cpuPercent > idleSample.cpuPercent + 5, detail)
    if (ownPercent > 60) assert.ok(busySample.cpuPercent > 50, detail)
    assert.ok(busySample.threads >= 2, 'the worker thread is counted')
  } finally {
    await Promise.all([busy.stop(), idle.stop()])
  }
})

test('an idle process shows a CPU % near 0', async () => {
  const fixture = await startFixture('idle')
  try {
    const sampler = new ProcessSampler(fixture.pid)
    // Let the startup work (module loading, JIT) fall out of the window.
    await sleep(200)
    await sampler.sample()
    await sleep(WINDOW_MS)
    const sample = await sampler.sample()
    assert.ok(sample?.cpuPercent !== undefined)
    assert.ok(sample.cpuPercent < 10, `idle at ${sample.cpuPercent.toFixed(1)} %`)
  } finally {
    await fixture.stop()
  }
})

test('a process holding ~100 MB has an RSS above 80 MB; an idle one stays well below', async () => {
  const holder = await startFixture('hold-memory', ['100'])
  const idle = await startFixture('idle')
  try {
    const held = await new ProcessSampler(holder.pid).sample()
    const small = await new ProcessSampler(idle.pid).sample()
    assert.ok(held?.rssBytes !== undefined && small?.rssBytes !== undefined)
    assert.ok(held.rssBytes > 80 * 1024 * 1024, `RSS ${held.rssBytes} bytes`)
    assert.ok(small.rssBytes < held.rssBytes - 50 * 1024 * 1024, `idle RSS ${small.rssBytes} bytes`)
    assert.equal(held.cpuPercent, undefined, 'the first reading only sets the baseline')
  } finally {
    await Promise.all([holder.stop(), idle.stop()])
  }
})

test('a process that exited is reported gone (undefined), not as an error', async () => {
  const fixture = await startFixture('idle')
  const sampler = new ProcessSampler(fixture.pid)
  assert.ok(await sampler.sample())
  await fixture.stop()
  assert.equal(await sampler.sample(), undefined)
})
