/** report.md: the report model as GitHub-flavoured Markdown. */
import { isNumeric, type Cell, type ReportModel, type Table } from './report-model.js'

export function renderMarkdown (model: ReportModel): string {
  const out: string[] = [`# ${model.title}`, '', `**${model.verdictLine}**`, '']
  for (const [key, value] of model.meta) out.push(`- ${key}: ${escapeInline(value)}`)
  for (const section of model.sections) {
    out.push('', `## ${section.title}`, '')
    for (const note of section.notes) out.push(escapeInline(note), '')
    for (const { caption, table } of section.tables) {
      if (caption !== undefined) out.push(`*${escapeInline(caption)}*`, '')
      out.push(...markdownTable(table), '')
    }
  }
  out.push('', '*Charts: open report.html beside this file.*', '')
  return out.join('\n').replace(/\n{3,}/g, '\n\n')
}

function markdownTable (table: Table): string[] {
  const row = (cells: string[]): string => `| ${cells.join(' | ')} |`
  return [
    row(table.headers.map(escapeCell)),
    row(table.headers.map((_, i) => i > 0 && table.rows.every((r) => isNumeric(r[i]?.text ?? '')) ? '---:' : '---')),
    ...table.rows.map((cells) => row(cells.map((c: Cell) => escapeCell(c.text))))
  ]
}

function escapeCell (text: string): string {
  return escapeInline(text).replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

/** Operation names and error texts come from the run: they must not become Markdown markup. */
function escapeInline (text: string): string {
  return text
    .replace(/([\\*[\]])/g, '\\$1')
    // `_` only emphasizes at a word's edge (GFM), and `<` only opens a tag before a letter, `/`, `!` or `?`.
    .replace(/(^|\W)_|_(?=\W|$)/g, (m) => m.replace('_', '\\_'))
    .replace(/<(?=[A-Za-z/!?])/g, '&lt;')
}
