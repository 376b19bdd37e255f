/**
 * A virtual user: its identity, its connections, its tags, and the state of
 * the iteration it runs. VUs are cheap objects (no JS runtime each, unlike
 * k6): module state is shared by the VUs of a thread (see docs/load.md).
 */
import type { Clock } from '../clock.js'
import { IterationInterruptedError } from '../errors.js'
import { ConnectionPool, type ConnectionModel, type ConnectionOptions } from '../http/connections.js'
import type { SleepQueue } from './sleep-queue.js'
import type { ExecutionVu } from '../executors/types.js'
import type { Emitter } from '../runtime/emitter.js'
import type { HttpDefaults } from '../http/defaults.js'
import type { Tags } from '../metrics/index.js'
import { tagsWith } from '../tags.js'

/** What the VUs of a thread share. */
export interface VuResources {
  readonly clock: Clock
  readonly emitter: Emitter
  readonly http: HttpDefaults
  readonly connectionOptions: ConnectionOptions
  readonly connectionModel: ConnectionModel
  /** The thread's shared pool (the pooled model). */
  readonly pool: ConnectionPool
  /** The thread's sleep() calls, on one timer. */
  readonly sleeps: SleepQueue
  /** Multiplies sleep(): 1 (the script's think time) unless --fast-forward. */
  readonly sleepScale: number
  /** Tags on every sample (options.tags). */
  readonly globalTags: Tags
  /** `--env` and the process environment. */
  readonly env: Readonly<Record<string, string>>
}

/** The scenario a VU currently serves. */
export interface VuScenario {
  readonly name: string
  readonly executor: string
  readonly env: Readonly<Record<string, string>>
  /** The thread's env with the scenario's `env` over it: what `env` shows its VUs. */
  readonly envView: Readonly<Record<string, string>>
  readonly tags: Tags
  /** Whether iterations have an intended start (arrival-rate): the *_intended metrics are recorded. */
  readonly open: boolean
}

/** Closes a resource when the VU's iteration is interrupted (a WebSocket session). */
export interface Interruptible { interrupt: (reason: Error) => void }

export class Vu implements ExecutionVu {
  readonly idInTest: number
  readonly resources: VuResources
  /** The VU's own connections (per-vu model), made on its first request. */
  #ownPool: ConnectionPool | undefined
  scenario: VuScenario | undefined
  /** 0-based iteration number of this VU in its current scenario (k6's __ITER). */
  iteration = -1
  /** The sample tags of the current iteration's context (scenario, group, global and scenario tags). */
  tags: Tags
  #groupPath = ''
  /** Clock time the current iteration started, and was due (arrival-rate). */
  iterationStartMs = 0
  iterationIntendedStartMs: number | undefined
  /** HTTP requests sent and sleep() asked (ms) in the current iteration: its pacing (see pacing.ts). */
  iterationRequests = 0
  iterationThinkMs = 0
  /** Clock time the current iteration was due (arrival-rate), until its first request consumes it. */
  #intendedStartMs: number | undefined
  #interrupted: Error | undefined
  /** What the current iteration waits on (a sleep, requests, sessions): one slot, as a VU mostly waits on one thing. */
  #tracked: Interruptible | undefined
  #moreTracked: Set<Interruptible> | undefined

  constructor (idInTest: number, resources: VuResources) {
    this.idInTest = idInTest
    this.resources = resources
    this.tags = resources.globalTags
  }

  get groupPath (): string {
    return this.#groupPath
  }

  set groupPath (path: string) {
    this.#groupPath = path
    this.#retag()
  }

  enterScenario (scenario: VuScenario): void {
    this.scenario = scenario
    this.iteration = -1
    this.#groupPath = ''
    this.#retag()
  }

  leaveScenario (): void {
    this.scenario = undefined
  }

  beginIteration (intendedStartMs: number | undefined, startMs: number): void {
    this.iteration++
    this.#interrupted = undefined
    this.#intendedStartMs = intendedStartMs
    this.iterationIntendedStartMs = intendedStartMs
    this.iterationStartMs = startMs
    this.iterationRequests = 0
    this.iterationThinkMs = 0
    if (this.#groupPath !== '') this.groupPath = ''
  }

  /** The iteration's intended start, once: only its first request is measured from it. */
  takeIntendedStart (): number | undefined {
    const at = this.#intendedStartMs
    this.#intendedStartMs = undefined
    return at
  }

  get interrupted (): boolean {
    return this.#interrupted !== undefined
  }

  /** Throws when the iteration was interrupted, so script code stops at its next API call. */
  assertRunning (): void {
    if (this.#interrupted !== undefined) throw this.#interrupted
  }

  /** Ends the current iteration: what it waits on (sleeps, requests, sessions: tracked) fails or closes. */
  interrupt (reason: string): void {
    const err = new IterationInterruptedError(reason)
    this.#interrupted = err
    const items = this.#moreTracked === undefined ? [] : [...this.#moreTracked]
    if (this.#tracked !== undefined) items.push(this.#tracked)
    this.#tracked = undefined
    this.#moreTracked = undefined
    for (const item of items) item.interrupt(err)
  }

  /** Where this VU's requests get their connections: the thread's pool, or its own (per-vu). */
  get connectionPool (): ConnectionPool {
    if (this.resources.connectionModel !== 'per-vu') return this.resources.pool
    this.#ownPool ??= new ConnectionPool(this.resources.connectionOptions)
    return this.#ownPool
  }

  /** Closes the VU's own connections (per-vu model; the pool belongs to the thread). */
  async closeOwnConnections (): Promise<void> {
    const own = this.#ownPool
    this.#ownPool = undefined
    if (own !== undefined) await own.close()
  }

  track (item: Interruptible): void {
    if (this.#tracked === undefined) this.#tracked = item
    else (this.#moreTracked ??= new Set()).add(item)
  }

  untrack (item: Interruptible): void {
    if (this.#tracked === item) this.#tracked = undefined
    else this.#moreTracked?.delete(item)
  }

  /** Waits `ms` on the clock, or rejects as soon as the iteration is interrupted. */
  sleep (ms: number): Promise<void> {
    this.assertRunning()
    this.iterationThinkMs += ms
    return this.resources.sleeps.sleep(ms, this)
  }

  #retag (): void {
    const scenario = this.scenario
    this.tags = scenario === undefined
      ? tagsWith({ group: this.#groupPath }, this.resources.globalTags)
      : tagsWith({ scenario: scenario.name, group: this.#groupPath }, tagsWith({}, this.resources.globalTags, scenario.tags))
  }
}
