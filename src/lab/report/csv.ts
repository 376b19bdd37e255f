/** RFC 4180 CSV, one record per line (the monitor never writes line breaks inside a field). */
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'

export function parseCsvLine (line: string): string[] {
  const cells: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cell += '"'; i++ } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') { cells.push(cell); cell = '' } else cell += c
  }
  cells.push(cell)
  return cells
}

/** Streams the rows of a CSV file with a header row, as header → cell records. */
export async function * readCsvRows (file: string): AsyncGenerator<Record<string, string>> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY })
  let header: string[] | undefined
  for await (const line of lines) {
    if (line.trim() === '') continue
    const cells = parseCsvLine(line)
    if (header === undefined) { header = cells.map((h) => h.trim()); continue }
    const row: Record<string, string> = {}
    header.forEach((name, i) => { row[name] = cells[i] ?? '' })
    yield row
  }
}

/** A numeric cell, or undefined for an empty or non-numeric one ("not measured in this interval"). */
export function numberCell (row: Record<string, string>, column: string): number | undefined {
  const text = row[column]
  if (text === undefined || text.trim() === '') return undefined
  const n = Number(text)
  return Number.isFinite(n) ? n : undefined
}
