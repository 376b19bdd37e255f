/**
 * `mib monitor [flags]`: samples until its duration ends or a signal stops it
 * (src/signals.ts: the first flushes the CSVs and ends, exit 0; a second exits
 * at once, 105), optionally with the live dashboard; returns the exit code.
 */
import { onStopSignals } from '../../signals.js'
import { EXIT } from '../../exit-codes.js'
import { monitorOptionsOf, type MonitorCommandOptions } from './cli-options.js'
import { startMonitor, type Monitor } from './monitor.js'
import { formatSampleLine, formatSummary, formatWarning } from './write/console-report.js'

/** A live view of the samples: the dashboard, plugged in by the report component. */
export interface MonitorView {
  url: string
  close: () => Promise<void>
}

export interface MonitorCommandHooks {
  dashboard?: (monitor: Monitor, port: number) => Promise<MonitorView>
}

/** Runs the command with options validated by its table (cli-options.ts: monitorOptionsFromCli). */
export async function runMonitorCommand (options: MonitorCommandOptions, hooks: MonitorCommandHooks = {}): Promise<number> {
  const monitor = startMonitor(monitorOptionsOf(options))
  // At once: the first warnings (no services) come while the dashboard starts.
  monitor.on('warning', (warning) => process.stderr.write(formatWarning(warning) + '\n'))
  const signals = onStopSignals({ graceful: () => { void monitor.stop() }, exitCode: EXIT.EXTERNAL_ABORT })
  let view: MonitorView | undefined
  try {
    if (options.dashboard) {
      view = await startView(monitor, () => hooks.dashboard?.(monitor, options.dashboardPort))
      if (view === undefined) process.stderr.write('mib monitor: --dashboard: the live dashboard is not available in this build; continuing without it\n')
      else process.stderr.write(`mib monitor: live dashboard at ${view.url}\n`)
    }
    const where = monitor.outDir === undefined ? '' : ` into ${monitor.outDir}/`
    process.stderr.write(`mib monitor: sampling every ${monitor.options.intervalS} s for ${monitor.options.durationS} s${where} (Ctrl-C stops)\n`)
    if (!options.quiet) monitor.on('sample', (sample) => process.stdout.write(formatSampleLine(sample) + '\n'))
    process.stderr.write(formatSummary(await monitor.done) + '\n')
    return EXIT.OK
  } finally {
    await view?.close()
    signals.remove()
  }
}

/** A dashboard that cannot start (port in use) stops the monitor too: nothing is left running. */
async function startView (monitor: Monitor, start: () => Promise<MonitorView> | undefined): Promise<MonitorView | undefined> {
  try {
    return await start()
  } catch (err) {
    await monitor.stop()
    throw err
  }
}
