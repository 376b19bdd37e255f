/**
 * What a run was measured on and at which commit: recorded in every manifest so
 * that two runs are only compared knowingly (a laptop vs. a CI box, a dirty tree).
 */
import { readFile } from 'node:fs/promises'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import os from 'node:os'
import { z } from 'zod'

const run = promisify(execFile)

export const machineSchema = z.object({
  cpuModel: z.string(),
  cores: z.number().int().nonnegative(),
  memoryBytes: z.number().nonnegative(),
  nodeVersion: z.string(),
  platform: z.string(),
  arch: z.string(),
  kernel: z.string()
})
export type Machine = z.output<typeof machineSchema>

export const gitSchema = z.object({ commit: z.string(), dirty: z.boolean().optional() })
export type GitInfo = z.output<typeof gitSchema>

export async function describeMachine (): Promise<Machine> {
  return {
    cpuModel: await cpuModel(),
    cores: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    nodeVersion: process.version,
    platform: os.platform(),
    arch: os.arch(),
    kernel: os.release()
  }
}

/** /proc/cpuinfo names the model on Linux even when os.cpus() reports "unknown" (some VMs). */
async function cpuModel (): Promise<string> {
  try {
    const text = await readFile('/proc/cpuinfo', 'utf8')
    const line = text.split('\n').find((l) => /^model name\s*:/.test(l))
    if (line) return line.replace(/^model name\s*:\s*/, '').trim()
  } catch (err) {
    // Not Linux (or /proc hidden): os.cpus() below is the portable answer.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  return os.cpus()[0]?.model ?? 'unknown'
}

/**
 * The commit under test, or null outside a git work tree / without git: a run
 * is still worth keeping then, it just cannot be tied to a commit.
 */
export async function describeGit (cwd = process.cwd()): Promise<GitInfo | null> {
  try {
    const { stdout: head } = await run('git', ['rev-parse', 'HEAD'], { cwd, timeout: 5000 })
    const { stdout: status } = await run('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, timeout: 10000 })
    return { commit: head.trim(), dirty: status.trim() !== '' }
  } catch {
    // git missing, not a repository, or no commit yet: all mean "no commit to record".
    return null
  }
}
