/**
 * Finds a run's inputs by role. The manifest's `files` wins; then the default
 * names (RUN_FILES); then any file whose content is of the right kind, since
 * k6 users name their outputs freely (`--out json=load-test-results.json`).
 */
import { open, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { constants, gunzipSync } from 'node:zlib'
import { RUN_FILES, type Manifest } from '../../results-dir/index.js'
import { AGGREGATE_SIGNATURE } from './aggregate-reader.js'

/** k6 JSON lines, the runner's per-second aggregates, or a k6 summary export. */
export type LoadFileKind = 'ndjson' | 'aggregates' | 'summary'

export interface RunInputs {
  /** The per-second aggregates (read first when present: complete and small). */
  aggregates: string | undefined
  ndjson: string | undefined
  summary: string | undefined
  /** NDJSON files present but not chosen (a light run beside the main one). */
  otherNdjson: string[]
}

/** Reads the first few KiB to tell a k6 NDJSON output from a summary export. */
export async function sniffLoadFile (file: string): Promise<LoadFileKind | undefined> {
  const handle = await open(file, 'r')
  let head: string
  try {
    const buffer = Buffer.alloc(16384)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    head = await headText(buffer.subarray(0, bytesRead), file.endsWith('.gz'))
  } finally {
    await handle.close()
  }
  if (AGGREGATE_SIGNATURE.test(head)) return 'aggregates'
  if (/^\s*\{\s*"type"\s*:\s*"(Metric|Point)"/.test(head)) return 'ndjson'
  if (/^\s*\{[\s\S]*"metrics"\s*:\s*\{/.test(head)) return 'summary'
  return undefined
}

async function headText (bytes: Buffer, gzipped: boolean): Promise<string> {
  if (!gzipped) return bytes.toString('utf8')
  try {
    // A truncated gzip stream: decode what the first chunk holds.
    return gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8')
  } catch {
    return ''
  }
}

export async function findRunInputs (dir: string, manifest: Manifest | undefined): Promise<RunInputs> {
  const files = manifest?.files ?? {}
  const names = (await readdir(dir)).sort()
  const candidates = names.filter((n) => /\.(ndjson|json|jsonl)(\.gz)?$/.test(n) && !isOwnOutput(n))
  const kinds = new Map<string, LoadFileKind | undefined>()
  for (const name of candidates) {
    if ((await stat(join(dir, name))).isFile()) kinds.set(name, await sniffLoadFile(join(dir, name)))
  }
  const ndjsonNames = [...kinds].filter(([, k]) => k === 'ndjson').map(([n]) => n)
  const summaryNames = [...kinds].filter(([, k]) => k === 'summary').map(([n]) => n)
  const aggregateNames = [...kinds].filter(([, k]) => k === 'aggregates').map(([n]) => n)

  const ndjson = files.ndjson ?? [RUN_FILES.ndjson, `${RUN_FILES.ndjson}.gz`].find((n) => ndjsonNames.includes(n)) ??
    await largest(dir, ndjsonNames)
  const summary = files.summary ?? (summaryNames.includes(RUN_FILES.summary) ? RUN_FILES.summary : summaryNames[0])
  // A manifest that names the NDJSON asks for it; otherwise the aggregates win.
  const aggregates = files.aggregates ?? (files.ndjson !== undefined ? undefined
    : [RUN_FILES.aggregates, `${RUN_FILES.aggregates}.gz`].find((n) => aggregateNames.includes(n)) ?? await largest(dir, aggregateNames))
  return {
    aggregates: aggregates === undefined ? undefined : join(dir, aggregates),
    ndjson: ndjson === undefined ? undefined : join(dir, ndjson),
    summary: summary === undefined ? undefined : join(dir, summary),
    otherNdjson: ndjsonNames.filter((n) => n !== ndjson)
  }
}

function isOwnOutput (name: string): boolean {
  return name === RUN_FILES.manifest || name === RUN_FILES.analysis
}

/** Several unnamed NDJSON files: the largest is the main load (a light warm-up run is smaller). */
async function largest (dir: string, names: string[]): Promise<string | undefined> {
  let best: { name: string, size: number } | undefined
  for (const name of names) {
    const { size } = await stat(join(dir, name))
    if (best === undefined || size > best.size) best = { name, size }
  }
  return best?.name
}
