// sonic-boom is CommonJS: its default export is module.exports, which carries the class.
import sonicBoom, { type SonicBoom } from 'sonic-boom'
import { OutputWriteError } from '../errors.js'

/** What the file outputs write through: plain (NdjsonWriter) or gzip (GzipLineWriter). */
export interface LineWriter {
  readonly path: string
  readonly droppedLines: number
  ready: () => Promise<void>
  write: (lines: string) => void
  flushSync: () => Error | undefined
  close: () => Promise<void>
}

/** A plain writer, or a gzip one when the file name ends in `.gz` (as k6 decides). */
export async function openLineWriter (options: NdjsonWriterOptions): Promise<LineWriter> {
  if (!options.path.endsWith('.gz')) return new NdjsonWriter(options)
  const { GzipLineWriter } = await import('./gzip-writer.js')
  return new GzipLineWriter(options)
}

export interface NdjsonWriterOptions {
  readonly path: string
  /** Buffered bytes that trigger a write (64 KiB). */
  readonly minLength?: number
  /** Buffered bytes past which new lines are dropped and counted, so a slow disk cannot grow memory (32 MiB). */
  readonly maxLength?: number
  /** Flush at least this often, so a crash loses at most this much (1000 ms). */
  readonly flushIntervalMs?: number
  /**
   * Write (and compress) each flush synchronously: for small streams whose
   * every line matters, like the per-second aggregates — even a `kill -9`
   * then loses nothing already written (false).
   */
  readonly sync?: boolean
}

/**
 * Buffered line writer over pino's sonic-boom: writes in 64 KiB chunks,
 * flushes every second, drops (and counts) lines when the disk falls behind
 * by more than `maxLength`, and can flush synchronously from process 'exit'.
 */
export class NdjsonWriter implements LineWriter {
  readonly path: string
  readonly #sonic: SonicBoom
  #droppedLines = 0
  #error: Error | undefined
  #ready: Promise<void>
  #closed = false
  #timer: NodeJS.Timeout | undefined

  constructor (options: NdjsonWriterOptions) {
    this.path = options.path
    this.#sonic = new sonicBoom.SonicBoom({
      dest: options.path,
      append: false,
      mkdir: true,
      sync: options.sync ?? false,
      minLength: options.minLength ?? 64 * 1024,
      // One write syscall may carry up to 1 MiB (sonic-boom requires minLength < maxWrite).
      maxWrite: 1024 * 1024,
      maxLength: options.maxLength ?? 32 * 1024 * 1024,
    })
    this.#sonic.on('drop', (data: string) => { this.#droppedLines += countLines(data) })
    this.#sonic.on('error', (err: Error) => { this.#error ??= err })
    this.#ready = new Promise((resolve, reject) => {
      this.#sonic.once('ready', () => {
        this.#startFlushTimer(options.flushIntervalMs ?? 1000)
        resolve()
      })
      this.#sonic.once('error', (err: Error) => reject(new OutputWriteError(options.path, err.message)))
    })
    // The ready promise is awaited by start(); a failure before that must not be an unhandled rejection.
    this.#ready.catch(() => undefined)
  }

  // Our own timer rather than sonic-boom's periodicFlush, which keeps firing
  // (and throws on fd -1) when the file could not be opened.
  #startFlushTimer (intervalMs: number): void {
    this.#timer = setInterval(() => {
      if (!this.#closed && this.#error === undefined) this.#sonic.flush()
    }, intervalMs)
    this.#timer.unref()
  }

  /** Resolves once the file is open; rejects with MIB_ERR_LOAD_OUTPUT_WRITE when it cannot be. */
  async ready (): Promise<void> { await this.#ready }

  /** Lines dropped because the disk could not keep up. */
  get droppedLines (): number { return this.#droppedLines }

  /** Appends complete lines (each ending in "\n"). Never blocks. */
  write (lines: string): void {
    if (this.#closed || lines.length === 0) return
    this.#sonic.write(lines)
  }

  /** Synchronous best effort for process 'exit': returns the error instead of throwing from an exit handler. */
  flushSync (): Error | undefined {
    if (this.#closed) return undefined
    try {
      this.#sonic.flushSync()
      return undefined
    } catch (err) {
      return err instanceof Error ? err : new Error(String(err))
    }
  }

  /** Flushes everything and closes the file; rejects with MIB_ERR_LOAD_OUTPUT_WRITE on a write error. */
  async close (): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    clearInterval(this.#timer)
    await this.#ready
    await new Promise<void>((resolve) => {
      this.#sonic.once('close', () => resolve())
      this.#sonic.end()
    })
    if (this.#error !== undefined) throw new OutputWriteError(this.path, this.#error.message)
  }
}

function countLines (data: string): number {
  let n = 0
  for (let i = data.indexOf('\n'); i !== -1; i = data.indexOf('\n', i + 1)) n++
  return n
}
