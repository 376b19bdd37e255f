/**
 * The monitor's options: one schema, validated once by startMonitor. Units are
 * in the names (`durationS`, `timeoutMs`).
 */
import { z } from 'zod'

/** A service to watch. Any field may be missing: the monitor samples what it can reach. */
export const targetSchema = z.object({
  name: z.string().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, "_", "-" and "." only'),
  pid: z.number().int().positive().optional(),
  metricsUrl: z.url({ protocol: /^https?$/ }).optional(),
  healthUrl: z.url({ protocol: /^https?$/ }).optional()
}).strict()

export type MonitorTarget = z.output<typeof targetSchema>

/** 24 h: the issue's bound; longer watches belong to a real Prometheus. */
export const MAX_DURATION_S = 24 * 60 * 60
/** At least 100 ms between samples, so /proc reads and scrapes stay cheap. */
export const MIN_INTERVAL_S = 0.1

export const monitorOptionsSchema = z.object({
  /** How long to sample, in seconds (default 5 min). */
  durationS: z.number().positive().max(MAX_DURATION_S).default(300),
  /** Seconds between samples (default 5 s). */
  intervalS: z.number().min(MIN_INTERVAL_S).max(3600).default(5),
  /** Where the CSV files go; default results/monitor-<timestamp>/ under the working directory. */
  outDir: z.string().min(1).optional(),
  /** false: sample and emit events without writing files (the dashboard's live view). */
  writeCsv: z.boolean().default(true),
  /**
   * Services to watch. When absent they come from the run directory
   * (`mib start --detach`), then `pids`/`metricsUrls`/`healthUrls` add or override by name.
   */
  targets: z.array(targetSchema).optional(),
  /** The run directory to read; default $MIB_RUN_DIR or .mib/run. */
  runDir: z.string().min(1).optional(),
  pids: z.array(z.object({ name: targetSchema.shape.name, pid: z.number().int().positive() }).strict()).default([]),
  metricsUrls: z.array(z.object({ name: targetSchema.shape.name, url: z.url({ protocol: /^https?$/ }) }).strict()).default([]),
  healthUrls: z.array(z.object({ name: targetSchema.shape.name, url: z.url({ protocol: /^https?$/ }) }).strict()).default([]),
  /** Read service metrics from this Prometheus server's query API instead of scraping the services. */
  prometheusUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** The range of rate() and histogram_quantile() in Prometheus queries, in seconds (>= 4 scrape intervals is the usual rule). */
  prometheusWindowS: z.number().int().min(1).max(MAX_DURATION_S).default(60),
  /** Health GET timeout in ms (default 2 s). */
  healthTimeoutMs: z.number().int().min(10).max(60_000).default(2000),
  /** /metrics scrape and Prometheus query timeout in ms (default 2 s). */
  scrapeTimeoutMs: z.number().int().min(10).max(60_000).default(2000),
  /** Samples kept in memory for `history` (default 1000; older ones are only in the CSVs). */
  historyLimit: z.number().int().min(1).max(100_000).default(1000),
  /** A repeated warning (same service, same problem) is re-emitted at most this often, in ms. */
  warningRepeatMs: z.number().int().min(0).max(3_600_000).default(30_000)
}).strict().superRefine((options, ctx) => {
  if (options.intervalS > options.durationS) {
    ctx.addIssue({ code: 'custom', path: ['intervalS'], message: `must not exceed durationS (${options.durationS})` })
  }
})

export type MonitorOptionsInput = z.input<typeof monitorOptionsSchema>
export type MonitorOptions = z.output<typeof monitorOptionsSchema>
