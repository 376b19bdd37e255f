/**
 * The live progress line on stderr: rewritten in place every second on a TTY,
 * a plain line every 10 s otherwise (CI logs), nothing under --quiet.
 */
import { formatDuration } from './duration.js'

export interface RunProgress {
  elapsedMs: number
  plannedMs: number
  vus: number
  vusMax: number
  completedIterations: number
  interruptedIterations: number
  droppedIterations: number
  /** Over the last window. */
  requestsPerSecond: number
  /** Share of failed requests over the last window (0..1). */
  errorRate: number
  stopping: boolean
}

export interface ProgressStream {
  write: (text: string) => unknown
  isTTY?: boolean
}

export interface ProgressOptions {
  quiet: boolean
  /** Between plain lines when stderr is not a TTY. */
  plainEveryMs?: number
}

export class ProgressReporter {
  readonly #stream: ProgressStream
  readonly #tty: boolean
  readonly #quiet: boolean
  readonly #plainEveryMs: number
  #lastPlainMs = -Infinity
  #lineShown = false

  constructor (stream: ProgressStream, options: ProgressOptions) {
    this.#stream = stream
    this.#tty = stream.isTTY === true
    this.#quiet = options.quiet
    this.#plainEveryMs = options.plainEveryMs ?? 10_000
  }

  update (progress: RunProgress): void {
    if (this.#quiet) return
    const line = formatProgress(progress)
    if (this.#tty) {
      this.#stream.write(`\r\x1b[2K${line}`)
      this.#lineShown = true
    } else if (progress.elapsedMs - this.#lastPlainMs >= this.#plainEveryMs) {
      this.#lastPlainMs = progress.elapsedMs
      this.#stream.write(`${line}\n`)
    }
  }

  /** Prints a message on its own line (the live line is redrawn at the next update). */
  note (message: string): void {
    this.#clear()
    this.#stream.write(`${message}\n`)
  }

  /** Leaves the final state on screen. */
  finish (progress: RunProgress | undefined): void {
    if (this.#quiet) return
    if (this.#tty) {
      if (progress !== undefined) this.#stream.write(`\r\x1b[2K${formatProgress(progress)}\n`)
      else this.#clear()
    } else if (progress !== undefined) {
      this.#stream.write(`${formatProgress(progress)}\n`)
    }
    this.#lineShown = false
  }

  #clear (): void {
    if (this.#tty && this.#lineShown) this.#stream.write('\r\x1b[2K')
    this.#lineShown = false
  }
}

export function formatProgress (p: RunProgress): string {
  const width = String(p.vusMax).length
  const parts = [
    `${p.stopping ? 'stopping' : 'running'} (${formatDuration(p.elapsedMs)}/${formatDuration(p.plannedMs)})`,
    `${String(p.vus).padStart(width, '0')}/${p.vusMax} VUs`,
    `${p.completedIterations} complete and ${p.interruptedIterations} interrupted iterations`,
    `${p.requestsPerSecond.toFixed(1)} req/s`,
    `${(p.errorRate * 100).toFixed(2)}% errors`
  ]
  if (p.droppedIterations > 0) parts.push(`${p.droppedIterations} dropped`)
  return parts.join(', ')
}
