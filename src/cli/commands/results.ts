import { InvalidArgumentError, type Command } from 'commander'
import { EXIT } from '../../exit-codes.js'
// Loaded on use: other subcommands do not pay for the report's modules.
const report = async (): Promise<typeof import('../../lab/report/index.js')> => await import('../../lab/report/index.js')

interface AnalyzeFlags {
  baseline?: string
  failOnRegression?: boolean
  regressionThreshold: number
  errorRateThreshold: number
  resultsDir?: string
}

function nonNegativeNumber (text: string): number {
  const n = Number(text)
  if (text.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number ≥ 0')
  return n
}

/** results list | analyze | collect: the runs under results/ and their reports. */
export function registerResults (program: Command): void {
  const results = program.command('results').description('List, collect and analyze the runs under results/')

  results.command('list')
    .description('List the runs with their verdicts, oldest first')
    .option('--results-dir <dir>', 'results root (default results/ or $MIB_RESULTS_DIR)')
    .option('--json', 'machine-readable output')
    .action(async (flags: { resultsDir?: string, json?: boolean }) => {
      const runs = await (await report()).listRuns(flags.resultsDir ?? (await report()).resultsRoot())
      console.log(flags.json === true ? JSON.stringify((await report()).runListRows(runs), null, 2) : (await report()).formatRunList(runs))
    })

  results.command('analyze')
    .argument('[run]', 'run id, unique prefix, directory or "latest"', 'latest')
    .description('Write report.md, report.html and analysis.json into the run directory and print the verdict')
    .option('--baseline <run>', 'compare with this run and flag regressions')
    .option('--fail-on-regression', `exit ${EXIT.REGRESSION} when a regression against the baseline is found`)
    .option('--regression-threshold <pct>', 'p95/p99 worse, or throughput down, by more than this % is a regression', nonNegativeNumber, 10)
    .option('--error-rate-threshold <pp>', 'error rate up by more than this many percentage points is a regression', nonNegativeNumber, 0.5)
    .option('--results-dir <dir>', 'results root (default results/ or $MIB_RESULTS_DIR)')
    .action(async (run: string, flags: AnalyzeFlags) => {
      const threshold = flags.regressionThreshold
      const result = await (await report()).analyzeAndReport({
        run,
        ...(flags.baseline !== undefined ? { baseline: flags.baseline } : {}),
        ...(flags.resultsDir !== undefined ? { root: flags.resultsDir } : {}),
        rules: { latencyPct: threshold, throughputPct: threshold, errorRatePp: flags.errorRateThreshold }
      })
      console.log((await report()).formatAnalyzeResult(result))
      if (flags.failOnRegression === true && (result.comparison?.regressions.length ?? 0) + result.recoveryRegressions.length > 0) process.exitCode = EXIT.REGRESSION
    })

  results.command('collect')
    .description('Move loose outputs (k6 NDJSON, aggregates, summary, pprof files, monitor CSVs) into the latest run directory')
    .option('--from <dir>', 'where the loose files are (default: the working directory)')
    .option('--run <run>', 'the run to collect into (default: the latest; a new one when there is none)')
    .option('--results-dir <dir>', 'results root (default results/ or $MIB_RESULTS_DIR)')
    .action(async (flags: { from?: string, run?: string, resultsDir?: string }) => {
      const result = await (await report()).collectResults({
        ...(flags.from !== undefined ? { from: flags.from } : {}),
        ...(flags.run !== undefined ? { run: flags.run } : {}),
        ...(flags.resultsDir !== undefined ? { root: flags.resultsDir } : {})
      })
      for (const m of result.moved) console.log(`${m.from} -> ${m.to}`)
      console.log(`${result.moved.length} file(s) collected into ${result.dir}`)
    })
}
