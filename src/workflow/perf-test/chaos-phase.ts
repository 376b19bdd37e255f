/**
 * The chaos part of `mib perf-test --chaos <plan>`: placed in the peak after
 * the profiles (schedule.ts), started on the test's own clock like the
 * profiles, recorded in the run directory (chaos-events.ndjson) and drawn on
 * the live dashboard as bands. The load, the monitor and the dashboard keep
 * running throughout.
 */
import { join } from 'node:path'
import { FAULT_EVENTS_FILE, faultBands, type Dashboard, type FaultEvent } from '../../lab/report/index.js'
import { createFaultRecorder, placeInPeak, runChaos, scheduleFaults, type ChaosPlan, type ChaosSchedule, type ChaosWindow } from '../chaos/index.js'
import type { RunningStack } from '../stack/index.js'
import type { PeakWindow } from './peak.js'

export interface ChaosSetup {
  plan: ChaosPlan
  schedule: ChaosSchedule
  window: ChaosWindow
}

/** Schedules the plan in the test's peak; undefined when the shape has no peak to put it in. */
export function setUpChaos (plan: ChaosPlan, peak: PeakWindow | undefined, timeScale: number, profileMaxSeconds: number): ChaosSetup | undefined {
  if (peak === undefined) return undefined
  const schedule = scheduleFaults(plan, timeScale)
  return { plan, schedule, window: placeInPeak(peak, schedule, profileMaxSeconds) }
}

export interface ChaosPhase {
  /** Called once the test runs, with its elapsed time: the first fault is timed from the test's own start. */
  begin: (elapsedMs: number) => void
  /** The test is over: the fault under way is healed, no other begins; resolves when everything is recorded. */
  finish: () => Promise<void>
}

export interface ChaosPhaseContext {
  setup: ChaosSetup
  /** Planned length of the test, ms (time-scaled). */
  plannedMs: number
  runDir: string
  stack: RunningStack
  dashboard: Dashboard | undefined
  log: (line: string) => void
  /** A service was started again under a new pid (the monitor follows it). */
  onRestarted: (name: string, pid: number) => void
  /** Settles when the peak's profiles are taken: no fault begins before (a profile of a dying process measures the fault). */
  profilesDone: Promise<unknown>
}

const BAND_CHANGES = new Set<FaultEvent['type']>(['fault-start', 'healthy', 'recovery-end'])

export function startChaosPhase (ctx: ChaosPhaseContext): ChaosPhase {
  const { plan, schedule, window } = ctx.setup
  const recorder = createFaultRecorder(join(ctx.runDir, FAULT_EVENTS_FILE), (e) => {
    if (BAND_CHANGES.has(e.type)) ctx.dashboard?.publish({ type: 'bands', time: e.time, bands: faultBands(recorder.events) })
    if (e.type === 'healthy') {
      const pid = ctx.stack.state.services.find((s) => s.name === e.service)?.pid
      if (pid !== undefined) ctx.onRestarted(e.service, pid)
    }
  })
  const stopping = new AbortController()
  let timer: NodeJS.Timeout | undefined
  let running: Promise<unknown> = Promise.resolve()
  let begun = false
  return {
    begin (elapsedMs) {
      if (begun) return
      begun = true
      const testStartMs = Date.now() - elapsedMs
      recorder.record({
        type: 'plan',
        time: Date.now(),
        source: plan.source,
        holdS: schedule.holdS,
        targetS: schedule.targetS,
        fitsInPeak: window.fitsInPeak,
        testStartMs,
        faults: schedule.faults.map((f) => ({ index: f.index, name: f.name, kind: f.fault.kind, target: f.fault.kind === 'process' ? f.fault.service : 'provider-sim' }))
      })
      const inS = (ms: number): string => (ms / 1000).toFixed(1)
      ctx.log(`  chaos plan ${plan.source}: ${schedule.faults.length} faults from ${inS(window.startMs)} s into the test, about ${inS(schedule.budgetMs)} s` +
        (window.fitsInPeak ? '' : ` (does not fit in the peak: ends ${inS(window.endMs)} s in, after the peak; a longer --time-scale gives it room)`))
      timer = setTimeout(() => {
        timer = undefined
        running = ctx.profilesDone.then(async () => await runChaos({
          schedule,
          stack: ctx.stack,
          recorder,
          log: ctx.log,
          remainingMs: () => ctx.plannedMs - (Date.now() - testStartMs),
          signal: stopping.signal
        })).catch((err: unknown) => { ctx.log(`  chaos run failed: ${String(err)}`) })
      }, Math.max(0, window.startMs - elapsedMs))
    },
    async finish () {
      if (timer !== undefined) {
        clearTimeout(timer)
        timer = undefined
        if (begun) for (const f of schedule.faults) recorder.record({ type: 'skipped', time: Date.now(), index: f.index, name: f.name, reason: 'the test ended before the chaos part began' })
      }
      stopping.abort()
      await running
      await recorder.flush()
    }
  }
}
