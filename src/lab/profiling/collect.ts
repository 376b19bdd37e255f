/**
 * Fetching profiles from running services into files named by service, kind
 * and time (`gateway-cpu-20261128T001500Z.pb.gz`), several services at once.
 */
import { createWriteStream } from 'node:fs'
import { mkdir, rename, rm, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { constants, createGzip } from 'node:zlib'
import { request } from 'undici'
import { resultsRoot, RUN_FILES } from '../results-dir/index.js'
import { CollectFailedError } from './errors.js'
import { PROFILING_TOKEN_ENV, profilingBaseUrl, type ProfilingTarget } from './targets.js'

import { PROFILE_KINDS } from './kinds.js'
export { PROFILE_KINDS }
export type ProfileKind = typeof PROFILE_KINDS[number]

interface KindSpec {
  path: string
  extension: string
  /** Takes ?seconds= (a window), and how the window's length is chosen. */
  windowed: boolean
  /** Saved gzip-compressed: trace-event JSON under load is tens of MB and shrinks ~12× (Perfetto opens .json.gz as is). */
  gzip?: boolean
}

const KINDS: Record<ProfileKind, KindSpec> = {
  cpu: { path: 'profile', extension: 'pb.gz', windowed: true },
  heap: { path: 'heap', extension: 'pb.gz', windowed: false },
  allocs: { path: 'allocs', extension: 'pb.gz', windowed: false },
  goroutine: { path: 'goroutine', extension: 'json', windowed: false },
  trace: { path: 'trace', extension: 'json.gz', windowed: true, gzip: true },
  heapsnapshot: { path: 'heapsnapshot', extension: 'heapsnapshot', windowed: false },
  block: { path: 'block', extension: 'json', windowed: true },
  runtime: { path: 'runtime', extension: 'json', windowed: false }
}

/**
 * Slack on top of the window before giving up on an answer: encoding a big
 * profile, or a heap snapshot of a large heap, takes a while on a loaded box.
 */
const ANSWER_SLACK_MS = 120_000

export interface CollectRequest {
  target: ProfilingTarget
  kind: ProfileKind
  /** Window for cpu, trace and block. */
  seconds: number
  /** CPU sampling rate; the service's default (100 Hz) when absent. */
  hz?: number
  outDir: string
  at?: Date
  signal?: AbortSignal
}

export interface CollectedProfile {
  service: string
  kind: ProfileKind
  file: string
  bytes: number
}

/** When a collection asked and got its answer (epoch ms): the window the service spent on it. */
export interface CollectionSpan {
  startedAtMs: number
  endedAtMs: number
}

/** `gateway-cpu-20261128T001500Z.pb.gz` */
export function profileFileName (service: string, kind: ProfileKind, at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')
  return `${service.replace(/[^\w.-]/g, '_')}-${kind}-${stamp}.${KINDS[kind].extension}`
}

export function profileUrl (req: Pick<CollectRequest, 'target' | 'kind' | 'seconds' | 'hz'>): string {
  const spec = KINDS[req.kind]
  // Normalised here too: callers may pass a recorded URL without the trailing slash.
  const url = new URL(spec.path, profilingBaseUrl(req.target.baseUrl))
  if (spec.windowed) url.searchParams.set('seconds', String(req.seconds))
  if (req.kind === 'cpu' && req.hz !== undefined) url.searchParams.set('hz', String(req.hz))
  return url.href
}

export async function collectProfile (req: CollectRequest): Promise<CollectedProfile> {
  const url = profileUrl(req)
  const timeoutMs = (KINDS[req.kind].windowed ? req.seconds * 1000 : 0) + ANSWER_SLACK_MS
  let res
  try {
    res = await request(url, {
      headers: req.target.token === undefined ? {} : { authorization: `Bearer ${req.target.token}` },
      headersTimeout: timeoutMs,
      bodyTimeout: ANSWER_SLACK_MS,
      ...(req.signal === undefined ? {} : { signal: req.signal })
    })
  } catch (err) {
    const refused = (err as { code?: string }).code === 'ECONNREFUSED'
    throw withCause(new CollectFailedError(req.target.name, req.kind, `${url}: ${(err as Error).message}${refused ? ' (is the service running? `mib status` shows it)' : ''}`), err)
  }
  if (res.statusCode !== 200) {
    throw new CollectFailedError(req.target.name, req.kind, describeFailure(res.statusCode, await res.body.text(), req.target))
  }
  await mkdir(req.outDir, { recursive: true })
  const file = resolve(join(req.outDir, profileFileName(req.target.name, req.kind, req.at ?? new Date())))
  const partial = `${file}.partial`
  try {
    if (KINDS[req.kind].gzip === true) await pipeline(res.body, createGzip({ level: constants.Z_BEST_SPEED }), createWriteStream(partial))
    else await pipeline(res.body, createWriteStream(partial))
    await rename(partial, file)
  } catch (err) {
    await rm(partial, { force: true })
    throw withCause(new CollectFailedError(req.target.name, req.kind, `reading the answer: ${(err as Error).message}`), err)
  }
  return { service: req.target.name, kind: req.kind, file, bytes: (await stat(file)).size }
}

/** The service's JSON error body carries a stable code; add the hint an operator needs. */
function describeFailure (status: number, body: string, target: ProfilingTarget): string {
  let code = ''
  let message = body.slice(0, 300)
  try {
    const parsed = JSON.parse(body) as { error?: string, message?: string }
    code = parsed.error ?? ''
    message = parsed.message ?? message
  } catch {
    // Not our JSON error body (a proxy's page, say): show its start as is.
  }
  const hint = status === 401
    ? (target.token === undefined ? ` (no token: pass --token or set ${PROFILING_TOKEN_ENV})` : ' (the token was refused: is it this run\'s?)')
    : status === 404 ? ' (is profiling exposed on this port? production serves it only on the admin listener)' : ''
  return `HTTP ${status}${code === '' ? '' : ` ${code}`}: ${message}${hint}`
}

function withCause<E extends Error> (err: E, cause: unknown): E {
  Object.defineProperty(err, 'cause', { value: cause, enumerable: false })
  return err
}

export interface CollectManyRequest {
  targets: ProfilingTarget[]
  kinds: readonly ProfileKind[]
  seconds: number
  /** Window for traces inside a multi-kind collection; traces are heavy under load. */
  traceSeconds?: number
  hz?: number
  outDir: string
  signal?: AbortSignal
  onResult?: (result: CollectOutcome) => void
  /** Traces one service at a time, so their cost never lands on every service at once. */
  staggerTraces?: boolean
}

export type CollectOutcome = CollectionSpan & (
  | { ok: true, profile: CollectedProfile }
  | { ok: false, service: string, kind: ProfileKind, error: Error })

/**
 * Every kind from every target: services in parallel; within a service the
 * windowed CPU and block profiles run together, then the instant snapshots,
 * then the trace last, so its cost never distorts the CPU profile. With
 * `staggerTraces`, the services take their traces one after another.
 */
export async function collectMany (req: CollectManyRequest): Promise<CollectOutcome[]> {
  const at = new Date()
  let traceTurn: Promise<unknown> = Promise.resolve()
  const perService = req.targets.map(async (target) => {
    const outcomes: CollectOutcome[] = []
    const collect = async (kind: ProfileKind): Promise<void> => {
      const seconds = kind === 'trace' ? (req.traceSeconds ?? req.seconds) : req.seconds
      const startedAtMs = Date.now()
      let outcome: CollectOutcome
      try {
        const profile = await collectProfile({ target, kind, seconds, outDir: req.outDir, at, ...(req.hz === undefined ? {} : { hz: req.hz }), ...(req.signal === undefined ? {} : { signal: req.signal }) })
        outcome = { ok: true, profile, startedAtMs, endedAtMs: Date.now() }
      } catch (err) {
        if (!(err instanceof Error)) throw err
        outcome = { ok: false, service: target.name, kind, error: err, startedAtMs, endedAtMs: Date.now() }
      }
      outcomes.push(outcome)
      req.onResult?.(outcome)
    }
    const one = async (kind: ProfileKind): Promise<void> => {
      if (kind !== 'trace' || req.staggerTraces !== true) { await collect(kind); return }
      const turn = traceTurn.then(async () => { await collect(kind) })
      traceTurn = turn.catch(() => {})
      await turn
    }
    for (const stage of collectionStages(req.kinds)) await Promise.all(stage.map(one))
    return outcomes
  })
  return (await Promise.all(perService)).flat()
}

function collectionStages (kinds: readonly ProfileKind[]): ProfileKind[][] {
  const windowed = kinds.filter((k) => k === 'cpu' || k === 'block')
  const instant = kinds.filter((k) => !['cpu', 'block', 'trace'].includes(k))
  const trace = kinds.filter((k) => k === 'trace')
  return [windowed, instant, trace].filter((stage) => stage.length > 0)
}

/** Where profiles go without `--out`: profiles/ under the results root ($MIB_RESULTS_DIR: the run being recorded, else results/). */
export function defaultOutDir (env: NodeJS.ProcessEnv = process.env): string {
  return join(resultsRoot(env), RUN_FILES.profiles)
}
