/**
 * Every error of the results/report/dashboard component, declared once.
 * Codes are stable (`MIB_ERR_REPORT_*`, `MIB_ERR_DASHBOARD_*`): callers and
 * scripts branch on them; docs/report.md lists each one.
 */
import { defineError } from '../../errors.js'

export const NoRunsError = defineError('MIB_ERR_REPORT_NO_RUNS', 404,
  (root: string) => `no runs in ${root} (a run writes results/<run-id>/manifest.json; see \`mib results list\`)`)

export const RunNotFoundError = defineError('MIB_ERR_REPORT_RUN_NOT_FOUND', 404,
  (ref: string, root: string) => `no run "${ref}" in ${root} (give a run id, a unique prefix of one, a run directory, or "latest")`)

export const AmbiguousRunError = defineError('MIB_ERR_REPORT_RUN_AMBIGUOUS', 400,
  (ref: string, matches: string[]) => `"${ref}" matches several runs: ${matches.join(', ')}`)

export const ManifestCorruptError = defineError('MIB_ERR_REPORT_MANIFEST_CORRUPT', 500,
  (file: string, detail: string) => `${file} is not a valid run manifest: ${detail}`)

export const NoLoadDataError = defineError('MIB_ERR_REPORT_NO_LOAD_DATA', 422,
  (dir: string) => `${dir} holds neither a k6 NDJSON file (--out json=FILE) nor a k6 summary export: nothing to analyze`)

export const SummaryCorruptError = defineError('MIB_ERR_REPORT_SUMMARY_CORRUPT', 422,
  (file: string, detail: string) => `${file} is not a k6 summary export: ${detail}`)

export const UplotMissingError = defineError('MIB_ERR_REPORT_UPLOT_MISSING', 500,
  (detail: string) => `the uPlot chart library is not installed (npm ci): ${detail}`)

export const DashboardPortInUseError = defineError('MIB_ERR_DASHBOARD_PORT_IN_USE', 500,
  (host: string, port: number) => `the dashboard cannot listen on ${host}:${port}: the port is in use (pick another with --dashboard-port, or 0 for any)`)

export const DashboardClosedError = defineError('MIB_ERR_DASHBOARD_CLOSED', 500,
  () => 'the dashboard is closed: publish() after close()')
