/**
 * startDashboard's options: the schema holds types, bounds and defaults; the
 * table describes each option once, and docs/report.md's options table is
 * generated from it (npm run docs:options). Only code sets these: the commands
 * reach the port through their own --dashboard-port flags.
 */
import { z } from 'zod'
import { defineOptionTable } from '../../../option-table/index.js'
import { DEFAULT_DASHBOARD_PORT } from './port.js'

export const dashboardOptionsSchema = z.object({
  host: z.string().default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(DEFAULT_DASHBOARD_PORT),
  historyLimit: z.number().int().positive().default(7200),
  title: z.string().default('Market Intel Brain: load test'),
  snapshotFile: z.string().optional(),
  keepAliveMs: z.number().int().positive().default(15000)
}).strict()
export type DashboardOptions = z.input<typeof dashboardOptionsSchema>

export const DASHBOARD_OPTIONS = defineOptionTable({
  what: 'dashboard options',
  schema: dashboardOptionsSchema,
  rows: [
    { key: 'host', help: 'address the page is served on (loopback: the dashboard has no authentication)' },
    { key: 'port', help: 'port of the page, k6\'s web dashboard port; 0 picks a free one (tests)' },
    // One `window` event per second: 7200 ≈ an hour of windows plus the monitor's samples.
    { key: 'historyLimit', help: 'events kept for replay to a page that opens late or reconnects' },
    { key: 'title', help: 'the page\'s title' },
    { key: 'snapshotFile', help: 'where close() writes the self-contained snapshot (the run\'s dashboard.html)', defaultText: 'none' },
    { key: 'keepAliveMs', help: 'an SSE comment sent this often so idle proxies and browsers keep the stream open, ms' }
  ]
})
