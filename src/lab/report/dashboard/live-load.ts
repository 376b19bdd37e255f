/**
 * The live dashboard of a standalone `mib load --dashboard`: the runner's
 * windows and live thresholds, every second. (Under `mib perf-test` the
 * workflow also feeds it the monitor's samples.)
 */
import { startDashboard } from './server.js'
import { thresholdStatuses, windowEvent } from './feed.js'
import type { LiveView } from '../../load/command.js'

export async function liveLoadDashboard (port: number | undefined, snapshotFile?: string): Promise<LiveView> {
  const dashboard = await startDashboard({ ...(port === undefined ? {} : { port }), ...(snapshotFile === undefined ? {} : { snapshotFile }) })
  return {
    url: dashboard.url,
    onWindow: (window, status) => { dashboard.publish(windowEvent(window, status.vus, status.thresholds)) },
    close: async (result) => {
      dashboard.publish({ type: 'end', time: Date.now(), summary: { message: 'test finished', ...(result === undefined ? {} : { thresholds: thresholdStatuses(result.thresholds) }) } })
      await dashboard.close()
    }
  }
}
