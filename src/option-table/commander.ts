/** The table's rows as commander options: flag, alias, placeholder and generated help text. */
import type { Command } from 'commander'
import { flagWithAlias, helpText, type OptionRow, type OptionTable } from './option-table.js'

/** `--grpc-port <port>`, `-u, --vus <n>`, `--profiling`, `--no-coalesce-reads`. */
export function flagSpec (row: OptionRow): string | undefined {
  const flag = flagWithAlias(row)
  if (flag === undefined) return undefined
  if (row.kind === 'switch' || row.kind === 'negatable') return flag
  return `${flag} ${placeholder(row)}`
}

function placeholder (row: OptionRow): string {
  if (row.value !== undefined) return row.value
  if (row.unit !== undefined) return `<${row.unit}>`
  return row.kind === 'number' ? '<n>' : '<value>'
}

const collect = (value: string, previous: readonly string[] | undefined): readonly string[] => [...(previous ?? []), value]

/** Adds every row that has a flag, in the table's order (a repeatable row collects each use; a required one must be given). */
export function addTableOptions (command: Command, table: OptionTable): Command {
  for (const row of table.rows) {
    const spec = flagSpec(row)
    if (spec === undefined) continue
    if (row.kind === 'repeatable') command.option(spec, helpText(table, row), collect)
    else if (row.required === true) command.requiredOption(spec, helpText(table, row))
    else command.option(spec, helpText(table, row))
  }
  return command
}
