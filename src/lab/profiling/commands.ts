/**
 * What each `mib profile …` subcommand does, so the CLI stays parsing plus
 * one call. Output goes through `io` (lines), never straight to the console.
 */
import { relative } from 'node:path'
import { formatValue } from './units.js'
import { collectMany, defaultOutDir, type CollectOutcome, type ProfileKind } from './collect.js'
import { formatDiff } from './diff.js'
import { writeFlameGraph } from './flame.js'
import { DEFAULT_SECONDS, type CollectOptions, type ReadOptions, type UrlsOptions } from './options.js'
import { readProfile } from './pprof.js'
import { resolveTargets } from './targets.js'
import { formatTop } from './top.js'

export interface Io {
  out: (line: string) => void
  err: (line: string) => void
}

/** `all` leaves out the heap snapshot: it pauses the service, so it is only taken when asked for by name. */
export const ALL_KINDS: readonly ProfileKind[] = ['cpu', 'block', 'heap', 'goroutine', 'runtime', 'trace']

export function windowSeconds (o: Pick<CollectOptions, 'kind' | 'seconds'>): number {
  if (o.seconds !== undefined) return o.seconds
  return o.kind in DEFAULT_SECONDS ? DEFAULT_SECONDS[o.kind as keyof typeof DEFAULT_SECONDS] : DEFAULT_SECONDS.cpu
}

/** Collects and reports; resolves to the number of failed collections. */
export async function runCollect (o: CollectOptions, io: Io, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { targets, skipped } = await resolveTargets({
    ...(o.service === undefined ? {} : { service: o.service }),
    ...(o.token === undefined ? {} : { token: o.token }),
    ...(o.runDir === undefined ? {} : { runDir: o.runDir }),
    env
  })
  for (const s of skipped) io.err(`mib: ${s.name}: skipped, ${s.reason}`)
  const kinds = o.kind === 'all' ? ALL_KINDS : [o.kind]
  const seconds = windowSeconds(o)
  const outDir = o.out ?? defaultOutDir(env)
  const windowed = kinds.some((k) => k === 'cpu' || k === 'trace' || k === 'block')
  io.err(`mib: collecting ${kinds.join(', ')} from ${targets.map((t) => t.name).join(', ')}${windowed ? ` (${seconds} s window)` : ''} into ${displayPath(outDir)}`)
  const outcomes = await collectMany({
    targets,
    kinds,
    seconds,
    traceSeconds: o.kind === 'all' ? Math.min(seconds, o.traceSeconds) : seconds,
    outDir,
    ...(o.hz === undefined ? {} : { hz: o.hz }),
    onResult: (outcome) => report(outcome, io)
  })
  const failed = outcomes.filter((r) => !r.ok).length
  const pprofFile = outcomes.find((r): r is Extract<CollectOutcome, { ok: true }> => r.ok && r.profile.file.endsWith('.pb.gz'))
  if (pprofFile !== undefined) {
    const file = displayPath(pprofFile.profile.file)
    io.err(`mib: read them with: mib profile top ${file} | mib profile flame ${file} -o flame.html | go tool pprof -http=: ${file}`)
  }
  return failed
}

function report (outcome: CollectOutcome, io: Io): void {
  if (outcome.ok) {
    const p = outcome.profile
    io.out(`${p.service.padEnd(13)} ${p.kind.padEnd(12)} ${displayPath(p.file)}  ${formatValue(p.bytes, 'bytes')}`)
  } else {
    const code = (outcome.error as { code?: unknown }).code
    io.err(`mib: ${outcome.error.message}${typeof code === 'string' ? ` (${code})` : ''}`)
  }
}

function displayPath (file: string): string {
  const rel = relative(process.cwd(), file)
  return rel.startsWith('..') ? file : rel
}

/** Prints the profiling index URL of each service (never the token itself: it would end up in terminal logs). */
export async function runUrls (o: UrlsOptions, io: Io, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const { targets, skipped } = await resolveTargets({ ...(o.service === undefined ? {} : { service: o.service }), ...(o.runDir === undefined ? {} : { runDir: o.runDir }), env })
  if (o.json === true) {
    io.out(JSON.stringify({ services: targets.map((t) => ({ name: t.name, url: t.baseUrl, tokenRequired: t.token !== undefined })), skipped }, null, 2))
    return
  }
  for (const t of targets) io.out(`${t.name.padEnd(13)} ${t.baseUrl}${t.token === undefined ? '' : '  (Authorization: Bearer <profilingToken in the run directory\'s services.json>)'}`)
  for (const s of skipped) io.out(`${s.name.padEnd(13)} - ${s.reason}`)
}

export async function runTop (file: string, o: ReadOptions): Promise<string> {
  return formatTop(await readProfile(file), { n: o.n, cum: o.cum, ...(o.sampleIndex === undefined ? {} : { sampleIndex: o.sampleIndex }) })
}

export async function runFlame (file: string, outFile: string, o: Pick<ReadOptions, 'sampleIndex'> & { title?: string }): Promise<string> {
  const data = await writeFlameGraph(await readProfile(file), outFile, {
    ...(o.sampleIndex === undefined ? {} : { sampleIndex: o.sampleIndex }),
    ...(o.title === undefined ? {} : { title: o.title })
  })
  return `${displayPath(outFile)}: flame graph of ${data.sampleType} (${formatValue(data.total, data.unit)} total, ${data.frames.length} functions); open it in a browser`
}

export async function runDiff (baseFile: string, newFile: string, o: ReadOptions): Promise<string> {
  const [base, next] = await Promise.all([readProfile(baseFile), readProfile(newFile)])
  return formatDiff(base, next, { n: o.n, cum: o.cum, ...(o.sampleIndex === undefined ? {} : { sampleIndex: o.sampleIndex }) })
}
