import type { Command } from 'commander'
import { InvalidOptionsError, parseOptions } from '../../options.js'
import { addStackPortOptions, stackPortsFromFlags, type StackPortKey } from '../stack-flags.js'

interface PerfTestFlags extends Partial<Record<StackPortKey, string>> {
  preset: string
  timeScale?: string
  fastForward?: string
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
  out?: string[]
  chaos?: string | true
}

const num = (v: string | undefined): number | undefined => v === undefined ? undefined : Number(v)

export function registerPerfTest (program: Command): void {
  addStackPortOptions(program.command('perf-test'))
    .description('Run the whole performance workflow and print the verdict')
    .option('--preset <name>', 'main test preset: smoke | light | standard | heavy', 'standard')
    .option('--time-scale <factor>', 'multiply every duration of the schedule; think time stays, so the VUs ask the full test\'s req/s (0.1: the 13-min standard shape in 78 s)')
    .option('--fast-forward <factor>', 'multiply every duration AND the think time (request rates x 1/factor; the old --time-scale)')
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
    .option('-o, --out <spec>', 'another output of the main test, e.g. json=results.ndjson.gz for every sample (repeatable; relative files land in the run directory)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--chaos [plan]', 'inject faults at the peak, after the profiles: a preset (default, engine-kill, provider-errors, provider-slow, gateway-restart) or a JSON plan file (docs/chaos.md)')
    .action(async (flags: PerfTestFlags) => {
      const { stackOptionsSchema } = await import('../../workflow/stack/index.js')
      const stack = parseOptions(stackOptionsSchema, { env: 'production', profiling: true, ...stackPortsFromFlags(flags) }, 'port options')
      // Loaded on use: other subcommands do not pay for the whole lab's modules.
      const { runPerfTest } = await import('../../workflow/perf-test/index.js')
      const result = await runPerfTest({
        preset: flags.preset,
        ...timeScaleOf(flags),
        light: flags.light,
        lightPreset: flags.lightPreset,
        dashboard: flags.dashboard,
        stack,
        ...(flags.script === undefined ? {} : { script: flags.script }),
        ...(flags.baseline === undefined ? {} : { baseline: flags.baseline }),
        ...(flags.failOnRegression === true ? { failOnRegression: true } : {}),
        ...(flags.dashboardPort === undefined ? {} : { dashboardPort: num(flags.dashboardPort) }),
        ...(flags.resultsDir === undefined ? {} : { resultsRoot: flags.resultsDir }),
        ...(flags.workers === undefined ? {} : { workers: flags.workers === 'auto' ? 'auto' : num(flags.workers) }),
        ...(flags.monitorInterval === undefined ? {} : { monitorIntervalS: num(flags.monitorInterval) }),
        ...(flags.profileSeconds === undefined ? {} : { profileMaxSeconds: num(flags.profileSeconds) }),
        ...(flags.out === undefined ? {} : { out: flags.out }),
        ...(flags.chaos === undefined ? {} : { chaos: flags.chaos === true ? 'default' : flags.chaos })
      })
      process.stderr.write(`mib: results in ${result.dir}\n`)
      process.exitCode = result.exitCode
    })
}

/** --time-scale or --fast-forward (not both); without either flag, $TIME_SCALE or $FAST_FORWARD (not both), else scale 1. */
function timeScaleOf (flags: PerfTestFlags): { timeScale: number, fastForward: boolean } {
  const fromFlags = flags.timeScale !== undefined || flags.fastForward !== undefined
  const timeScale = fromFlags ? flags.timeScale : nonEmpty(process.env.TIME_SCALE)
  const fastForward = fromFlags ? flags.fastForward : nonEmpty(process.env.FAST_FORWARD)
  if (timeScale !== undefined && fastForward !== undefined) {
    const names = fromFlags ? '--time-scale and --fast-forward' : 'TIME_SCALE and FAST_FORWARD'
    throw new InvalidOptionsError('perf-test options', [`${names} exclude each other: the time scale keeps the think time, fast-forward scales it too`])
  }
  if (fastForward !== undefined) return { timeScale: Number(fastForward), fastForward: true }
  return { timeScale: Number(timeScale ?? '1'), fastForward: false }
}

const nonEmpty = (v: string | undefined): string | undefined => v === undefined || v === '' ? undefined : v
