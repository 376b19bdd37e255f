/**
 * The flame graph page's inline CSS and script. Plain ES2017 in one string
 * (no backticks inside) so the page works offline, from file://, in any
 * current browser. The script reads the JSON in #flame-data (see flame.ts).
 */

export const FLAME_PAGE_STYLE = `
:root{--bg:#fff;--fg:#222;--muted:#666;--line:#ddd}
*{box-sizing:border-box}
body{margin:0;font:13px/1.4 system-ui,-apple-system,Segoe UI,sans-serif;color:var(--fg);background:var(--bg)}
header{position:sticky;top:0;background:var(--bg);border-bottom:1px solid var(--line);padding:.6em 1em;z-index:2}
h1{font-size:16px;margin:0 0 .4em}h1 small,h2 small{color:var(--muted);font-weight:normal}
h2{font-size:14px;margin:1em 0 .4em}
.controls{display:flex;gap:.6em;align-items:center;flex-wrap:wrap}
#search{width:28em;max-width:100%;padding:.3em .5em;font:inherit}
#match{color:#8a1c9c;font-weight:600}
button{font:inherit;padding:.25em .8em;cursor:pointer}
#crumbs{margin-top:.4em;color:var(--muted);white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
#crumbs a{color:#0645ad;cursor:pointer;text-decoration:underline}
main{position:relative;padding:0 1em}
canvas{display:block;width:100%;cursor:pointer}
#tooltip{position:fixed;pointer-events:none;background:#222;color:#fff;padding:.4em .6em;border-radius:4px;max-width:40em;font-size:12px;z-index:3;word-break:break-all}
#tooltip b{color:#ffd54f}
section{padding:0 1em}
table{border-collapse:collapse;font-size:12px}td,th{padding:.15em .8em;border-bottom:1px solid var(--line);text-align:left}
td:nth-child(1),td:nth-child(2){text-align:right;font-variant-numeric:tabular-nums}
footer{color:var(--muted);padding:1em}
`

export const FLAME_PAGE_SCRIPT = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('flame-data').textContent);
  var ROW = 18;
  var canvas = document.getElementById('flame');
  var ctx = canvas.getContext('2d');
  var tooltip = document.getElementById('tooltip');
  var search = document.getElementById('search');
  var matchLabel = document.getElementById('match');
  var crumbs = document.getElementById('crumbs');
  var maxDepth = 0;

  function build(arr, parent, depth, start) {
    var node = { f: arr[0], v: arr[1], parent: parent, depth: depth, start: start, children: [], matched: false };
    if (depth > maxDepth) maxDepth = depth;
    var offset = start;
    var kids = arr[2] || [];
    for (var i = 0; i < kids.length; i++) {
      var child = build(kids[i], node, depth + 1, offset);
      offset += child.v;
      node.children.push(child);
    }
    node.self = node.v - (offset - start);
    return node;
  }
  var root = build(data.root, null, 0, 0);
  var zoom = root;

  function name(node) { return node.f < 0 ? 'all' : data.frames[node.f][0]; }
  function where(node) {
    if (node.f < 0) return '';
    var fr = data.frames[node.f];
    return fr[1] ? fr[1] + (fr[2] > 0 ? ':' + fr[2] : '') : '';
  }
  function fmt(v) {
    var u = data.unit, a = Math.abs(v);
    function r(x) { return String(Math.round(x * 100) / 100); }
    if (u === 'nanoseconds') {
      if (a >= 1e9) return r(v / 1e9) + 's';
      if (a >= 1e6) return r(v / 1e6) + 'ms';
      if (a >= 1e3) return r(v / 1e3) + 'us';
      return r(v) + 'ns';
    }
    if (u === 'bytes') {
      var units = ['B', 'kB', 'MB', 'GB', 'TB'], i = 0;
      while (Math.abs(v) >= 1024 && i < units.length - 1) { v /= 1024; i++; }
      return r(v) + units[i];
    }
    return r(v);
  }
  function pct(v, of) { return of === 0 ? '0%' : (100 * v / of).toFixed(2) + '%'; }

  function hash(s) { var h = 0; for (var i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0; return Math.abs(h); }
  function color(node) {
    if (node.matched) return '#e040fb';
    if (node.f < 0) return '#c8c8c8';
    var n = name(node), file = data.frames[node.f][1], h = hash(n);
    if ((n.charAt(0) === '(' && n.indexOf('(anonymous') !== 0) || n === 'Garbage Collection' || n === 'Node.js') return 'hsl(270,35%,' + (70 + h % 10) + '%)';
    if (file === '' || file.indexOf('node:') === 0 || file.indexOf('internal/') === 0) return 'hsl(100,' + (20 + h % 15) + '%,' + (62 + h % 12) + '%)';
    if (file.indexOf('node_modules/') === 0) return 'hsl(' + (195 + h % 25) + ',55%,' + (62 + h % 14) + '%)';
    return 'hsl(' + (h % 45) + ',80%,' + (58 + h % 14) + '%)';
  }

  var width = 0;
  function resize() {
    var dpr = window.devicePixelRatio || 1;
    width = canvas.parentElement.clientWidth - 32;
    var height = (maxDepth + 1) * ROW;
    canvas.style.height = height + 'px';
    canvas.width = Math.max(1, Math.floor(width * dpr));
    canvas.height = Math.floor(height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    draw();
  }

  function bar(node, x, w, dim) {
    var y = node.depth * ROW;
    ctx.globalAlpha = dim ? 0.55 : 1;
    ctx.fillStyle = color(node);
    ctx.fillRect(x, y, Math.max(w - 0.5, 0.5), ROW - 1);
    if (w > 28) {
      ctx.fillStyle = '#111';
      var label = name(node), max = Math.floor((w - 6) / 6.5);
      if (label.length > max) label = label.slice(0, Math.max(max - 1, 1)) + '\\u2026';
      ctx.fillText(label, x + 3, y + ROW - 5);
    }
    ctx.globalAlpha = 1;
  }
  function draw() {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.font = '11px ui-monospace,SFMono-Regular,Menlo,monospace';
    for (var a = zoom.parent; a; a = a.parent) bar(a, 0, width, true);
    var scale = zoom.v === 0 ? 0 : width / zoom.v;
    (function walk(node) {
      var w = node.v * scale;
      if (w < 0.3) return;
      bar(node, (node.start - zoom.start) * scale, w, false);
      for (var i = 0; i < node.children.length; i++) walk(node.children[i]);
    })(zoom);
  }

  function nodeAt(px, py) {
    var depth = Math.floor(py / ROW);
    if (depth < zoom.depth) { var a = zoom; while (a && a.depth > depth) a = a.parent; return a; }
    var scale = zoom.v === 0 ? 0 : width / zoom.v;
    var value = zoom.start + px / scale;
    var node = zoom;
    if (depth === zoom.depth) return node;
    while (node && node.depth < depth) {
      var next = null;
      for (var i = 0; i < node.children.length; i++) {
        var c = node.children[i];
        if (value >= c.start && value < c.start + c.v) { next = c; break; }
      }
      node = next;
    }
    return node;
  }

  function setZoom(node) {
    zoom = node || root;
    var path = [], n;
    for (n = zoom; n; n = n.parent) path.unshift(n);
    crumbs.textContent = '';
    path.forEach(function (p, i) {
      if (i > 0) crumbs.appendChild(document.createTextNode(' \\u203a '));
      var link = document.createElement('a');
      link.textContent = name(p);
      link.addEventListener('click', function () { setZoom(p); });
      crumbs.appendChild(link);
    });
    renderTop();
    draw();
  }

  canvas.addEventListener('click', function (e) {
    var rect = canvas.getBoundingClientRect();
    var node = nodeAt(e.clientX - rect.left, e.clientY - rect.top);
    if (node) setZoom(node);
  });
  canvas.addEventListener('mousemove', function (e) {
    var rect = canvas.getBoundingClientRect();
    var node = nodeAt(e.clientX - rect.left, e.clientY - rect.top);
    if (!node) { tooltip.hidden = true; return; }
    tooltip.innerHTML = '';
    var title = document.createElement('b'); title.textContent = name(node); tooltip.appendChild(title);
    var lines = [where(node), fmt(node.v) + ' (' + pct(node.v, root.v) + ' of total, ' + pct(node.v, zoom.v) + ' of zoom)', 'self ' + fmt(node.self) + ' (' + pct(node.self, root.v) + ')'];
    lines.forEach(function (l) { if (!l) return; tooltip.appendChild(document.createElement('br')); tooltip.appendChild(document.createTextNode(l)); });
    tooltip.hidden = false;
    tooltip.style.left = Math.min(e.clientX + 12, window.innerWidth - tooltip.offsetWidth - 8) + 'px';
    tooltip.style.top = (e.clientY + 14) + 'px';
  });
  canvas.addEventListener('mouseleave', function () { tooltip.hidden = true; });
  document.getElementById('reset').addEventListener('click', function () { setZoom(root); });
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') { setZoom(root); search.value = ''; applySearch(); } });

  function applySearch() {
    var q = search.value, re = null;
    if (q) { try { re = new RegExp(q, 'i'); } catch (err) { re = new RegExp(q.replace(/[.*+?^$()|[\\]\\\\{}]/g, '\\\\$&'), 'i'); } }
    var matchedValue = 0;
    (function walk(node, underMatch) {
      node.matched = !!re && node.f >= 0 && (re.test(name(node)) || re.test(where(node)));
      // A match inside a match is counted once, as its ancestor already holds its value.
      if (node.matched && !underMatch) matchedValue += node.v;
      for (var i = 0; i < node.children.length; i++) walk(node.children[i], underMatch || node.matched);
    })(root, false);
    matchLabel.textContent = re ? 'matched ' + pct(matchedValue, root.v) + ' (' + fmt(matchedValue) + ')' : '';
    draw();
  }
  search.addEventListener('input', applySearch);

  function renderTop() {
    var selfBy = {};
    (function walk(node) {
      if (node.f >= 0) selfBy[node.f] = (selfBy[node.f] || 0) + node.self;
      for (var i = 0; i < node.children.length; i++) walk(node.children[i]);
    })(zoom);
    var rows = Object.keys(selfBy).map(function (k) { return [Number(k), selfBy[k]]; })
      .filter(function (r) { return r[1] > 0; })
      .sort(function (a, b) { return b[1] - a[1]; }).slice(0, 25);
    var body = document.querySelector('#top tbody');
    body.textContent = '';
    rows.forEach(function (r) {
      var tr = document.createElement('tr'), fr = data.frames[r[0]];
      [fmt(r[1]), pct(r[1], root.v), fr[0], fr[1] ? fr[1] + (fr[2] > 0 ? ':' + fr[2] : '') : ''].forEach(function (text) {
        var td = document.createElement('td'); td.textContent = text; tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    document.getElementById('top-scope').textContent = zoom === root ? '(whole profile)' : '(under ' + name(zoom) + ')';
  }

  document.getElementById('summary').textContent = data.sampleType + ', total ' + fmt(data.total);
  window.addEventListener('resize', resize);
  window.__flame = { root: root, setZoom: setZoom, zoom: function () { return zoom; }, nodeAt: nodeAt, rowHeight: ROW };
  setZoom(root);
  resize();
})();
`
