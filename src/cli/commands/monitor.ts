import type { Command } from 'commander'
import { addTableOptions, type CliFlags } from '../../option-table/index.js'
import { MONITOR_OPTIONS, monitorOptionsFromCli } from '../../lab/monitor/cli-options.js'

export function registerMonitor (program: Command): void {
  const command = program.command('monitor')
    .description('Sample system, process and service metrics into CSV files (Ctrl-C stops and flushes)')
  addTableOptions(command, MONITOR_OPTIONS)
  command.action(async (flags: CliFlags) => {
    const options = monitorOptionsFromCli(flags)
    // Loaded on use: other subcommands do not pay for the monitor's modules.
    const { runMonitorCommand } = await import('../../lab/monitor/command.js')
    process.exitCode = await runMonitorCommand(options, {
      dashboard: async (monitor, port) => await (await import('../../lab/report/dashboard/live-monitor.js')).liveMonitorDashboard(monitor, port)
    })
  })
}
