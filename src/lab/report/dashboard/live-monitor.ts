/**
 * The monitor's samples on a live dashboard: `mib monitor --dashboard`, and the
 * workflow's main test (beside the runner's windows).
 */
import { join } from 'node:path'
import type { Monitor, MonitorSample } from '../../monitor/index.js'
import { RUN_FILES } from '../../results-dir/index.js'
import { startDashboard, type Dashboard } from './server.js'
import { monitorEvent } from './feed.js'

/** Publishes the samples taken so far, then each new one; returns the unsubscriber (call it before closing the dashboard). */
export function followMonitor (dashboard: Pick<Dashboard, 'publish'>, monitor: Monitor): () => void {
  for (const sample of monitor.history) dashboard.publish(monitorEvent(sample))
  const onSample = (sample: MonitorSample): void => { dashboard.publish(monitorEvent(sample)) }
  monitor.on('sample', onSample)
  return () => { monitor.off('sample', onSample) }
}

/** `mib monitor --dashboard`: a dashboard of the monitor's samples; its snapshot lands beside the CSVs. */
export async function liveMonitorDashboard (monitor: Monitor, port: number): Promise<{ url: string, close: () => Promise<void> }> {
  const snapshotFile = monitor.outDir === undefined ? undefined : join(monitor.outDir, RUN_FILES.dashboard)
  const dashboard = await startDashboard({ port, ...(snapshotFile === undefined ? {} : { snapshotFile }) })
  const unfollow = followMonitor(dashboard, monitor)
  return {
    url: dashboard.url,
    close: async () => {
      unfollow()
      await dashboard.close()
    }
  }
}
