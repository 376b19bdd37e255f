import type { Command } from 'commander'
import { join } from 'node:path'
import type { Dashboard } from '../../lab/report/index.js'
import { EXIT } from '../../exit-codes.js'

interface MonitorFlags {
  duration: string
  interval: string
  out?: string
  pid: string[]
  metrics: string[]
  health: string[]
  prometheus?: string
  prometheusWindow?: string
  dashboard?: boolean
  dashboardPort: string
  quiet?: boolean
}

const collect = (value: string, previous: string[]): string[] => [...previous, value]

/** `name=value` → [name, value]; without '=', the value is empty and validation reports it. */
function splitPair (text: string): [string, string] {
  const at = text.indexOf('=')
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)]
}

export function registerMonitor (program: Command): void {
  program.command('monitor')
    .description('Sample system, process and service metrics into CSV files (Ctrl-C stops and flushes)')
    .option('--duration <seconds>', 'how long to sample (max 86400)', '300')
    .option('--interval <seconds>', 'seconds between samples (min 0.1)', '5')
    .option('--out <dir>', 'directory for the CSV files (default results/monitor-<timestamp>/)')
    .option('--pid <name=pid>', 'watch this process as service <name> (repeatable)', collect, [])
    .option('--metrics <name=url>', 'scrape this Prometheus /metrics URL for service <name> (repeatable)', collect, [])
    .option('--health <name=url>', 'check this health URL for service <name> (repeatable)', collect, [])
    .option('--prometheus <url>', 'read service metrics from this Prometheus server instead of scraping')
    .option('--prometheus-window <seconds>', 'range of rate() in Prometheus queries', '60')
    .option('--dashboard', 'serve the live dashboard (system and service CPU/memory, every sample)')
    .option('--dashboard-port <port>', 'live dashboard port', '5665')
    .option('--quiet', 'no line per sample on stdout')
    .action(async (flags: MonitorFlags) => {
      // Loaded on use: other subcommands do not pay for the monitor's modules.
      const [{ startMonitor }, { formatSampleLine, formatWarning, formatSummary }] = await Promise.all([
        import('../../lab/monitor/index.js'), import('../../lab/monitor/console-report.js')])
      const monitor = startMonitor({
        durationS: Number(flags.duration),
        intervalS: Number(flags.interval),
        outDir: flags.out,
        pids: flags.pid.map(splitPair).map(([name, pid]) => ({ name, pid: Number(pid === '' ? Number.NaN : pid) })),
        metricsUrls: flags.metrics.map(splitPair).map(([name, url]) => ({ name, url })),
        healthUrls: flags.health.map(splitPair).map(([name, url]) => ({ name, url })),
        prometheusUrl: flags.prometheus,
        prometheusWindowS: Number(flags.prometheusWindow)
      })
      let dashboard: Dashboard | undefined
      if (flags.dashboard === true) {
        const { monitorEvent, startDashboard, RUN_FILES } = await import('../../lab/report/index.js')
        const snapshotFile = monitor.outDir === undefined ? undefined : join(monitor.outDir, RUN_FILES.dashboard)
        dashboard = await startDashboard({ port: Number(flags.dashboardPort), ...(snapshotFile === undefined ? {} : { snapshotFile }) })
        const live = dashboard
        // Samples taken while the dashboard started are replayed first, then it follows.
        for (const sample of monitor.history) live.publish(monitorEvent(sample))
        monitor.on('sample', (sample) => { live.publish(monitorEvent(sample)) })
        process.stderr.write(`mib monitor: live dashboard at ${dashboard.url}\n`)
      }
      const where = monitor.outDir === undefined ? '' : ` into ${monitor.outDir}/`
      process.stderr.write(`mib monitor: sampling every ${monitor.options.intervalS} s for ${monitor.options.durationS} s${where} (Ctrl-C stops)\n`)
      monitor.on('warning', (warning) => process.stderr.write(formatWarning(warning) + '\n'))
      if (flags.quiet !== true) monitor.on('sample', (sample) => process.stdout.write(formatSampleLine(sample) + '\n'))
      // First Ctrl-C/SIGTERM: stop cleanly (flush the CSVs); a second one aborts at once.
      const onSignal = (): void => {
        process.off('SIGINT', onSignal).off('SIGTERM', onSignal)
        process.once('SIGINT', () => process.exit(EXIT.EXTERNAL_ABORT)).once('SIGTERM', () => process.exit(EXIT.EXTERNAL_ABORT))
        void monitor.stop()
      }
      process.on('SIGINT', onSignal).on('SIGTERM', onSignal)
      try {
        process.stderr.write(formatSummary(await monitor.done) + '\n')
      } finally {
        process.off('SIGINT', onSignal).off('SIGTERM', onSignal)
        await dashboard?.close()
      }
    })
}
