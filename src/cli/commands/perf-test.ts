import type { Command } from 'commander'
import { parseOptions } from '../../options.js'
import { addStackPortOptions, stackPortsFromFlags, type StackPortKey } from '../stack-flags.js'

interface PerfTestFlags extends Partial<Record<StackPortKey, string>> {
  preset: string
  timeScale: string
  script?: string
  baseline?: string
  failOnRegression?: boolean
  light: boolean
  lightPreset: string
  dashboard: boolean
  dashboardPort?: string
  resultsDir?: string
  workers?: string
  monitorInterval?: string
  profileSeconds?: string
}

const num = (v: string | undefined): number | undefined => v === undefined ? undefined : Number(v)

export function registerPerfTest (program: Command): void {
  addStackPortOptions(program.command('perf-test'))
    .description('Run the whole performance workflow and print the verdict')
    .option('--preset <name>', 'main test preset: smoke | light | standard | heavy', 'standard')
    .option('--time-scale <factor>', 'multiply every duration (0.1 runs the 13-min standard shape in 78 s)', process.env.TIME_SCALE ?? '1')
    .option('--script <path>', 'workload script', 'load-testing/market-intel.ts')
    .option('--baseline <run>', 'compare with this run (id, prefix, directory or "latest")')
    .option('--fail-on-regression', 'exit 4 when the comparison finds a regression')
    .option('--no-light', 'skip the light test before the main one')
    .option('--light-preset <name>', 'preset of the light test', 'light')
    .option('--no-dashboard', 'do not serve the live dashboard')
    .option('--dashboard-port <port>', 'live dashboard port (default 5665)')
    .option('--results-dir <dir>', 'results root (default results/ or $MIB_RESULTS_DIR)')
    .option('--workers <n>', 'runner worker threads, or auto')
    .option('--monitor-interval <seconds>', 'seconds between monitor samples (default scales with the test)')
    .option('--profile-seconds <n>', 'longest CPU profile at the peak (default 30)')
    .action(async (f: PerfTestFlags) => {
      const { stackOptionsSchema } = await import('../../workflow/stack/index.js')
      const stack = parseOptions(stackOptionsSchema, { env: 'production', profiling: true, ...stackPortsFromFlags(f) }, 'port options')
      // Loaded on use: other subcommands do not pay for the whole lab's modules.
      const { runPerfTest } = await import('../../workflow/perf-test/index.js')
      const result = await runPerfTest({
        preset: f.preset,
        timeScale: Number(f.timeScale),
        light: f.light,
        lightPreset: f.lightPreset,
        dashboard: f.dashboard,
        stack,
        ...(f.script === undefined ? {} : { script: f.script }),
        ...(f.baseline === undefined ? {} : { baseline: f.baseline }),
        ...(f.failOnRegression === true ? { failOnRegression: true } : {}),
        ...(f.dashboardPort === undefined ? {} : { dashboardPort: num(f.dashboardPort) }),
        ...(f.resultsDir === undefined ? {} : { resultsRoot: f.resultsDir }),
        ...(f.workers === undefined ? {} : { workers: f.workers === 'auto' ? 'auto' : num(f.workers) }),
        ...(f.monitorInterval === undefined ? {} : { monitorIntervalS: num(f.monitorInterval) }),
        ...(f.profileSeconds === undefined ? {} : { profileMaxSeconds: num(f.profileSeconds) })
      })
      process.stderr.write(`mib: results in ${result.dir}\n`)
      process.exitCode = result.exitCode
    })
}
