import { closeSync, openSync, writeSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { constants, gzip, gzipSync } from 'node:zlib'
import { promisify } from 'node:util'
import { OutputWriteError } from '../errors.js'
import type { LineWriter, NdjsonWriterOptions } from './ndjson-writer.js'

const gzipAsync = promisify(gzip)

/**
 * Fast compression: the raw stream of a busy test is ~10 MB/s of very
 * repetitive JSON, and the runner shares the machine with the system it
 * measures. Level 1 still shrinks k6 lines about tenfold.
 */
const LEVEL = constants.Z_BEST_SPEED

/**
 * A `.gz` line writer, as k6 writes `--out json=FILE.gz`. Lines are buffered
 * and each chunk (256 KiB, or whatever a second brought) is compressed off the
 * event loop (zlib's thread pool) into its own gzip member, appended in order.
 * A file of concatenated members is one valid gzip stream (RFC 1952 §2.2), and
 * each member is complete once written: a crash loses at most the chunk being
 * compressed, and a reader sees every line up to the last member.
 * Memory is bounded like NdjsonWriter's: past `maxLength` buffered or in-flight
 * characters, lines are dropped and counted.
 */
export class GzipLineWriter implements LineWriter {
  readonly path: string
  readonly #minLength: number
  readonly #maxLength: number
  readonly #flushIntervalMs: number
  readonly #sync: boolean
  #fd = -1
  #pending: string[] = []
  #pendingLength = 0
  #inFlightLength = 0
  #chain: Promise<void> = Promise.resolve()
  #droppedLines = 0
  #error: Error | undefined
  #closed = false
  #timer: NodeJS.Timeout | undefined
  readonly #ready: Promise<void>

  constructor (options: NdjsonWriterOptions) {
    this.path = options.path
    this.#minLength = options.minLength ?? 256 * 1024
    this.#maxLength = options.maxLength ?? 32 * 1024 * 1024
    this.#flushIntervalMs = options.flushIntervalMs ?? 1000
    this.#sync = options.sync ?? false
    this.#ready = this.#open()
    // Awaited by ready(); a failure before that must not be an unhandled rejection.
    this.#ready.catch(() => undefined)
  }

  async #open (): Promise<void> {
    try {
      await mkdir(dirname(this.path), { recursive: true })
      // A plain descriptor: flushSync() must write from a process 'exit' handler.
      this.#fd = openSync(this.path, 'w')
    } catch (err) {
      throw new OutputWriteError(this.path, (err as Error).message)
    }
    this.#timer = setInterval(() => { this.#flush() }, this.#flushIntervalMs)
    this.#timer.unref()
  }

  async ready (): Promise<void> { await this.#ready }

  get droppedLines (): number { return this.#droppedLines }

  write (lines: string): void {
    if (this.#closed || lines.length === 0 || this.#fd === -1) return
    if (this.#pendingLength + this.#inFlightLength + lines.length > this.#maxLength) {
      this.#droppedLines += countLines(lines)
      return
    }
    this.#pending.push(lines)
    this.#pendingLength += lines.length
    if (this.#pendingLength >= this.#minLength) this.#flush()
  }

  #take (): string {
    const text = this.#pending.join('')
    this.#pending = []
    this.#pendingLength = 0
    return text
  }

  #flush (): void {
    if (this.#pendingLength === 0 || this.#error !== undefined) return
    if (this.#sync) {
      const err = this.flushSync()
      if (err !== undefined) this.#error ??= err
      return
    }
    const text = this.#take()
    this.#inFlightLength += text.length
    this.#chain = this.#chain
      .then(async () => {
        const member = await gzipAsync(text, { level: LEVEL })
        if (this.#fd !== -1) writeAll(this.#fd, member)
      })
      .catch((err: unknown) => { this.#error ??= err instanceof Error ? err : new Error(String(err)) })
      .finally(() => { this.#inFlightLength -= text.length })
  }

  /** From process 'exit': compresses and writes the buffered lines now (chunks still in zlib's pool are lost). */
  flushSync (): Error | undefined {
    if (this.#closed || this.#fd === -1 || this.#pendingLength === 0) return undefined
    try {
      writeAll(this.#fd, gzipSync(this.#take(), { level: LEVEL }))
      return undefined
    } catch (err) {
      return err instanceof Error ? err : new Error(String(err))
    }
  }

  async close (): Promise<void> {
    if (this.#closed) return
    await this.#ready
    this.#flush()
    this.#closed = true
    clearInterval(this.#timer)
    await this.#chain
    const fd = this.#fd
    this.#fd = -1
    try {
      closeSync(fd)
    } catch (err) {
      this.#error ??= err as Error
    }
    if (this.#error !== undefined) throw new OutputWriteError(this.path, this.#error.message)
  }
}

function writeAll (fd: number, bytes: Uint8Array): void {
  let offset = 0
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset)
}

function countLines (data: string): number {
  let n = 0
  for (let i = data.indexOf('\n'); i !== -1; i = data.indexOf('\n', i + 1)) n++
  return n
}
