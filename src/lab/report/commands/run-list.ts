/** `mib results list`: one line per run, newest last, with its verdict. */
import type { RunInfo } from '../../results-dir/index.js'

export interface RunListRow {
  id: string
  createdAt: string | null
  preset: string | null
  commit: string | null
  verdict: string
  regressions: number | null
  problem: string | null
}

export function runListRows (runs: RunInfo[]): RunListRow[] {
  return runs.map((r) => ({
    id: r.id,
    createdAt: r.manifest?.createdAt ?? null,
    preset: r.manifest?.preset ?? null,
    commit: r.manifest?.git?.commit ?? null,
    verdict: r.manifest === undefined ? 'unreadable' : (r.manifest.verdict?.status ?? 'not analyzed') + ((r.manifest.verdict?.incomplete?.length ?? 0) > 0 ? ' incomplete' : ''),
    regressions: r.manifest?.verdict?.regressions ?? null,
    problem: r.problem ?? null
  }))
}

export function formatRunList (runs: RunInfo[]): string {
  const rows = runListRows(runs)
  if (rows.length === 0) return 'no runs yet'
  const header = ['RUN', 'VERDICT', 'PRESET', 'COMMIT']
  const cells = rows.map((r) => [
    r.id,
    r.verdict + (r.regressions !== null && r.regressions > 0 ? ` (${r.regressions} regression${r.regressions === 1 ? '' : 's'})` : ''),
    r.preset ?? '-',
    r.commit === null ? '-' : r.commit.slice(0, 12)
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)))
  const line = (c: string[]): string => c.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd()
  const problems = rows.filter((r) => r.problem !== null).map((r) => `  ${r.id}: ${r.problem ?? ''}`)
  return [line(header), ...cells.map(line), ...(problems.length > 0 ? ['', 'problems:', ...problems] : [])].join('\n')
}
