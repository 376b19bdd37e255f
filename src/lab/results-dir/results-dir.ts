/**
 * The results directory: one folder per run, `results/<run-id>/`, where the
 * runner, the monitor and the profiler drop their outputs and the report is
 * written. Layout (file names are RUN_FILES; the manifest's `files` overrides them):
 *
 *   results/<run-id>/
 *     manifest.json        Manifest (manifest.ts)
 *     aggregates.ndjson    per-second aggregates with HDR histograms (--out aggregate=FILE), optionally .gz
 *     results.ndjson       k6 JSON output (--out json=FILE, on request), optionally .gz
 *     summary.json         k6 --summary-export
 *     system_metrics.csv, api_gateway_metrics.csv, core_engine_metrics.csv, prometheus_metrics.csv
 *     profiles/            pprof files (*cpu*.pb.gz is read by the report)
 *     report.md, report.html, analysis.json, dashboard.html   written by the report/dashboard
 *     chaos-events.ndjson  a chaos run's faults and recoveries (fault-events.ts)
 *
 * Run ids sort by time: `20261128T003000Z-standard` (UTC start, then a label).
 */
import { mkdir, readFile, readdir, rename, writeFile, stat } from 'node:fs/promises'
import { join, resolve, basename } from 'node:path'
import { z } from 'zod'
import { parseOptions } from '../../options.js'
import { describeGit, describeMachine } from './machine.js'
import { MANIFEST_SCHEMA_VERSION, manifestSchema, stageSchema, type Manifest, type ManifestPatch } from './manifest.js'
import { AmbiguousRunError, ManifestCorruptError, NoRunsError, RunNotFoundError } from './errors.js'
import { resultsRoot } from './root.js'

export const RUN_FILES = {
  manifest: 'manifest.json',
  aggregates: 'aggregates.ndjson',
  ndjson: 'results.ndjson',
  summary: 'summary.json',
  profiles: 'profiles',
  reportMarkdown: 'report.md',
  reportHtml: 'report.html',
  analysis: 'analysis.json',
  dashboard: 'dashboard.html'
} as const


const createRunDirOptionsSchema = z.object({
  /** Suffix of the run id: the preset name usually ("standard", "smoke"). */
  label: z.string().default('run'),
  root: z.string().optional(),
  /** The moment the run id is taken from (tests pin it). */
  now: z.date().optional(),
  /** Where `git rev-parse HEAD` runs. */
  cwd: z.string().optional(),
  preset: z.string().optional(),
  timeScale: z.number().positive().optional(),
  fastForward: z.boolean().optional(),
  stages: z.array(stageSchema).optional(),
  thresholds: z.record(z.string(), z.array(z.string())).optional(),
  options: z.record(z.string(), z.unknown()).optional()
}).strict()
export type CreateRunDirOptions = z.input<typeof createRunDirOptionsSchema>

export interface RunDir {
  id: string
  dir: string
  /** Merges `patch` into manifest.json (shallowly) and writes it atomically. */
  writeManifest: (patch: ManifestPatch) => Promise<Manifest>
  readManifest: () => Promise<Manifest>
}

export interface RunInfo {
  id: string
  dir: string
  manifest: Manifest | undefined
  /** Why the manifest could not be read, when it could not. */
  problem: string | undefined
}

/** Creates `results/<run-id>/` with its manifest; the id never collides with an existing run. */
export async function createRunDir (input: CreateRunDirOptions = {}): Promise<RunDir> {
  const runOptions = parseOptions(createRunDirOptionsSchema, input, 'run directory options')
  const root = runOptions.root ?? resultsRoot()
  const now = runOptions.now ?? new Date()
  await mkdir(root, { recursive: true })
  const { id, dir } = await claimRunDir(root, runIdFor(now, runOptions.label))
  const [git, machine] = await Promise.all([describeGit(runOptions.cwd), describeMachine()])
  const manifest: Manifest = {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    id,
    label: sanitizeLabel(runOptions.label),
    createdAt: now.toISOString(),
    git,
    machine,
    ...(runOptions.preset !== undefined ? { preset: runOptions.preset } : {}),
    ...(runOptions.timeScale !== undefined ? { timeScale: runOptions.timeScale } : {}),
    ...(runOptions.fastForward === true ? { fastForward: true } : {}),
    ...(runOptions.stages !== undefined ? { stages: runOptions.stages } : {}),
    ...(runOptions.thresholds !== undefined ? { thresholds: runOptions.thresholds } : {}),
    ...(runOptions.options !== undefined ? { options: runOptions.options } : {})
  }
  await writeJsonAtomically(join(dir, RUN_FILES.manifest), manifest)
  // Created up front so the profiler (and `mib profile --out`) can drop files there without knowing the layout.
  await mkdir(join(dir, RUN_FILES.profiles))
  return openRunDir(dir, id)
}

/** A handle on an existing run directory. */
export function openRunDir (dir: string, id = basename(dir)): RunDir {
  // Patches from one process are serialized so that two concurrent writeManifest
  // calls cannot both read the old manifest and lose one of the patches.
  let queue: Promise<unknown> = Promise.resolve()
  const writeManifest = (patch: ManifestPatch): Promise<Manifest> => {
    const next = queue.then(async () => {
      const merged = { ...(await readManifest(dir)), ...patch }
      const manifest = validateManifest(merged, join(dir, RUN_FILES.manifest))
      await writeJsonAtomically(join(dir, RUN_FILES.manifest), manifest)
      return manifest
    })
    queue = next.catch(() => undefined)
    return next
  }
  return { id, dir, writeManifest, readManifest: () => readManifest(dir) }
}

export function runIdFor (time: Date, label: string): string {
  const stamp = time.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '')
  return `${stamp}-${sanitizeLabel(label)}`
}

function sanitizeLabel (label: string): string {
  const clean = label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
  return clean === '' ? 'run' : clean
}

/** mkdir without `recursive` fails on an existing directory: the first free suffix wins, even across processes. */
async function claimRunDir (root: string, baseId: string): Promise<{ id: string, dir: string }> {
  for (let n = 1; ; n++) {
    const id = n === 1 ? baseId : `${baseId}-${n}`
    const dir = join(root, id)
    try {
      await mkdir(dir)
      return { id, dir }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
  }
}

export async function readManifest (dir: string): Promise<Manifest> {
  const file = join(dir, RUN_FILES.manifest)
  let json: unknown
  try {
    json = JSON.parse(await readFile(file, 'utf8'))
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new ManifestCorruptError(file, 'the file is missing')
    throw new ManifestCorruptError(file, (err as Error).message)
  }
  return validateManifest(json, file)
}

function validateManifest (json: unknown, file: string): Manifest {
  const parsed = manifestSchema.safeParse(json)
  if (!parsed.success) {
    throw new ManifestCorruptError(file, parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '))
  }
  return parsed.data
}

/** Temp file + rename: a reader (the dashboard, `mib results list`) never sees half a manifest. */
export async function writeJsonAtomically (file: string, value: unknown): Promise<void> {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
  await writeFile(tmp, JSON.stringify(value, null, 2) + '\n')
  await rename(tmp, file)
}

/** Every run directory under `root` (those with a manifest.json), oldest first. */
export async function listRuns (root = resultsRoot()): Promise<RunInfo[]> {
  let names: string[]
  try {
    names = await readdir(root)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw err
  }
  const runs: RunInfo[] = []
  for (const name of names.sort()) {
    const dir = join(root, name)
    if (!await isFile(join(dir, RUN_FILES.manifest))) continue
    try {
      runs.push({ id: name, dir, manifest: await readManifest(dir), problem: undefined })
    } catch (err) {
      // A corrupt manifest must not hide the other runs: it is listed with its problem.
      if (!(err instanceof ManifestCorruptError)) throw err
      runs.push({ id: name, dir, manifest: undefined, problem: err.message })
    }
  }
  return runs.sort((a, b) => runTime(a).localeCompare(runTime(b)) || a.id.localeCompare(b.id))
}

function runTime (run: RunInfo): string {
  return run.manifest?.createdAt ?? ''
}

export async function latestRun (root = resultsRoot()): Promise<RunInfo> {
  const runs = await listRuns(root)
  const last = runs.at(-1)
  if (last === undefined) throw new NoRunsError(root)
  return last
}

/**
 * Finds a run by reference: "latest" (or nothing), an id, a unique id prefix,
 * or a path to a run directory (which may live outside `root`).
 */
export async function resolveRun (ref: string | undefined, root = resultsRoot()): Promise<RunInfo> {
  if (ref === undefined || ref === '' || ref === 'latest') return latestRun(root)
  if (await isFile(join(resolve(ref), RUN_FILES.manifest))) {
    const dir = resolve(ref)
    return { id: basename(dir), dir, manifest: await readManifest(dir), problem: undefined }
  }
  const runs = await listRuns(root)
  const exact = runs.find((r) => r.id === ref)
  if (exact) return exact
  const matches = runs.filter((r) => r.id.startsWith(ref))
  if (matches.length === 1 && matches[0] !== undefined) return matches[0]
  if (matches.length > 1) throw new AmbiguousRunError(ref, matches.map((r) => r.id))
  throw new RunNotFoundError(ref, root)
}

async function isFile (path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return false
    throw err
  }
}
