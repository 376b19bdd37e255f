/**
 * report.html: the report model as one self-contained page (uPlot, its CSS
 * and the per-second data inlined; opens offline, from a file or an archive).
 */
import type { Analysis } from '../../analyze/analysis.js'
import type { ResourceTimeline } from '../../read/monitor-reader.js'
import type { ReportModel, Table } from '../report-model.js'
import { escapeHtml, jsonForScript } from './escape.js'
import { isNumeric } from '../report-model.js'
import { inlineScript, inlineStyle, type UplotAssets } from './uplot-assets.js'
import { CHART_HELPERS_JS } from './chart-helpers.js'
import { PAGE_CSS } from './page-style.js'
import type { FaultBand } from '../../read/fault-events.js'

/** What the page's script charts: the timeline (epoch s) and the stage boundaries. */
export interface ChartData {
  timeline: Analysis['timeline']
  stages: Array<{ time: number, name: string }>
  /** Shaded spans (epoch s): the profile window, chaos faults and their recovery windows (end null: still open when the run ended). */
  bands: Array<{ start: number, end: number | null, name: string, kind: string }>
  resources: ResourceTimeline | null
}

export function chartDataOf (analysis: Analysis): ChartData {
  return {
    timeline: analysis.timeline,
    stages: analysis.stages.map((s) => ({ time: s.start, name: s.name })),
    bands: analysis.observer === null ? [] : [{ start: analysis.observer.windowFromMs / 1000, end: analysis.observer.windowToMs / 1000, name: 'profiles', kind: 'profile' }],
    resources: analysis.resources === null || analysis.resources.timeline.time.length === 0 ? null : analysis.resources.timeline
  }
}

const REPORT_CLIENT_JS = String.raw`
(function () {
  'use strict';
  var d = JSON.parse(document.getElementById('mib-chart-data').textContent);
  var t = d.timeline;
  var stages = function () { return d.stages; };
  var bands = function () { return d.bands || []; };
  var pct = t.errorRate.map(function (v) { return v === null ? null : v * 100; });
  var charts = {};
  if (t.time.length > 0) {
    charts.throughput = mibMakeChart(document.getElementById('chart-throughput'), { title: 'Requests per second and VUs', yLabel: 'req/s', y2Label: 'VUs', stages: stages, bands: bands,
      series: [{ label: 'req/s' }, { label: 'VUs', scale: 'y2' }], data: [t.time, t.rps, t.vus] });
    charts.latency = mibMakeChart(document.getElementById('chart-latency'), { title: 'Latency per second (ms)', yLabel: 'ms', stages: stages, bands: bands,
      series: [{ label: 'p50' }, { label: 'p95' }, { label: 'p99' }], data: [t.time, t.p50, t.p95, t.p99] });
    charts.errors = mibMakeChart(document.getElementById('chart-errors'), { title: 'Error rate per second (%)', yLabel: '%', stages: stages, bands: bands,
      series: [{ label: 'errors %', color: '#d62728' }], data: [t.time, pct] });
  }
  var r = d.resources;
  if (r) {
    ['%', 'MiB'].forEach(function (unit) {
      var series = r.series.filter(function (s) { return s.unit === unit; });
      if (series.length === 0) return;
      var name = unit === '%' ? 'cpu' : 'memory';
      charts[name] = mibMakeChart(document.getElementById('chart-' + name), {
        title: unit === '%' ? 'CPU and memory (%)' : 'Resident memory (MiB)', yLabel: unit, stages: stages, bands: bands,
        series: series.map(function (s) { return { label: s.label, spanGaps: true }; }),
        data: [r.time].concat(series.map(function (s) { return s.values; }))
      });
    });
  }
  window.mibReport = { charts: charts, data: d };
})();
`

export function renderReportHtml (model: ReportModel, charts: ChartData, uplot: UplotAssets): string {
  const hasCharts = charts.timeline.time.length > 0
  const chartBlock = hasCharts
    ? '<section class="charts"><div id="chart-throughput"></div><div id="chart-latency"></div><div id="chart-errors"></div></section>'
    : '<p class="muted">No per-second data (the run has neither aggregates.ndjson nor k6 JSON lines): no charts.</p>'
  const resourceBlock = '<section class="charts"><div id="chart-cpu"></div><div id="chart-memory"></div></section>'
  const sections = model.sections.map((s) => {
    const notes = s.notes.map((n) => `<p>${escapeHtml(n)}</p>`).join('\n')
    const tables = s.tables.map(({ caption, table }) => htmlTable(table, caption)).join('\n')
    const extra = s.id === 'over-time' ? chartBlock : s.id === 'resources' && charts.resources !== null ? resourceBlock : ''
    return `<section id="${escapeHtml(s.id)}"><h2>${escapeHtml(s.title)}</h2>\n${extra}\n${notes}\n${tables}</section>`
  }).join('\n')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(model.title)}</title>
${inlineStyle(uplot.css)}
<style>${PAGE_CSS}</style>
</head>
<body>
<header><h1>${escapeHtml(model.title)}</h1></header>
<p class="verdict ${model.verdictTone}" id="verdict">${escapeHtml(model.verdictLine)}</p>
<table class="meta">${model.meta.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td style="text-align:left">${escapeHtml(v)}</td></tr>`).join('')}</table>
${sections}
${inlineScript(uplot.js)}
<script type="application/json" id="mib-chart-data">${jsonForScript(charts)}</script>
<script>${CHART_HELPERS_JS}${REPORT_CLIENT_JS}</script>
</body>
</html>
`
}

function htmlTable (table: Table, caption: string | undefined): string {
  const head = `<thead><tr>${table.headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>`
  const body = table.rows.map((row) => `<tr>${row.map((c) => {
    const classes = [c.tone, isNumeric(c.text) ? undefined : 'text'].filter((x) => x !== undefined)
    return `<td${classes.length === 0 ? '' : ` class="${classes.join(' ')}"`}>${escapeHtml(c.text)}</td>`
  }).join('')}</tr>`).join('\n')
  return `<table>${caption === undefined ? '' : `<caption>${escapeHtml(caption)}</caption>`}${head}<tbody>${body}</tbody></table>`
}
