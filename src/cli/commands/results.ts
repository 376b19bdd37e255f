import type { Command } from 'commander'
import { EXIT } from '../../exit-codes.js'
import { addTableOptions, type CliFlags } from '../../option-table/index.js'
import {
  RESULTS_ANALYZE_OPTIONS, RESULTS_COLLECT_OPTIONS, RESULTS_LIST_OPTIONS, analyzeOptionsFromCli, collectOptionsFromCli, listOptionsFromCli
} from '../../lab/report/commands/cli-options.js'
// Loaded on use: other subcommands do not pay for the report's modules.
const report = async (): Promise<typeof import('../../lab/report/index.js')> => await import('../../lab/report/index.js')

/** results list | analyze | collect: the runs under results/ and their reports. */
export function registerResults (program: Command): void {
  const results = program.command('results').description('List, collect and analyze the runs under results/')

  const list = results.command('list').description('List the runs with their verdicts, oldest first')
  addTableOptions(list, RESULTS_LIST_OPTIONS).action(async (flags: CliFlags) => {
    const options = listOptionsFromCli(flags)
    const { listRuns, resultsRoot, runListRows, formatRunList } = await report()
    const runs = await listRuns(options.root ?? resultsRoot())
    console.log(options.json ? JSON.stringify(runListRows(runs), null, 2) : formatRunList(runs))
  })

  const analyze = results.command('analyze')
    .argument('[run]', 'run id, unique prefix, directory or "latest"; none: the latest run')
    .description('Write report.md, report.html and analysis.json into the run directory and print the verdict')
  addTableOptions(analyze, RESULTS_ANALYZE_OPTIONS).action(async (run: string | undefined, flags: CliFlags) => {
    const options = analyzeOptionsFromCli(run, flags)
    const { analyzeAndReport, formatAnalyzeResult } = await report()
    const result = await analyzeAndReport(options.analyze)
    console.log(formatAnalyzeResult(result))
    const regressions = (result.comparison?.regressions.length ?? 0) + result.recoveryRegressions.length
    if (options.failOnRegression && regressions > 0) process.exitCode = EXIT.REGRESSION
  })

  const collect = results.command('collect')
    .description('Move loose outputs (k6 NDJSON, aggregates, summary, pprof files, monitor CSVs) into the latest run directory')
  addTableOptions(collect, RESULTS_COLLECT_OPTIONS).action(async (flags: CliFlags) => {
    const result = await (await report()).collectResults(collectOptionsFromCli(flags))
    for (const moved of result.moved) console.log(`${moved.from} -> ${moved.to}`)
    console.log(`${result.moved.length} file(s) collected into ${result.dir}`)
  })
}
