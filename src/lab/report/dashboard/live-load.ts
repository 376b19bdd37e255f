/**
 * The live dashboard as an output of the load runner (its `addWindow`
 * capability): each window, with the run's VUs and live thresholds, becomes a
 * `window` event. Standalone `mib load --dashboard` ends the dashboard with the
 * run; under `mib perf-test` the monitor and the faults outlive the test, so
 * the workflow closes it later (the end event still carries the final thresholds).
 */
import type { Output, OutputStopResult } from '../../load/outputs/index.js'
import { startDashboard, type Dashboard } from './server.js'
import { thresholdStatuses, windowEvent } from './feed.js'

export interface LiveLoadOutput extends Output {
  readonly url: string
  /** Publishes the end (with the final thresholds once the run stopped) and closes the dashboard. Idempotent. */
  close: () => Promise<void>
}

export function liveLoadOutput (dashboard: Dashboard, { endsWithRun }: { endsWithRun: boolean }): LiveLoadOutput {
  let final: OutputStopResult['thresholds'] | undefined
  let closing: Promise<void> | undefined
  const close = async (): Promise<void> => {
    closing ??= (async () => {
      dashboard.publish({ type: 'end', time: Date.now(), summary: { message: 'test finished', ...(final === undefined ? {} : { thresholds: thresholdStatuses(final) }) } })
      await dashboard.close()
    })()
    await closing
  }
  return {
    name: 'dashboard',
    url: dashboard.url,
    addWindow (window, status) {
      if (closing === undefined) dashboard.publish(windowEvent(window, status.vus, status.thresholds))
    },
    async stop (result) {
      final = result.thresholds
      if (endsWithRun) await close()
    },
    close
  }
}

/** `mib load --dashboard`: a dashboard that the run's end closes. */
export async function liveLoadDashboard (port: number | undefined, snapshotFile?: string): Promise<LiveLoadOutput> {
  const dashboard = await startDashboard({ ...(port === undefined ? {} : { port }), ...(snapshotFile === undefined ? {} : { snapshotFile }) })
  return liveLoadOutput(dashboard, { endsWithRun: true })
}
