/**
 * Every error of the report/dashboard component, declared once (finding runs
 * and reading manifests: ../results-dir/errors.ts).
 * Codes are stable (`MIB_ERR_REPORT_*`, `MIB_ERR_DASHBOARD_*`): callers and
 * scripts branch on them; docs/report.md lists each one.
 */
import { defineError } from '../../errors.js'

export const NoLoadDataError = defineError('MIB_ERR_REPORT_NO_LOAD_DATA',
  (dir: string) => `${dir} holds neither a k6 NDJSON file (--out json=FILE) nor a k6 summary export: nothing to analyze`)

export const SummaryCorruptError = defineError('MIB_ERR_REPORT_SUMMARY_CORRUPT',
  (file: string, detail: string) => `${file} is not a k6 summary export: ${detail}`)

export const UplotMissingError = defineError('MIB_ERR_REPORT_UPLOT_MISSING',
  (detail: string) => `the uPlot chart library is not installed (npm ci): ${detail}`)

export const DashboardPortInUseError = defineError('MIB_ERR_DASHBOARD_PORT_IN_USE',
  (host: string, port: number) => `the dashboard cannot listen on ${host}:${port}: the port is in use (pick another with --dashboard-port, or 0 for any)`)

export const DashboardClosedError = defineError('MIB_ERR_DASHBOARD_CLOSED',
  () => 'the dashboard is closed: publish() after close()')
