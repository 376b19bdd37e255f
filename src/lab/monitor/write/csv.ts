/**
 * The CSV of the monitor's files (RFC 4180), written by csv-writer.ts and read
 * by the report (lab/report/read/monitor-reader.ts): one module, so the reader
 * reads everything the writer writes — commas, quotes and line breaks inside
 * a field included.
 */
import { createReadStream } from 'node:fs'

export type CsvCell = string | number | boolean | undefined

/** One record: cells joined by commas, quoted when they hold `"`, `,` or a line break; `\n`-terminated. */
export function formatRow (cells: readonly CsvCell[]): string {
  return cells.map(formatCell).join(',') + '\n'
}

function formatCell (cell: CsvCell): string {
  if (cell === undefined) return ''
  if (typeof cell === 'number') return formatNumber(cell)
  if (typeof cell === 'boolean') return cell ? '1' : '0'
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell
}

/** Non-finite numbers become empty cells; fractions keep 4 decimals (enough for %, ms and rates). */
function formatNumber (value: number): string {
  if (!Number.isFinite(value)) return ''
  if (Number.isInteger(value)) return String(value)
  return String(Math.round(value * 1e4) / 1e4)
}

/**
 * An incremental RFC 4180 parser: text goes in as it is read, in chunks cut
 * anywhere (inside a quoted field too); complete records come out. Line ends
 * are `\n` or `\r\n`; a field's own line breaks are kept as written.
 */
export class CsvParser {
  #cell = ''
  #cells: string[] = []
  #quoted = false
  /** A `"` inside a quoted field: the closing quote, or the first of a `""` pair (the next character tells). */
  #quoteSeen = false
  /** Something of the current record was read (an empty line is no record). */
  #started = false

  /** The records completed by this chunk. */
  push (chunk: string): string[][] {
    const records: string[][] = []
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i] as string
      if (this.#quoted) {
        if (this.#quoteSeen) {
          this.#quoteSeen = false
          if (c === '"') { this.#cell += '"'; continue }
          this.#quoted = false
          // Fall through: the character after a closing quote is read unquoted.
        } else {
          if (c === '"') this.#quoteSeen = true
          else this.#cell += c
          continue
        }
      }
      if (c === '"' && this.#cell === '') { this.#quoted = true; this.#started = true } else if (c === ',') { this.#endCell(); this.#started = true } else if (c === '\n') {
        const record = this.#endRecord()
        if (record !== undefined) records.push(record)
      } else if (c === '\r' && (chunk[i + 1] === '\n' || i + 1 === chunk.length)) {
        // The CR of a CRLF (a chunk may end between the two): dropped.
      } else { this.#cell += c; this.#started = true }
    }
    return records
  }

  /** The last record, when the text does not end with a line break. */
  end (): string[][] {
    this.#quoted = false
    this.#quoteSeen = false
    const record = this.#endRecord()
    return record === undefined ? [] : [record]
  }

  #endCell (): void {
    this.#cells.push(this.#cell)
    this.#cell = ''
  }

  #endRecord (): string[] | undefined {
    if (!this.#started) return undefined
    this.#endCell()
    const record = this.#cells
    this.#cells = []
    this.#started = false
    return record
  }
}

/** Every record of a CSV text. */
export function parseCsv (text: string): string[][] {
  const parser = new CsvParser()
  return [...parser.push(text), ...parser.end()]
}

/** Streams the rows of a CSV file with a header row, as header → cell records (missing cells are ''). */
export async function * readCsvRows (file: string): AsyncGenerator<Record<string, string>> {
  const parser = new CsvParser()
  let header: string[] | undefined
  const rows = function * (records: string[][]): Generator<Record<string, string>> {
    for (const cells of records) {
      if (cells.length === 1 && cells[0]?.trim() === '') continue
      if (header === undefined) { header = cells.map((h) => h.trim()); continue }
      const row: Record<string, string> = {}
      header.forEach((name, i) => { row[name] = cells[i] ?? '' })
      yield row
    }
  }
  for await (const chunk of createReadStream(file, { encoding: 'utf8' })) yield * rows(parser.push(chunk as string))
  yield * rows(parser.end())
}
