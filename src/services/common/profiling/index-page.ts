import { ENDPOINTS } from './catalogue.js'

export interface IndexJson {
  service: string
  pid: number
  node: string
  profiles: Array<{ name: string, path: string, params: string, description: string, produces: string, warning?: string }>
}

export function indexJson (service: string, basePath: string): IndexJson {
  return {
    service,
    pid: process.pid,
    node: process.version,
    profiles: ENDPOINTS.map((e) => ({
      name: e.name,
      path: `${basePath}${e.name}`,
      params: e.params,
      description: e.description,
      produces: e.produces,
      ...(e.warning === undefined ? {} : { warning: e.warning })
    }))
  }
}

export function indexHtml (service: string): string {
  const rows = ENDPOINTS.map((e) => `<tr><td><a href="${escapeHtml(e.example)}">${escapeHtml(e.name)}</a></td>` +
    `<td>${escapeHtml(e.description)}${e.warning === undefined ? '' : `<br><strong>Warning: ${escapeHtml(e.warning)}</strong>`}</td>` +
    `<td>${escapeHtml(e.params)}</td><td>${escapeHtml(e.produces)}</td></tr>`).join('\n')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>/debug/pprof/ of ${escapeHtml(service)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.4em .8em;text-align:left;vertical-align:top}th{background:#f4f4f4}code{background:#f4f4f4;padding:0 .2em}</style>
</head><body>
<h1>/debug/pprof/ <small>${escapeHtml(service)} (pid ${process.pid}, Node ${escapeHtml(process.version)})</small></h1>
<table><thead><tr><th>Profile</th><th>What it shows</th><th>Parameters</th><th>Format</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<p>From a terminal: <code>mib profile cpu --seconds 30</code>, then <code>mib profile top FILE</code> or <code>mib profile flame FILE -o flame.html</code>;
or <code>go tool pprof -http=: FILE</code>. This listing as JSON: <a href="?format=json">?format=json</a>.</p>
</body></html>
`
}

function escapeHtml (text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c] ?? c))
}
