import type { Command } from 'commander'
import { addTableOptions, type CliFlags } from '../../option-table/index.js'
import { PERF_TEST_OPTIONS, perfTestOptionsFromCli } from '../../workflow/perf-test/cli-options.js'

export function registerPerfTest (program: Command): void {
  addTableOptions(program.command('perf-test'), PERF_TEST_OPTIONS)
    .description('Run the whole performance workflow and print the verdict')
    .action(async (flags: CliFlags) => {
      const options = perfTestOptionsFromCli(flags)
      // Loaded on use: other subcommands do not pay for the whole lab's modules.
      const { runPerfTest } = await import('../../workflow/perf-test/index.js')
      const result = await runPerfTest(options)
      process.stderr.write(`mib: results in ${result.dir}\n`)
      process.exitCode = result.exitCode
    })
}
