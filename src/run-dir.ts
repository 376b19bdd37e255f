/**
 * The run directory: where `mib start --detach` records the services it started,
 * so that `mib stop/status/health`, `mib profile` and `mib monitor` find them.
 * Shared by both wings (it is an operator's view: pids and URLs, nothing internal).
 *
 * Layout (default `.mib/run`, or $MIB_RUN_DIR):
 *   services.json   RunState below
 *   logs/<name>.log each service's stdout+stderr
 */
import { chmod, readFile, writeFile, mkdir, rename } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { z } from 'zod'
import { defineError } from './errors.js'

export const RunDirMissingError = defineError('MIB_ERR_RUN_DIR_MISSING',
  (dir: string) => `no services recorded in ${dir} (start them with \`mib start --detach\`)`)
export const RunDirCorruptError = defineError('MIB_ERR_RUN_DIR_CORRUPT',
  (file: string, detail: string) => `${file} is not a valid run state: ${detail}`)

export const serviceNames = ['provider-sim', 'engine', 'gateway'] as const
export type ServiceName = typeof serviceNames[number]

export const serviceRecordSchema = z.object({
  name: z.enum(serviceNames),
  pid: z.number().int().positive(),
  /** Named base URLs: `http` for HTTP services, `grpc` (host:port) and `admin` for the engine. */
  urls: z.record(z.string(), z.string()),
  /** URL answering 200 when healthy. */
  healthUrl: z.string(),
  /** Prometheus exposition endpoint. */
  metricsUrl: z.string(),
  /** The /debug/pprof/ index, when profiling is exposed. */
  profilingUrl: z.string().optional(),
  logFile: z.string().optional()
}).strict()

export const runStateSchema = z.object({
  env: z.enum(['development', 'production']),
  startedAt: z.string(),
  /** Bearer token of the profiling admin listeners (production with profiling on). */
  profilingToken: z.string().optional(),
  /** Started with `mib start --detach` (nobody supervises the processes; `mib restart` may replace one). */
  detached: z.boolean().optional(),
  /** The stack options the services were started with: `mib restart` starts a service again from them. */
  options: z.record(z.string(), z.unknown()).optional(),
  services: z.array(serviceRecordSchema)
}).strict()

export type ServiceRecord = z.output<typeof serviceRecordSchema>
export type RunState = z.output<typeof runStateSchema>

/** The variable that moves the run directory, and where it is otherwise (relative to the working directory). */
export const RUN_DIR_ENV = 'MIB_RUN_DIR'
export const DEFAULT_RUN_DIR = join('.mib', 'run')

export function runDirPath (env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env[RUN_DIR_ENV] ?? DEFAULT_RUN_DIR)
}

export async function readRunState (dir = runDirPath()): Promise<RunState> {
  const file = join(dir, 'services.json')
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new RunDirMissingError(dir)
    throw err
  }
  let json: unknown
  try { json = JSON.parse(text) } catch (err) { throw new RunDirCorruptError(file, (err as Error).message) }
  const parsed = runStateSchema.safeParse(json)
  if (!parsed.success) throw new RunDirCorruptError(file, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '))
  return parsed.data
}

/**
 * The run directory holds the profiling token (services.json) and logs that may
 * quote request data: only its owner reads it. Files are created 0600 in a 0700 directory.
 */
export const PRIVATE_FILE_MODE = 0o600
export const PRIVATE_DIR_MODE = 0o700

/** Creates `dir` (and parents) and makes it 0700, also when it already existed with a looser mode. */
export async function ensurePrivateDir (dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
  await chmod(dir, PRIVATE_DIR_MODE)
}

/** Written atomically (temp file + rename) so a reader never sees half a file; mode 0600. */
export async function writeRunState (state: RunState, dir = runDirPath()): Promise<void> {
  await ensurePrivateDir(dir)
  const file = join(dir, 'services.json')
  const tmp = `${file}.${process.pid}.tmp`
  await writeFile(tmp, JSON.stringify(runStateSchema.parse(state), null, 2) + '\n', { mode: PRIVATE_FILE_MODE })
  await rename(tmp, file)
}
