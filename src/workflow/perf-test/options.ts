import { z } from 'zod'
import { DEFAULT_DASHBOARD_PORT } from '../../dashboard-port.js'
import { stackOptionsSchema } from '../stack/plan.js'

/** The services as the workflow runs them: production with profiling on, unless told otherwise (a port alone keeps that). */
const perfTestStackSchema = stackOptionsSchema.extend({
  env: stackOptionsSchema.shape.env.unwrap().default('production'),
  profiling: z.boolean().default(true)
})

export const perfTestOptionsSchema = z.object({
  /** Main test's load shape (a preset of the script). */
  preset: z.string().min(1).default('standard'),
  /**
   * Multiplies every duration of both tests' schedules (0.1 runs the 13-minute
   * standard shape in 78 s); the think time stays, so the VUs ask the rate of
   * the full-length test.
   */
  timeScale: z.number().positive().max(100).default(1),
  /** Scale sleep() and arrival rates with the schedule too (request rates × 1/timeScale): the old time scale. */
  fastForward: z.boolean().default(false),
  /** The workload. */
  script: z.string().min(1).default('load-testing/market-intel.ts'),
  /** Run the light test (preset `light`) before the main one, as the seed's workflow does. */
  light: z.boolean().default(true),
  lightPreset: z.string().min(1).default('light'),
  /** A run to compare with (id, prefix, directory or "latest"). */
  baseline: z.string().optional(),
  failOnRegression: z.boolean().default(false),
  /** Results root (default results/ or $MIB_RESULTS_DIR, as the results directory module says). */
  resultsRoot: z.string().optional(),
  dashboard: z.boolean().default(true),
  /** 0 picks a free port. */
  dashboardPort: z.number().int().min(0).max(65535).default(DEFAULT_DASHBOARD_PORT),
  /** Seconds between monitor samples; default scales with the test (5 s at scale 1, 1 s at 0.05). */
  monitorIntervalS: z.number().min(0.1).max(60).optional(),
  /** Longest CPU profile taken at the peak, in seconds. */
  profileMaxSeconds: z.number().int().min(1).max(300).default(30),
  /**
   * More outputs of the main test besides the run directory's aggregates
   * (`json=results.ndjson.gz` keeps every sample, as k6's --out); a relative
   * file lands in the run directory.
   */
  out: z.array(z.string().min(1)).default([]),
  /** A chaos plan (preset name or JSON file, docs/chaos.md): faults injected at the peak, after the profiles. */
  chaos: z.string().min(1).optional(),
  /** Worker threads of the runner, or auto. */
  workers: z.union([z.number().int().min(1).max(64), z.literal('auto')]).default('auto'),
  /** Where and how the services run (production, profiling on, unless told otherwise). */
  stack: perfTestStackSchema.prefault({})
}).strict()

export type PerfTestOptions = z.output<typeof perfTestOptionsSchema>
export type PerfTestOptionsInput = z.input<typeof perfTestOptionsSchema>

export function monitorInterval (options: PerfTestOptions): number {
  return options.monitorIntervalS ?? Math.min(5, Math.max(1, 20 * options.timeScale))
}
