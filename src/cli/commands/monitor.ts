import type { Command } from 'commander'
import type { MonitorFlags } from '../../lab/monitor/command.js'

const collect = (value: string, previous: string[]): string[] => [...previous, value]

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
      const { runMonitorCommand } = await import('../../lab/monitor/command.js')
      process.exitCode = await runMonitorCommand(flags, {
        dashboard: async (monitor, port) => await (await import('../../lab/report/dashboard/live-monitor.js')).liveMonitorDashboard(monitor, port)
      })
    })
}
