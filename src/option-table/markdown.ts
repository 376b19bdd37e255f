/**
 * The docs' option tables, generated from the option tables (scripts/option-docs.ts
 * writes them between markers; a test fails when a doc is stale).
 */
import { flagSpec } from './commander.js'
import { bareText, defaultText, envNames, type OptionRow, type OptionTable } from './option-table.js'

/** A markdown table of every row with a flag or a variable: flag, env, default, meaning. */
export function optionsMarkdown (table: OptionTable): string {
  const lines = ['| flag | env | default | meaning |', '| --- | --- | --- | --- |']
  for (const row of table.rows) {
    const flag = flagSpec(row)
    const vars = envNames(row)
    if (flag === undefined && vars.length === 0) continue
    lines.push(`| ${flag === undefined ? '—' : code(flag)} | ${vars.map(code).join(', ')} | ${defaultCell(table, row)} | ${cell(row.help)} |`)
  }
  return lines.join('\n')
}

/** A markdown table of the options only code can set (no flag, no variable): option, default, meaning. */
export function programmaticOptionsMarkdown (table: OptionTable): string {
  const lines = ['| option | default | meaning |', '| --- | --- | --- |']
  for (const row of table.rows) {
    if (row.flag !== undefined || envNames(row).length > 0) continue
    lines.push(`| ${code(row.key)} | ${defaultCell(table, row)} | ${cell(row.help)} |`)
  }
  return lines.join('\n')
}

/** A value from the schema as code (`8080`); a default in words (`off in production`) as text. */
function defaultCell (table: OptionTable, row: OptionRow): string {
  if (row.required === true) return 'required'
  const fallback = defaultText(table, row)
  const text = row.defaultText !== undefined ? cell(row.defaultText) : fallback === undefined ? '' : code(fallback)
  const bare = bareText(row)
  return bare === undefined ? text : [text, cell(bare)].filter((part) => part !== '').join('; ')
}

/** In a table cell even code must escape a pipe: `--workers <n\|auto>`. */
function code (text: string): string {
  return `\`${cell(text)}\``
}

/** A pipe would end the cell. */
function cell (text: string): string {
  return text.replaceAll('|', '\\|')
}

/** Marks a generated part of a doc: `<!-- options:engine:begin ... -->` … `<!-- options:engine:end -->`. */
export function markers (name: string): { begin: string, end: string } {
  return { begin: `<!-- options:${name}:begin (generated from the option table: npm run docs:options) -->`, end: `<!-- options:${name}:end -->` }
}

function replaceBetween (doc: string, name: string, body: string): string {
  const { begin, end } = markers(name)
  const start = doc.indexOf(begin)
  const stop = doc.indexOf(end)
  if (start < 0 || stop < start) throw new Error(`markers ${begin} … ${end} not found`)
  return `${doc.slice(0, start + begin.length)}\n${body}\n${doc.slice(stop)}`
}

/**
 * The doc with its generated tables replaced: `options:<name>` when the table has flags or
 * variables, and `options:<name>-api` when it has options only code can set (a library's
 * options: that one alone). Throws when markers are missing.
 */
export function withOptionsTables (doc: string, name: string, table: OptionTable): string {
  const apiOnly = (row: OptionRow): boolean => row.flag === undefined && envNames(row).length === 0
  const withFlags = table.rows.some((row) => !apiOnly(row)) ? replaceBetween(doc, name, optionsMarkdown(table)) : doc
  return table.rows.some(apiOnly) ? replaceBetween(withFlags, `${name}-api`, programmaticOptionsMarkdown(table)) : withFlags
}
