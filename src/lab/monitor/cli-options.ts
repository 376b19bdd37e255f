/**
 * mib monitor's option table: each flag tied to its option in the monitor's
 * schema (which holds the bounds and defaults), plus the command's own options
 * (the live dashboard, --quiet). The commander flags, the help, the errors that
 * name the flag and docs/monitor.md's flags table are derived from it.
 */
import { z } from 'zod'
import { DEFAULT_DASHBOARD_PORT } from '../../dashboard-port.js'
import { defineOptionTable, optionsFromCli, type CliFlags } from '../../option-table/index.js'
import { DEFAULT_RUN_DIR, RUN_DIR_ENV } from '../../run-dir.js'
import { DEFAULT_RESULTS_DIR } from '../results-dir/root.js'
import { MAX_DURATION_S, MIN_INTERVAL_S, monitorOptionsSchema, type MonitorOptions } from './options.js'

/** The monitor's options and what the command does around it. */
export const monitorCommandSchema = monitorOptionsSchema.safeExtend({
  /** Serve the live dashboard (lab/report) while sampling. */
  dashboard: z.boolean().default(false),
  dashboardPort: z.number().int().min(0).max(65535).default(DEFAULT_DASHBOARD_PORT),
  /** No line per sample on stdout. */
  quiet: z.boolean().default(false)
})

export type MonitorCommandOptions = z.output<typeof monitorCommandSchema>

/** name=value → [name, value]; without '=', the value is empty and validation reports it. */
function splitPair (text: string): [string, string] {
  const at = text.indexOf('=')
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)]
}

/** gateway=4242 → { name, pid }; a missing or non-numeric pid is NaN, which validation names. */
export function namePid (text: string): { name: string, pid: number } {
  const [name, pid] = splitPair(text)
  return { name, pid: pid.trim() === '' ? Number.NaN : Number(pid) }
}

/** gateway=http://…/metrics → { name, url }. */
export function nameUrl (text: string): { name: string, url: string } {
  const [name, url] = splitPair(text)
  return { name, url }
}

export const MONITOR_OPTIONS = defineOptionTable({
  what: 'monitor options',
  schema: monitorCommandSchema,
  rows: [
    { key: 'durationS', flag: 'duration', kind: 'number', unit: 's', help: `how long to sample; at most ${MAX_DURATION_S} s = ${MAX_DURATION_S / 3600} h` },
    { key: 'intervalS', flag: 'interval', kind: 'number', unit: 's', help: `seconds between samples; at least ${MIN_INTERVAL_S}, at most the duration` },
    { key: 'outDir', flag: 'out', value: '<dir>', help: 'where the CSV files go (created if missing); the perf-test workflow passes results/<run-id>/', defaultText: `${DEFAULT_RESULTS_DIR}/monitor-<UTC timestamp>/` },
    { key: 'pids', flag: 'pid', kind: 'repeatable', value: '<name=pid>', parse: namePid, help: 'watch this process as service name; repeatable; overrides the run directory\'s pid' },
    { key: 'metricsUrls', flag: 'metrics', kind: 'repeatable', value: '<name=url>', parse: nameUrl, help: 'scrape this Prometheus /metrics URL for service name; repeatable' },
    { key: 'healthUrls', flag: 'health', kind: 'repeatable', value: '<name=url>', parse: nameUrl, help: 'check this health URL for service name; repeatable' },
    { key: 'prometheusUrl', flag: 'prometheus', value: '<url>', help: 'read service metrics from this Prometheus server instead of scraping the services' },
    { key: 'prometheusWindowS', flag: 'prometheus-window', kind: 'number', unit: 's', help: 'range of rate() in the Prometheus queries (≥ 4 × Prometheus\'s scrape interval)' },
    { key: 'runDir', env: RUN_DIR_ENV, help: 'the run directory of mib start --detach whose services are watched', defaultText: DEFAULT_RUN_DIR },
    { key: 'dashboard', flag: 'dashboard', kind: 'switch', help: 'serve the live dashboard (system CPU/memory, each service\'s CPU and RSS, every sample) on 127.0.0.1; its final snapshot is written as dashboard.html beside the CSVs' },
    { key: 'dashboardPort', flag: 'dashboard-port', kind: 'number', value: '<port>', help: 'the live dashboard\'s port; 0 = any free port' },
    { key: 'quiet', flag: 'quiet', kind: 'switch', help: 'no line per sample on stdout (warnings still go to stderr)' },
    // Options of startMonitor() only (no flag, no variable).
    { key: 'writeCsv', help: 'false: sample and emit events without writing files (a live view only)' },
    { key: 'targets', help: 'the services to watch, in place of the run directory\'s: { name, pid?, metricsUrl?, healthUrl? }; pids, metricsUrls, healthUrls still add or override by name' },
    { key: 'healthTimeoutMs', help: 'health GET timeout, ms' },
    { key: 'scrapeTimeoutMs', help: '/metrics scrape and Prometheus query timeout, ms' },
    { key: 'historyLimit', help: 'samples kept in memory for history (older ones are only in the CSVs)' },
    { key: 'warningRepeatMs', help: 'a repeated warning (same service, same problem) is emitted at most this often, ms' }
  ]
})

/** Validated command options from the environment with the flags on top; every problem names its flag. */
export function monitorOptionsFromCli (flags: CliFlags, env: NodeJS.ProcessEnv = process.env): MonitorCommandOptions {
  return optionsFromCli(MONITOR_OPTIONS, flags, env)
}

/** The part startMonitor takes. */
export function monitorOptionsOf ({ dashboard, dashboardPort, quiet, ...options }: MonitorCommandOptions): MonitorOptions {
  return options
}
