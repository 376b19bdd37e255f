/**
 * The dashboard page's script (browser JS shipped as text). It consumes
 * DashboardEvents, from `/events` (server-sent events) when live, or from the
 * embedded `#mib-events` JSON when the page is a saved snapshot, so a saved
 * report draws exactly what the live page drew.
 *
 * For tests and curious users it exposes `window.mibDashboard` = { charts, state }.
 * Every number shown also sits raw in a `data-value` attribute.
 */
export const DASHBOARD_CLIENT_JS = String.raw`
(function () {
  'use strict';
  var state = {
    eventsSeen: 0, ended: false, endSummary: null,
    x: [], vus: [], rps: [], p50: [], p95: [], p99: [], errPct: [],
    mx: [], sysCpu: [], sysMem: [], services: [], svcCpu: {}, svcRssMb: {},
    stages: [], bands: [], lastWindow: null, lastMonitor: null
  };
  var charts = {};
  var servicesInCharts = '';
  var renderPending = false;

  function $(id) { return document.getElementById(id); }
  function num (v, digits) { return v === null || v === undefined || !isFinite(v) ? '–' : Number(v).toFixed(digits); }
  function pct (fraction, digits) { return fraction === null || fraction === undefined ? '–' : num(fraction * 100, digits) + ' %'; }
  function ms (v) { return v === null || v === undefined ? '–' : num(v, 1) + ' ms'; }
  function setStat (id, text, raw) {
    var el = $(id);
    el.textContent = text;
    el.setAttribute('data-value', raw === null || raw === undefined ? '' : String(raw));
  }
  function cell (text, raw, cls) {
    var td = document.createElement('td');
    td.textContent = text;
    if (raw !== undefined) td.setAttribute('data-value', raw === null ? '' : String(raw));
    if (cls) td.className = cls;
    return td;
  }
  function fillTable (id, rows) {
    var body = $(id).tBodies[0];
    while (body.firstChild) body.removeChild(body.firstChild);
    for (var i = 0; i < rows.length; i++) {
      var tr = document.createElement('tr');
      for (var j = 0; j < rows[i].length; j++) tr.appendChild(rows[i][j]);
      body.appendChild(tr);
    }
  }

  function onWindow (ev) {
    state.x.push(ev.time / 1000);
    state.vus.push(ev.vus);
    state.rps.push(ev.rps);
    state.p50.push(ev.latency.p50);
    state.p95.push(ev.latency.p95);
    state.p99.push(ev.latency.p99);
    state.errPct.push(ev.errorRate * 100);
    state.lastWindow = ev;
  }

  function onMonitor (ev) {
    state.mx.push(ev.time / 1000);
    state.sysCpu.push(ev.system.cpuPct);
    state.sysMem.push(ev.system.memPct);
    var seen = {};
    for (var i = 0; i < ev.services.length; i++) {
      var s = ev.services[i];
      if (!state.svcCpu[s.name]) {
        // A service that appears late gets gaps (null) for the samples before it.
        state.services.push(s.name);
        state.svcCpu[s.name] = new Array(state.mx.length - 1).fill(null);
        state.svcRssMb[s.name] = new Array(state.mx.length - 1).fill(null);
      }
      state.svcCpu[s.name].push(s.cpuPct);
      state.svcRssMb[s.name].push(s.rssBytes === null ? null : s.rssBytes / 1048576);
      seen[s.name] = true;
    }
    for (var k = 0; k < state.services.length; k++) {
      var name = state.services[k];
      if (!seen[name]) { state.svcCpu[name].push(null); state.svcRssMb[name].push(null); }
    }
    state.lastMonitor = ev;
  }

  function onEvent (ev) {
    state.eventsSeen++;
    if (ev.type === 'window') onWindow(ev);
    else if (ev.type === 'monitor') onMonitor(ev);
    else if (ev.type === 'stage') state.stages.push({ time: ev.time / 1000, name: ev.name });
    else if (ev.type === 'bands') state.bands = ev.bands;
    else if (ev.type === 'end') { state.ended = true; state.endSummary = ev.summary; }
    scheduleRender();
  }

  // Replaying a long history delivers thousands of events at once: draw once per batch.
  function scheduleRender () {
    if (renderPending) return;
    renderPending = true;
    setTimeout(function () { renderPending = false; render(); }, 30);
  }

  function stages () { return state.stages; }
  function bands () { return state.bands; }

  function ensureCharts () {
    if (!charts.load) {
      charts.load = mibMakeChart($('chart-load'), { title: 'VUs and requests per second', yLabel: 'VUs', y2Label: 'req/s', stages: stages, bands: bands,
        series: [{ label: 'VUs' }, { label: 'req/s', scale: 'y2' }], data: [[], [], []] });
      charts.latency = mibMakeChart($('chart-latency'), { title: 'Latency (ms)', yLabel: 'ms', stages: stages, bands: bands,
        series: [{ label: 'p50' }, { label: 'p95' }, { label: 'p99' }], data: [[], [], [], []] });
      charts.errors = mibMakeChart($('chart-errors'), { title: 'Error rate (%)', yLabel: '%', stages: stages, bands: bands,
        series: [{ label: 'errors %', color: '#d62728' }], data: [[], []] });
    }
    var key = state.services.join('\u0000');
    if (state.mx.length > 0 && key !== servicesInCharts) {
      // The set of services changed: uPlot series are fixed per chart, so rebuild.
      if (charts.cpu) { charts.cpu.destroy(); charts.memory.destroy(); }
      var cpuSeries = [{ label: 'system CPU %' }, { label: 'system memory %' }];
      var rssSeries = [];
      for (var i = 0; i < state.services.length; i++) {
        cpuSeries.push({ label: state.services[i] + ' CPU %' });
        rssSeries.push({ label: state.services[i] + ' RSS MiB' });
      }
      charts.cpu = mibMakeChart($('chart-cpu'), { title: 'CPU and memory (%)', yLabel: '%', stages: stages, bands: bands, series: cpuSeries, data: cpuData() });
      charts.memory = mibMakeChart($('chart-memory'), { title: 'Resident memory (MiB)', yLabel: 'MiB', stages: stages, bands: bands, series: rssSeries, data: rssData() });
      servicesInCharts = key;
    }
  }
  function cpuData () {
    var d = [state.mx, state.sysCpu, state.sysMem];
    for (var i = 0; i < state.services.length; i++) d.push(state.svcCpu[state.services[i]]);
    return d;
  }
  function rssData () {
    var d = [state.mx];
    for (var i = 0; i < state.services.length; i++) d.push(state.svcRssMb[state.services[i]]);
    return d;
  }

  function render () {
    ensureCharts();
    charts.load.setData([state.x, state.vus, state.rps]);
    charts.latency.setData([state.x, state.p50, state.p95, state.p99]);
    charts.errors.setData([state.x, state.errPct]);
    if (charts.cpu) { charts.cpu.setData(cpuData()); charts.memory.setData(rssData()); }
    renderWindow(state.lastWindow);
    renderMonitor(state.lastMonitor);
    renderStatus();
  }

  function renderWindow (w) {
    if (!w) return;
    setStat('stat-vus', num(w.vus, 0), w.vus);
    setStat('stat-rps', num(w.rps, 1), w.rps);
    setStat('stat-errors', pct(w.errorRate, 2), w.errorRate);
    setStat('stat-p50', ms(w.latency.p50), w.latency.p50);
    setStat('stat-p95', ms(w.latency.p95), w.latency.p95);
    setStat('stat-p99', ms(w.latency.p99), w.latency.p99);
    setStat('stat-checks', w.checks.passes + ' ✓ / ' + w.checks.fails + ' ✗', w.checks.passes + '/' + w.checks.fails);
    fillTable('operations', w.operations.map(function (o) {
      return [cell(o.name, undefined, 'text'), cell(String(o.requests), o.requests), cell(num(o.rps, 1), o.rps), cell(pct(o.errorRate, 2), o.errorRate),
        cell(ms(o.p50), o.p50), cell(ms(o.p95), o.p95), cell(ms(o.p99), o.p99)];
    }));
    fillTable('thresholds', w.thresholds.map(function (t) {
      return [cell(t.metric, undefined, 'text'), cell(t.expression, undefined, 'text'), cell(t.value === undefined || t.value === null ? '–' : num(t.value, 2), t.value === undefined ? null : t.value),
        cell(t.ok ? '✓ pass' : '✗ fail', t.ok ? 'pass' : 'fail', t.ok ? 'ok' : 'bad')];
    }));
  }

  function renderMonitor (m) {
    if (!m) return;
    setStat('stat-cpu', m.system.cpuPct === null ? '–' : num(m.system.cpuPct, 1) + ' %', m.system.cpuPct);
    setStat('stat-mem', m.system.memPct === null ? '–' : num(m.system.memPct, 1) + ' %', m.system.memPct);
    fillTable('services', m.services.map(function (s) {
      return [cell(s.name, undefined, 'text'), cell(s.cpuPct === null ? '–' : num(s.cpuPct, 1) + ' %', s.cpuPct),
        cell(s.rssBytes === null ? '–' : num(s.rssBytes / 1048576, 1) + ' MiB', s.rssBytes)];
    }));
  }

  function renderStatus () {
    var el = $('status');
    if (state.ended) {
      var s = state.endSummary || {};
      el.textContent = 'finished' + (s.verdict ? ': verdict ' + s.verdict : '') + (s.message ? ' (' + s.message + ')' : '');
      el.className = 'status ' + (s.verdict === 'fail' ? 'bad' : 'done');
    } else if (embedded) {
      el.textContent = 'snapshot';
    }
  }

  window.mibDashboard = { charts: charts, state: state };
  var embedded = $('mib-events');
  if (embedded) {
    JSON.parse(embedded.textContent).forEach(onEvent);
    render();
    return;
  }
  var source = new EventSource('events');
  source.onopen = function () { if (!state.ended) { $('status').textContent = 'live'; $('status').className = 'status live'; } };
  source.onerror = function () { if (!state.ended) { $('status').textContent = 'reconnecting…'; $('status').className = 'status bad'; } };
  source.onmessage = function (m) {
    var ev = JSON.parse(m.data);
    onEvent(ev);
    // The run is over: stop EventSource's automatic reconnection to a server about to close.
    if (ev.type === 'end') source.close();
  };
  render();
})();
`
