/**
 * Runs a chaos schedule against a running stack, one fault at a time: sample
 * memory, inject, hold the fault, heal (start the service again / restore the
 * knobs), wait until the failed part is healthy, then the recovery window.
 * Every step is an event. A fault is always healed, also when the run is
 * stopping; no new fault begins when too little of the test is left for it
 * and its recovery window.
 */
import type { FaultEvent } from '../../lab/report/index.js'
import { ProcessSampler } from '../../lab/monitor/index.js'
import type { ServiceName } from '../../run-dir.js'
import { checkHealth, type RunningStack } from '../stack/index.js'
import type { FaultRecorder } from './recorder.js'
import type { ChaosSchedule, ScheduledFault } from './schedule.js'
import { providerKnobs } from './provider-knobs.js'
import type { ProcessFault, ProviderFault } from './plan.js'
import type { KnobsPatch } from '../../services/provider-sim/index.js'

export interface ChaosRunContext {
  schedule: ChaosSchedule
  stack: RunningStack
  recorder: FaultRecorder
  log: (line: string) => void
  /** Time left in the load test, ms: a fault starts only if its estimate fits. */
  remainingMs: () => number
  /** Aborted when the test ends or is interrupted: the current fault is healed and no other begins. */
  signal: AbortSignal
}

export interface ChaosRunResult {
  injected: number
  skipped: number
}

export async function runChaos (ctx: ChaosRunContext): Promise<ChaosRunResult> {
  let injected = 0
  let skipped = 0
  let stopReason: string | undefined
  for (const f of ctx.schedule.faults) {
    const left = ctx.remainingMs()
    const reason = stopReason ?? (ctx.signal.aborted
      ? 'the test ended first'
      : left < f.estimateMs ? `${(left / 1000).toFixed(1)} s of test left, the fault and its recovery window need about ${(f.estimateMs / 1000).toFixed(1)} s` : undefined)
    if (reason !== undefined) {
      ctx.recorder.record({ type: 'skipped', time: Date.now(), index: f.index, name: f.name, reason })
      ctx.log(`  chaos: ${f.name} skipped: ${reason}`)
      skipped++
      continue
    }
    injected++
    ctx.recorder.record({ type: 'memory', time: Date.now(), index: f.index, name: f.name, phase: 'before', services: await memoryOf(ctx.stack) })
    try {
      const healthy = f.fault.kind === 'process' ? await processFault(ctx, f, f.fault) : await providerFault(ctx, f, f.fault)
      if (!healthy) stopReason = `${f.name} did not heal, so later faults would measure it`
    } catch (err) {
      const message = (err as Error).message
      ctx.recorder.record({ type: 'error', time: Date.now(), index: f.index, name: f.name, message })
      ctx.log(`  chaos: ${f.name} failed: ${message}`)
      stopReason = `${f.name} failed: ${message}`
      continue
    }
    await sleep(f.recoveryMs, ctx.signal)
    ctx.recorder.record({ type: 'recovery-end', time: Date.now(), index: f.index, name: f.name })
    ctx.recorder.record({ type: 'memory', time: Date.now(), index: f.index, name: f.name, phase: 'after', services: await memoryOf(ctx.stack) })
  }
  const health = await Promise.all(ctx.stack.state.services.map(async (s) => await checkHealth(s.name, s.healthUrl)))
  ctx.recorder.record({
    type: 'health',
    time: Date.now(),
    services: health.map((h) => ({ name: h.name, healthy: h.healthy, detail: h.error ?? String(h.statusCode ?? '') }))
  })
  ctx.log(`  chaos: done (${injected} injected, ${skipped} skipped); at the end ${health.map((h) => `${h.healthy ? '✓' : '✗'} ${h.name}`).join(' ')}`)
  return { injected, skipped }
}

/** Kill or stop the service, keep it down for the fault's time, start it again. Resolves true once it is healthy. */
async function processFault (ctx: ChaosRunContext, f: ScheduledFault, fault: ProcessFault): Promise<boolean> {
  const service: ServiceName = fault.service
  const pid = ctx.stack.state.services.find((s) => s.name === service)?.pid
  const base = { index: f.index, name: f.name }
  ctx.recorder.record({ type: 'fault-start', time: Date.now(), ...base, kind: 'process', target: service, detail: `${fault.signal} to pid ${pid ?? '?'}` })
  ctx.log(`  chaos: ${f.name}: ${fault.signal} to ${service} (pid ${pid ?? '?'})`)
  const exit = await ctx.stack.stopService(service, fault.signal)
  ctx.recorder.record({ type: 'service-exited', time: Date.now(), ...base, service, pid: exit.pid, code: exit.code, signal: exit.signal })
  await sleep(f.faultMs, ctx.signal)
  ctx.recorder.record({ type: 'fault-end', time: Date.now(), ...base })
  const started = await ctx.stack.startService(service)
  ctx.recorder.record({ type: 'healthy', time: Date.now(), ...base, service })
  ctx.log(`  chaos: ${service} healthy again (pid ${started.pid})`)
  return true
}

/** Set the knobs for the fault's time, then put back the values they had. The provider is healthy again at once. */
async function providerFault (ctx: ChaosRunContext, f: ScheduledFault, fault: ProviderFault): Promise<boolean> {
  const url = ctx.stack.state.services.find((s) => s.name === 'provider-sim')?.urls.http
  if (url === undefined) throw new Error('the stack has no provider-sim URL')
  const knobs = providerKnobs(url, f.name)
  const before = await knobs.get()
  const restore: KnobsPatch = {}
  for (const key of Object.keys(fault.set) as Array<keyof KnobsPatch>) restore[key] = before[key]
  const base = { index: f.index, name: f.name }
  await knobs.set(fault.set)
  ctx.recorder.record({ type: 'fault-start', time: Date.now(), ...base, kind: 'provider', target: 'provider-sim', detail: JSON.stringify(fault.set) })
  ctx.log(`  chaos: ${f.name}: provider knobs ${JSON.stringify(fault.set)} for ${(f.faultMs / 1000).toFixed(1)} s`)
  try {
    await sleep(f.faultMs, ctx.signal)
  } finally {
    await knobs.set(restore)
    const now = Date.now()
    ctx.recorder.record({ type: 'fault-end', time: now, ...base })
    ctx.recorder.record({ type: 'healthy', time: now, ...base, service: 'provider-sim' })
  }
  return true
}

async function memoryOf (stack: RunningStack): Promise<Extract<FaultEvent, { type: 'memory' }>['services']> {
  return await Promise.all(stack.state.services.map(async (s) => {
    const sample = await new ProcessSampler(s.pid).sample().catch(() => undefined)
    return { name: s.name, pid: s.pid, rssBytes: sample?.rssBytes ?? null }
  }))
}

/** Waits `ms`, or less when `signal` aborts; never rejects. */
async function sleep (ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return
  await new Promise<void>((resolve) => {
    const done = (): void => { clearTimeout(timer); signal.removeEventListener('abort', done); resolve() }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })
}
