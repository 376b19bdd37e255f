/**
 * `mib load SCRIPT [flags]`: validates the flags (every problem at once, exit
 * 104), runs the test, reports errors, and returns the exit code (k6's).
 */
import { z } from 'zod'
import { parseOptions } from '../../options.js'
import { exitCodeOf, isMibError } from '../../errors.js'
import { runLoadTest } from './run.js'
import type { Output } from './outputs/index.js'

const positiveInt = (what: string): z.ZodType<number> => z.string().regex(/^\d+$/, `${what} must be a whole number`).transform(Number)

export const loadFlagsSchema = z.strictObject({
  vus: positiveInt('--vus').optional(),
  duration: z.string().optional(),
  iterations: positiveInt('--iterations').refine((n) => n > 0, '--iterations must be at least 1').optional(),
  stage: z.array(z.string()).default([]),
  env: z.array(z.string().regex(/^[^=]+=/, 'expected --env KEY=VALUE')).default([]),
  out: z.array(z.string()).default([]),
  summaryExport: z.string().optional(),
  thresholds: z.boolean().default(true),
  summary: z.boolean().default(true),
  quiet: z.boolean().default(false),
  summaryTrendStats: z.string().optional(),
  timeScale: z.string().optional().transform((factor) => factor === undefined ? undefined : Number(factor))
    .refine((factor) => factor === undefined || (Number.isFinite(factor) && factor > 0), '--time-scale must be a number above 0 (e.g. 0.1)'),
  fastForward: z.string().optional().transform((factor) => factor === undefined ? undefined : Number(factor))
    .refine((factor) => factor === undefined || (Number.isFinite(factor) && factor > 0), '--fast-forward must be a number above 0 (e.g. 0.1)'),
  workers: z.string().default('auto').refine((workers) => workers === 'auto' || /^[1-9]\d*$/.test(workers), '--workers must be "auto" or a whole number ≥ 1')
    .transform((workers) => workers === 'auto' ? 'auto' as const : Number(workers)),
  semiSpaceMb: z.string().default('auto')
    .refine((value) => value === 'auto' || (/^\d+$/.test(value) && Number(value) <= 1024), '--semi-space-mb must be "auto" or a whole number of MB up to 1024 (0: V8\'s own sizing)')
    .transform((value) => value === 'auto' ? 'auto' as const : Number(value)),
  preset: z.string().min(1).optional(),
  dashboard: z.boolean().default(false),
  dashboardPort: positiveInt('--dashboard-port').optional(),
  resultsDir: z.string().optional()
}).refine((flags) => flags.timeScale === undefined || flags.fastForward === undefined,
  '--time-scale and --fast-forward exclude each other: --time-scale keeps the think time, --fast-forward scales it too')

export type LoadFlags = z.input<typeof loadFlagsSchema>

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
  dashboard?: (port: number | undefined) => Promise<LiveView>
}

export async function runLoadCommand (script: string, rawFlags: LoadFlags, hooks: LoadCommandHooks = {}): Promise<number> {
  const flags = parseOptions(loadFlagsSchema, rawFlags, 'mib load flags')
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
        stages: flags.stage,
        summaryTrendStats: flags.summaryTrendStats?.split(',').map((s) => s.trim()).filter((s) => s !== '')
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
