/** The table's rows as commander options: flag, placeholder and generated help text. */
import type { Command } from 'commander'
import { flagName, helpText, type OptionRow, type OptionTable } from './option-table.js'

/** `--grpc-port <port>`, `--profiling`, `--no-coalesce-reads`. */
export function flagSpec (row: OptionRow): string | undefined {
  const flag = flagName(row)
  if (flag === undefined) return undefined
  if (row.kind === 'switch' || row.kind === 'negatable') return flag
  return `${flag} ${placeholder(row)}`
}

function placeholder (row: OptionRow): string {
  if (row.value !== undefined) return row.value
  if (row.unit !== undefined) return `<${row.unit}>`
  return row.kind === 'number' ? '<n>' : '<value>'
}

/** Adds every row that has a flag, in the table's order. */
export function addTableOptions (command: Command, table: OptionTable): Command {
  for (const row of table.rows) {
    const spec = flagSpec(row)
    if (spec !== undefined) command.option(spec, helpText(table, row))
  }
  return command
}
