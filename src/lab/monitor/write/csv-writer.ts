/**
 * An append-only CSV file (RFC 4180, csv.ts). Each row goes to the kernel in
 * one write() as soon as it is added: there is no user-space buffer, so a
 * crash or SIGKILL of the monitor keeps every row sampled before it.
 */
import { open, type FileHandle } from 'node:fs/promises'
import { formatRow, type CsvCell } from './csv.js'
import { CsvWriteError } from '../errors.js'

export type { CsvCell } from './csv.js'

export class CsvWriter {
  readonly file: string
  readonly columns: readonly string[]
  readonly #handle: FileHandle
  #pending: Promise<void> = Promise.resolve()
  #closed = false

  private constructor (file: string, columns: readonly string[], handle: FileHandle) {
    this.file = file
    this.columns = columns
    this.#handle = handle
  }

  /**
   * Opens `file` for appending. A new or empty file gets the header row; an
   * existing one must already have the same header (a second monitor run into
   * the same directory continues the file instead of mixing layouts).
   */
  static async open (file: string, columns: readonly string[]): Promise<CsvWriter> {
    const header = formatRow(columns)
    let handle: FileHandle
    try {
      handle = await open(file, 'a+')
    } catch (err) {
      throw new CsvWriteError(file, (err as Error).message)
    }
    try {
      const existing = await readFirstLine(handle)
      if (existing === undefined) await handle.write(header)
      else if (`${existing}\n` !== header) throw new CsvWriteError(file, 'it exists with other columns; use another --out directory')
    } catch (err) {
      await handle.close()
      throw err
    }
    return new CsvWriter(file, columns, handle)
  }

  /** Queues one row; writes keep their order. Extra cells are an error, missing ones are left empty. */
  append (cells: readonly CsvCell[]): Promise<void> {
    if (this.#closed) return Promise.reject(new CsvWriteError(this.file, 'the writer is closed'))
    if (cells.length > this.columns.length) {
      return Promise.reject(new CsvWriteError(this.file, `${cells.length} cells for ${this.columns.length} columns`))
    }
    const line = formatRow(cells)
    this.#pending = this.#pending.then(async () => {
      try {
        await this.#handle.write(line)
      } catch (err) {
        throw new CsvWriteError(this.file, (err as Error).message)
      }
    })
    return this.#pending
  }

  /** Resolves once every queued row has reached the kernel. */
  async flush (): Promise<void> {
    await this.#pending
  }

  async close (): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    try {
      await this.#pending
    } finally {
      await this.#handle.close()
    }
  }
}

async function readFirstLine (handle: FileHandle): Promise<string | undefined> {
  const { size } = await handle.stat()
  if (size === 0) return undefined
  const buffer = Buffer.alloc(Math.min(size, 64 * 1024))
  const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
  const text = buffer.subarray(0, bytesRead).toString('utf8')
  const end = text.indexOf('\n')
  return end < 0 ? text : text.slice(0, end)
}
