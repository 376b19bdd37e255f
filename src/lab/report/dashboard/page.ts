/**
 * The dashboard page, in two forms from one template: `live` (assets served by
 * the dashboard server, events by SSE) and `snapshot` (uPlot and the event
 * history inlined: a self-contained file that opens offline, the run's record).
 */
import { escapeHtml, jsonForScript } from '../render/html/escape.js'
import { inlineScript, inlineStyle, type UplotAssets } from '../render/html/uplot-assets.js'
import { CHART_HELPERS_JS } from '../render/html/chart-helpers.js'
import { PAGE_CSS } from '../render/html/page-style.js'
import { DASHBOARD_CLIENT_JS } from './client-script.js'
import type { DashboardEvent } from './events.js'

export type PageMode = { kind: 'live' } | { kind: 'snapshot', uplot: UplotAssets, events: readonly DashboardEvent[] }

export const ASSET_PATHS = { uplotJs: 'assets/uPlot.iife.min.js', uplotCss: 'assets/uPlot.min.css' } as const

export function renderDashboardPage (title: string, mode: PageMode): string {
  const live = mode.kind === 'live'
  const uplotCss = live ? `<link rel="stylesheet" href="${ASSET_PATHS.uplotCss}">` : inlineStyle(mode.uplot.css)
  const uplotJs = live ? `<script src="${ASSET_PATHS.uplotJs}"></script>` : inlineScript(mode.uplot.js)
  const events = live ? '' : `<script type="application/json" id="mib-events">${jsonForScript(mode.events)}</script>`
  const save = live ? '<a class="button" id="save" href="report.html" download="dashboard.html">Save report</a>' : ''
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
${uplotCss}
<style>${PAGE_CSS}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1><span id="status" class="status">${live ? 'connecting…' : 'snapshot'}</span>${save}</header>
<section class="tiles">
${tile('stat-vus', 'VUs')}${tile('stat-rps', 'requests/s')}${tile('stat-errors', 'error rate')}${tile('stat-p50', 'p50')}${tile('stat-p95', 'p95')}${tile('stat-p99', 'p99')}${tile('stat-checks', 'checks')}${tile('stat-cpu', 'system CPU')}${tile('stat-mem', 'system memory')}
</section>
<section class="charts">
<div id="chart-load"></div><div id="chart-latency"></div><div id="chart-errors"></div><div id="chart-cpu"></div><div id="chart-memory"></div>
</section>
<h2>Thresholds</h2>
${table('thresholds', ['metric', 'threshold', 'value', 'status'])}
<h2>Operations (last second)</h2>
${table('operations', ['operation', 'requests', 'req/s', 'errors', 'p50', 'p95', 'p99'])}
<h2>Services (last sample)</h2>
${table('services', ['service', 'CPU', 'RSS'])}
${uplotJs}
${events}
<script>${CHART_HELPERS_JS}${DASHBOARD_CLIENT_JS}</script>
</body>
</html>
`
}

function tile (id: string, label: string): string {
  return `<div class="tile"><div class="label">${escapeHtml(label)}</div><div class="value" id="${id}" data-value="">–</div></div>`
}

function table (id: string, headers: string[]): string {
  return `<table id="${id}"><thead><tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody></tbody></table>`
}
