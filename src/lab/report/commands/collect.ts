/**
 * `mib results collect`: moves loose outputs (k6 NDJSON and summary exports,
 * pprof files, monitor CSVs) from a folder (default: the working directory)
 * into a run directory (default: the latest; a new "collected" run when there
 * is none). Nothing is overwritten: a name already taken gets a numeric suffix.
 */
import { copyFile, mkdir, readdir, rename, stat, unlink } from 'node:fs/promises'
import { basename, extname, join, resolve } from 'node:path'
import { z } from 'zod'
import { parseOptions } from '../../../options.js'
import { RUN_FILES, createRunDir, resolveRun, resultsRoot, type RunInfo, NoRunsError } from '../../results-dir/index.js'
import { sniffLoadFile } from '../read/run-files.js'

const collectOptionsSchema = z.object({
  from: z.string().optional(),
  run: z.string().optional(),
  root: z.string().optional()
}).strict()
export type CollectOptions = z.input<typeof collectOptionsSchema>

export interface CollectResult {
  runId: string
  dir: string
  moved: Array<{ from: string, to: string }>
}

type Destination = 'run' | 'profiles'

/** Which loose files belong to a run, and where in it. */
async function destinationOf (file: string): Promise<Destination | undefined> {
  const name = basename(file)
  if (/\.(pb\.gz|pprof|pb)$/.test(name)) return 'profiles'
  if (name.endsWith('_metrics.csv')) return 'run'
  if (/\.(ndjson|jsonl|json)(\.gz)?$/.test(name)) return await sniffLoadFile(file) === undefined ? undefined : 'run'
  return undefined
}

export async function collectResults (input: CollectOptions = {}): Promise<CollectResult> {
  const collectOptions = parseOptions(collectOptionsSchema, input, 'collect options')
  const root = collectOptions.root ?? resultsRoot()
  const from = resolve(collectOptions.from ?? '.')
  const run = await targetRun(collectOptions.run, root)
  const moved: CollectResult['moved'] = []
  for (const folder of [from, join(from, 'profiles')]) {
    // The run's own profiles/ folder is a destination, never a source.
    if (resolve(folder) === resolve(run.dir, RUN_FILES.profiles) || resolve(folder) === resolve(run.dir)) continue
    for (const file of await filesIn(folder)) {
      const destination = await destinationOf(file)
      if (destination === undefined) continue
      const dir = destination === 'profiles' ? join(run.dir, RUN_FILES.profiles) : run.dir
      await mkdir(dir, { recursive: true })
      const to = await freeName(dir, basename(file))
      await move(file, to)
      moved.push({ from: file, to })
    }
  }
  return { runId: run.id, dir: run.dir, moved }
}

async function targetRun (ref: string | undefined, root: string): Promise<RunInfo> {
  try {
    return await resolveRun(ref, root)
  } catch (err) {
    if (!(err instanceof NoRunsError)) throw err
    const created = await createRunDir({ root, label: 'collected' })
    return { id: created.id, dir: created.dir, manifest: await created.readManifest(), problem: undefined }
  }
}

async function filesIn (folder: string): Promise<string[]> {
  let names: string[]
  try {
    names = await readdir(folder)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw err
  }
  const files: string[] = []
  for (const name of names.sort()) {
    const path = join(folder, name)
    if ((await stat(path)).isFile()) files.push(path)
  }
  return files
}

async function freeName (dir: string, name: string): Promise<string> {
  const ext = name.endsWith('.gz') ? extname(name.slice(0, -3)) + '.gz' : extname(name)
  const stem = name.slice(0, name.length - ext.length)
  for (let n = 1; ; n++) {
    const candidate = join(dir, n === 1 ? name : `${stem}-${n}${ext}`)
    try {
      await stat(candidate)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return candidate
      throw err
    }
  }
}

/** rename() cannot cross file systems (a tmpfs cwd, a mounted results/): copy then delete there. */
async function move (from: string, to: string): Promise<void> {
  try {
    await rename(from, to)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err
    await copyFile(from, to)
    await unlink(from)
  }
}
