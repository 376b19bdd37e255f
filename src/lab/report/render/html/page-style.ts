/** The stylesheet shared by the dashboard and the report: readable, printable, no web fonts (offline). */
export const PAGE_CSS = `
:root { color-scheme: light; --ok: #1a7f37; --bad: #cf222e; --muted: #57606a; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; padding: 16px 24px; max-width: 1280px; color: #1f2328; }
header { display: flex; align-items: center; gap: 16px; flex-wrap: wrap; border-bottom: 1px solid #d0d7de; padding-bottom: 8px; }
h1 { font-size: 20px; margin: 0; } h2 { font-size: 16px; margin: 20px 0 8px; }
.status { padding: 2px 8px; border-radius: 10px; background: #eaeef2; font-size: 12px; }
.status.live { background: #dafbe1; } .status.bad { background: #ffebe9; } .status.done { background: #ddf4ff; }
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(140px, 1fr)); gap: 8px; margin: 12px 0; }
.tile { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 10px; }
.tile .label { color: var(--muted); font-size: 12px; } .tile .value { font-size: 20px; font-variant-numeric: tabular-nums; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 12px; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; margin-bottom: 8px; }
th, td { border: 1px solid #d0d7de; padding: 3px 8px; text-align: right; }
th:first-child, td:first-child, td.text { text-align: left; } th { background: #f6f8fa; }
td.ok, .ok { color: var(--ok); } td.bad, .bad { color: var(--bad); } td.muted, .muted { color: var(--muted); }
.verdict { font-size: 18px; font-weight: 600; } .meta { color: var(--muted); }
a.button { border: 1px solid #d0d7de; border-radius: 6px; padding: 4px 10px; text-decoration: none; color: inherit; background: #f6f8fa; }
@media print { a.button { display: none; } }
`
