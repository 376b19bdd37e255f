/**
 * `mib load SCRIPT [flags]`: validates the flags (every problem at once, exit
 * 104), runs the test, reports errors, and returns the exit code (k6's).
 */
import { exitCodeOf, isMibError } from '../../errors.js'
import type { CliFlags } from '../../option-table/index.js'
import { loadFlagsFromCli } from './cli-options.js'
import { runLoadTest } from './run.js'
import type { Output } from './outputs/index.js'

/**
 * A live view of the run (the dashboard): an output fed every window, which the
 * run's end closes (inside the run's signal handling: a Ctrl-C then still ends
 * with what was measured). `close` is for a run that failed before its outputs started.
 */
export interface LiveView extends Output {
  url: string
  close: () => Promise<void>
}

export interface LoadCommandHooks {
  /** The live dashboard, when --dashboard is given (plugged in by the report component). */
  dashboard?: (port: number) => Promise<LiveView>
}

/** `rawFlags`: as commander hands them over (`{ vus: '10', stage: ['30s:100'] }`), validated by the option table. */
export async function runLoadCommand (script: string, rawFlags: CliFlags, hooks: LoadCommandHooks = {}): Promise<number> {
  const flags = loadFlagsFromCli(rawFlags)
  const env = Object.fromEntries(flags.env.map((pair) => {
    const eq = pair.indexOf('=')
    return [pair.slice(0, eq), pair.slice(eq + 1)]
  }))
  let dashboard: LiveView | undefined
  if (flags.dashboard) {
    dashboard = await hooks.dashboard?.(flags.dashboardPort)
    if (dashboard === undefined) process.stderr.write('mib load: --dashboard: the live dashboard is not available in this build; continuing without it\n')
    else process.stderr.write(`mib load: live dashboard at ${dashboard.url}\n`)
  }
  try {
    const result = await runLoadTest({
      script,
      env,
      ...(flags.preset !== undefined ? { preset: flags.preset } : {}),
      cli: {
        vus: flags.vus,
        duration: flags.duration,
        iterations: flags.iterations,
        stages: flags.stages,
        summaryTrendStats: flags.summaryTrendStats
      },
      timeScale: flags.fastForward ?? flags.timeScale ?? 1,
      fastForward: flags.fastForward !== undefined,
      workers: flags.workers,
      semiSpaceMb: flags.semiSpaceMb,
      out: flags.out,
      ...(flags.summaryExport !== undefined ? { summaryExport: flags.summaryExport } : {}),
      ...(flags.resultsDir !== undefined ? { resultsDir: flags.resultsDir } : {}),
      noThresholds: !flags.thresholds,
      noSummary: !flags.summary,
      quiet: flags.quiet,
      outputs: dashboard === undefined ? [] : [dashboard]
    })
    return result.exitCode
  } catch (err) {
    const detail = isMibError(err) ? `${err.message} (${err.code})` : err instanceof Error ? (err.stack ?? err.message) : String(err)
    process.stderr.write(`mib load: ${detail}\n`)
    return exitCodeOf(err)
  } finally {
    await dashboard?.close()
  }
}
