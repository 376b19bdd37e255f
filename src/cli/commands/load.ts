import type { Command } from 'commander'
import { addTableOptions, type CliFlags } from '../../option-table/index.js'
import { LOAD_OPTIONS } from '../../lab/load/cli-options.js'

export function registerLoad (program: Command): void {
  const command = program.command('load')
    .description('Run a k6-compatible load test script (TypeScript or JavaScript); see docs/load.md')
    .argument('<script>', 'the test script (.ts or .js)')
  addTableOptions(command, LOAD_OPTIONS)
  command.action(async (script: string, flags: CliFlags) => {
    // Loaded on use: other subcommands do not pay for the load runner's modules.
    const { runLoadCommand } = await import('../../lab/load/command.js')
    process.exitCode = await runLoadCommand(script, flags, {
      dashboard: async (port) => await (await import('../../lab/report/dashboard/live-load.js')).liveLoadDashboard(port)
    })
  })
}
