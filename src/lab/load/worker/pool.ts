/**
 * Load worker threads. Each runs its interleaved segment of every scenario
 * (k6's execution segments); their metric deltas merge exactly into the main
 * thread's registry (HDR histograms, counters), so N workers report what one
 * would.
 */
import { Worker } from 'node:worker_threads'
import { extname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { WorkerCrashedError } from '../errors.js'
import { InvalidOptionsError } from '../../../options.js'
import { MibError } from '../../../errors.js'
import type { ExecutorStatus } from '../executors/types.js'
import type { FromWorker, ToWorker, WorkerInit, WorkerReport } from './messages.js'
import { maybeThreadState } from '../runtime/thread-state.js'

export interface PoolHandlers {
  /** A worker's periodic (or final) report; merge its snapshot once. */
  onReport: (index: number, report: WorkerReport) => void
}

interface Slot {
  worker: Worker
  ready: Promise<void>
  done: Promise<void>
  status: ExecutorStatus[]
  vus: { active: number, max: number }
  finished: boolean
}

export class WorkerPool {
  readonly #slots: Slot[]
  #failure: Error | undefined

  constructor (count: number, init: Omit<WorkerInit, 'segment'>, handlers: PoolHandlers) {
    this.#slots = Array.from({ length: count }, (_, index) => this.#spawn(index, count, init, handlers))
  }

  get size (): number {
    return this.#slots.length
  }

  /** Resolves when every worker has loaded the script; rejects with the first failure. */
  async ready (): Promise<void> {
    await Promise.all(this.#slots.map((s) => s.ready))
  }

  start (): void { this.#broadcast({ type: 'start' }) }
  stop (): void { this.#broadcast({ type: 'stop' }) }
  abort (): void { this.#broadcast({ type: 'abort' }) }

  /** Resolves when every worker finished and sent its last report. */
  async done (): Promise<void> {
    await Promise.all(this.#slots.map((s) => s.done))
    if (this.#failure !== undefined) throw this.#failure
  }

  statuses (): ExecutorStatus[][] {
    return this.#slots.map((s) => s.status)
  }

  vus (): { active: number, max: number } {
    return this.#slots.reduce((sum, s) => ({ active: sum.active + s.vus.active, max: sum.max + s.vus.max }), { active: 0, max: 0 })
  }

  async terminate (): Promise<void> {
    await Promise.all(this.#slots.map(async (s) => { if (!s.finished) await s.worker.terminate() }))
  }

  #broadcast (message: ToWorker): void {
    for (const slot of this.#slots) if (!slot.finished) slot.worker.postMessage(message)
  }

  #spawn (index: number, count: number, init: Omit<WorkerInit, 'segment'>, handlers: PoolHandlers): Slot {
    const workerData: WorkerInit = { ...init, segment: { index, count } }
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrapSource())}`), { workerData })
    let onReady!: () => void
    let onReadyFailed!: (err: Error) => void
    let onDone!: () => void
    const slot: Slot = {
      worker,
      ready: new Promise((resolve, reject) => { onReady = resolve; onReadyFailed = reject }),
      done: new Promise((resolve) => { onDone = resolve }),
      status: [],
      vus: { active: 0, max: 0 },
      finished: false
    }
    // A rejection nobody awaits yet (the pool is still starting) must not crash the process.
    slot.ready.catch(() => {})
    const finish = (): void => { if (!slot.finished) { slot.finished = true; onDone() } }
    worker.on('message', (message: FromWorker) => {
      switch (message.type) {
        case 'ready': onReady(); break
        case 'report':
        case 'done':
          slot.status = message.report.status
          slot.vus = message.report.vus
          handlers.onReport(index, message.report)
          if (message.type === 'done') finish()
          break
        case 'test-abort': maybeThreadState()?.abortTest?.(message.reason); break
        case 'failed': {
          const { code, message: text, problems } = message.error
          const err = problems !== undefined ? new InvalidOptionsError('options', problems) : new MibError(code ?? 'MIB_ERR_LOAD_WORKER_CRASHED', text)
          onReadyFailed(err)
          finish()
          break
        }
      }
    })
    worker.on('error', (err) => {
      const crash = new WorkerCrashedError(index, err.stack ?? err.message)
      this.#failure ??= crash
      onReadyFailed(crash)
      finish()
    })
    worker.on('exit', (code) => {
      if (!slot.finished && code !== 0) {
        const crash = new WorkerCrashedError(index, `exited with code ${code}`)
        this.#failure ??= crash
        onReadyFailed(crash)
      }
      finish()
    })
    return slot
  }
}

/**
 * The worker's first module: imports the entry; from the sources (entry.ts)
 * it registers tsx first. Compiled, no loader hooks run in workers (scripts
 * arrive bundled): no hooks thread per worker.
 */
function bootstrapSource (): string {
  const extension = extname(fileURLToPath(import.meta.url))
  const entry = JSON.stringify(new URL(`./entry${extension}`, import.meta.url).href)
  if (extension !== '.ts') return `await import(${entry});`
  return `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register(); await import(${entry});`
}
