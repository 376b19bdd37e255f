/**
 * When the faults happen. They run one at a time during the peak, after the
 * profiles (a profile of a dying process measures the fault, not the code),
 * each followed by its recovery window. Plan durations scale with
 * --time-scale like the stages; two things do not shrink with it, because
 * they happen in real time: a process restart, and the resolution of the
 * per-second series recovery is judged on (1 s). So a recovery window is never
 * shorter than the hold it must contain plus RECOVERY_MARGIN_S.
 */
import { profileSchedule, type PeakWindow } from '../perf-test/peak.js'
import { faultName, type ChaosPlan, type Fault } from './plan.js'

/** Real time a killed or stopped service takes to exit, start again and answer its health check (2 cores, under load). */
export const RESTART_ESTIMATE_MS = 4000
/** Seconds of a recovery window beyond the hold: room for a recovery that starts a little late. */
export const RECOVERY_MARGIN_S = 2

export interface ScheduledFault {
  index: number
  name: string
  fault: Fault
  /** Provider faults: how long the knobs stay set. Process faults: how long the service stays down after it exited. */
  faultMs: number
  /** After the failed part is healthy again, before the next fault. */
  recoveryMs: number
  /** Planned length of fault + recovery, with RESTART_ESTIMATE_MS for a process fault. */
  estimateMs: number
}

export interface ChaosSchedule {
  faults: ScheduledFault[]
  /** Recovered = under the targets for this long (scaled, at least 1 s). */
  holdS: number
  /** Recovery target after healthy again, s (not scaled). */
  targetS: number
  /** Sum of the faults' estimates. */
  budgetMs: number
}

export function scheduleFaults (plan: ChaosPlan, timeScale: number): ChaosSchedule {
  const holdS = Math.max(1, Math.round(plan.recovery.holdS * timeScale))
  const faults = plan.faults.map((fault, index): ScheduledFault => {
    const faultMs = (fault.kind === 'process' ? fault.downS : fault.durationS) * timeScale * 1000
    const recoveryMs = Math.max(fault.recoveryS * timeScale, holdS + RECOVERY_MARGIN_S) * 1000
    const restartMs = fault.kind === 'process' ? RESTART_ESTIMATE_MS : 0
    return { index, name: faultName(fault), fault, faultMs, recoveryMs, estimateMs: faultMs + restartMs + recoveryMs }
  })
  return { faults, holdS, targetS: plan.recovery.targetS, budgetMs: faults.reduce((sum, f) => sum + f.estimateMs, 0) }
}

export interface ChaosWindow {
  /** When the first fault starts, ms from the start of the test. */
  startMs: number
  /** CPU seconds of the peak's profile, shortened so the faults fit in the peak after it. */
  profileCpuSeconds: number
  /** Whether the faults' estimated time fits between the profiles and the end of the peak. */
  fitsInPeak: boolean
  /** Planned end of the last recovery window, ms from the start of the test. */
  endMs: number
}

/** Slack after the profiles' planned end: collecting and writing them takes a moment. */
const PROFILE_SLACK_MS = 1000

/**
 * Places the chaos part in the peak: profiles first (as long as `profileMaxSeconds`
 * allows and the faults leave room, at least 1 s), then the faults.
 */
export function placeInPeak (peak: PeakWindow, schedule: ChaosSchedule, profileMaxSeconds: number, services = 3): ChaosWindow {
  const full = profileSchedule(peak, profileMaxSeconds, services)
  // Traces are taken one service at a time, after the CPU profiles (perf-test/peak.ts).
  const traceBudgetS = services * (full.traceSeconds + 1)
  const latestStart = peak.endMs - schedule.budgetMs
  const roomS = Math.floor((latestStart - PROFILE_SLACK_MS - full.atMs) / 1000) - traceBudgetS
  const profileCpuSeconds = Math.max(1, Math.min(full.cpuSeconds, roomS))
  const profilesEndMs = full.atMs + (profileCpuSeconds + traceBudgetS) * 1000 + PROFILE_SLACK_MS
  const startMs = Math.max(peak.startMs, profilesEndMs)
  const endMs = startMs + schedule.budgetMs
  return { startMs, profileCpuSeconds, fitsInPeak: endMs <= peak.endMs, endMs }
}
