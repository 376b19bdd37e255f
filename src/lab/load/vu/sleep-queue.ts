/**
 * The sleep() calls of a thread's VUs, on one clock timer. Thousands of VUs
 * each sleeping between requests would otherwise each arm a Node timer: a
 * Timeout object, a closure and an async-hook call per sleep, and one timer
 * list per distinct duration (sleeps are random, so hundreds of lists). Here a
 * sleep is one small entry in a binary min-heap, and the one timer is re-armed
 * only when a sleep is due before everything already waiting.
 */
import type { Clock, TimerHandle } from '../clock.js'

/** Who sleeps: told when a sleep starts and when it wakes, so that it can interrupt it in between. */
export interface SleepOwner {
  track: (sleep: Sleep) => void
  untrack: (sleep: Sleep) => void
}

/** One pending sleep; `interrupt()` rejects it at once (an interrupted iteration). */
export class Sleep {
  readonly dueMs: number
  /** Insertion order: sleeps due at the same time wake in the order they began. */
  readonly seq: number
  /** Position in the queue's heap; -1 once out of it. */
  index = -1
  readonly #queue: SleepQueue
  readonly #owner: SleepOwner
  readonly #resolve: () => void
  readonly #reject: (err: Error) => void

  constructor (queue: SleepQueue, dueMs: number, seq: number, owner: SleepOwner, resolve: () => void, reject: (err: Error) => void) {
    this.#queue = queue
    this.dueMs = dueMs
    this.seq = seq
    this.#owner = owner
    this.#resolve = resolve
    this.#reject = reject
  }

  /** Called by the queue when the sleep is due (it has left the heap). */
  wake (): void {
    this.#owner.untrack(this)
    this.#resolve()
  }

  /** Rejects the sleep now and takes it out of the queue. */
  interrupt (reason: Error): void {
    if (this.index < 0) return
    this.#queue.remove(this)
    this.#reject(reason)
  }
}

/** Timers may fire a little early: a sleep due within this margin wakes. */
const EARLY_MS = 0.5
/**
 * Sleeps woken per event-loop turn. After a stall (a long GC, a busy machine)
 * thousands may be due at once; each woken VU sends its next request at once, so
 * waking them all in one turn would need a connection per VU before any
 * response can be read. Between batches the loop reads responses and frees
 * connections for the next batch.
 */
const WAKES_PER_TURN = 64

export class SleepQueue {
  readonly #clock: Clock
  readonly #heap: Sleep[] = []
  #seq = 0
  #timer: TimerHandle | undefined
  #timerDueMs = Number.POSITIVE_INFINITY

  constructor (clock: Clock) {
    this.#clock = clock
  }

  /** Sleeps waiting. */
  get size (): number {
    return this.#heap.length
  }

  /** Resolves `ms` from now on the clock; `owner` tracks the sleep until it wakes. */
  sleep (ms: number, owner: SleepOwner): Promise<void> {
    return new Promise((resolve, reject) => {
      const sleep = new Sleep(this, this.#clock.now() + Math.max(0, ms), this.#seq++, owner, resolve, reject)
      this.#insert(sleep)
      owner.track(sleep)
      if (sleep.dueMs < this.#timerDueMs) this.#arm(sleep.dueMs)
    })
  }

  /** Takes `sleep` out without waking it. */
  remove (sleep: Sleep): void {
    const heap = this.#heap
    const i = sleep.index
    if (i < 0 || heap[i] !== sleep) return
    sleep.index = -1
    const last = heap.pop() as Sleep
    if (last !== sleep) this.#place(last, i)
    // Nothing left to wait for: the timer must not keep the thread alive.
    if (heap.length === 0) this.#disarm()
  }

  #arm (dueMs: number): void {
    this.#disarm()
    this.#timerDueMs = dueMs
    this.#timer = this.#clock.setTimeout(this.#onTimer, dueMs - this.#clock.now())
  }

  #disarm (): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer)
    this.#timer = undefined
    this.#timerDueMs = Number.POSITIVE_INFINITY
  }

  readonly #onTimer = (): void => {
    this.#timer = undefined
    this.#timerDueMs = Number.POSITIVE_INFINITY
    this.#wakeDue()
  }

  readonly #wakeDue = (): void => {
    const heap = this.#heap
    const now = this.#clock.now() + EARLY_MS
    let woken = 0
    while (heap.length > 0 && (heap[0] as Sleep).dueMs <= now) {
      if (woken++ === WAKES_PER_TURN) {
        setImmediate(this.#wakeDue)
        return
      }
      const due = heap[0] as Sleep
      this.remove(due)
      due.wake()
    }
    // Sleeps begun between batches may have armed the timer for later than what is now first.
    if (heap.length > 0 && (heap[0] as Sleep).dueMs < this.#timerDueMs) this.#arm((heap[0] as Sleep).dueMs)
  }

  #insert (sleep: Sleep): void {
    this.#heap.push(sleep)
    this.#siftUp(sleep, this.#heap.length - 1)
  }

  /** Puts `sleep` at `i` (a hole) and restores the heap order around it. */
  #place (sleep: Sleep, i: number): void {
    const parent = (i - 1) >> 1
    if (i > 0 && before(sleep, this.#heap[parent] as Sleep)) this.#siftUp(sleep, i)
    else this.#siftDown(sleep, i)
  }

  #siftUp (sleep: Sleep, from: number): void {
    const heap = this.#heap
    let i = from
    while (i > 0) {
      const parent = (i - 1) >> 1
      const above = heap[parent] as Sleep
      if (!before(sleep, above)) break
      heap[i] = above
      above.index = i
      i = parent
    }
    heap[i] = sleep
    sleep.index = i
  }

  #siftDown (sleep: Sleep, from: number): void {
    const heap = this.#heap
    const n = heap.length
    let i = from
    for (;;) {
      const left = 2 * i + 1
      if (left >= n) break
      const right = left + 1
      const child = right < n && before(heap[right] as Sleep, heap[left] as Sleep) ? right : left
      const below = heap[child] as Sleep
      if (!before(below, sleep)) break
      heap[i] = below
      below.index = i
      i = child
    }
    heap[i] = sleep
    sleep.index = i
  }
}

function before (a: Sleep, b: Sleep): boolean {
  return a.dueMs < b.dueMs || (a.dueMs === b.dueMs && a.seq < b.seq)
}
