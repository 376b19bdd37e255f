/** Shared by this folder's tests: spawn the child-process fixture, decode pprof. */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import { createInterface } from 'node:readline'
import type { TestContext } from 'node:test'
import { Profile } from 'pprof-format'

export interface Fixture {
  url: string
  profilingUrls: string[]
  token: string | null
  pid: number
  stderr: () => string
}

const FIXTURE = fileURLToPath(new URL('./fixtures/profiled-app.ts', import.meta.url))

/** Starts the fixture app in its own process; killed (by pid) when the test ends. */
export async function startFixture (t: TestContext, env: Record<string, string> = {}): Promise<Fixture> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk })
  t.after(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exit = once(child, 'exit')
    child.kill('SIGTERM')
    // A graceful close waits for open connections; a test must not hang on one it forgot.
    const forced = setTimeout(() => child.kill('SIGKILL'), 5000)
    await exit
    clearTimeout(forced)
  })
  const lines = createInterface({ input: child.stdout })
  const exited = once(child, 'exit').then(([code]) => { throw new Error(`fixture exited with ${String(code)} before ready:\n${stderr}`) })
  const first = new Promise<string>((resolve) => lines.once('line', resolve))
  const line = await Promise.race([first, exited])
  const ready = JSON.parse(line) as Omit<Fixture, 'pid' | 'stderr'>
  return { ...ready, pid: child.pid ?? -1, stderr: () => stderr }
}

/** Decodes a pprof profile, gzipped or not. */
export function decodePprof (bytes: Uint8Array): Profile {
  const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes
  return Profile.decode(raw)
}

/**
 * Functions by total value of the last sample type, where a function counts
 * once per sample it appears in anywhere on the stack (pprof's "cum").
 */
export function cumulativeByFunction (profile: Profile): Map<string, number> {
  const strings = profile.stringTable.strings
  const fnName = new Map(profile.function.map((f) => [String(f.id), strings[Number(f.name)] ?? '']))
  const locFns = new Map(profile.location.map((l) => [String(l.id), l.line.map((line) => fnName.get(String(line.functionId)) ?? '')]))
  const valueIndex = profile.sampleType.length - 1
  const totals = new Map<string, number>()
  for (const sample of profile.sample) {
    const value = Number(sample.value[valueIndex] ?? 0)
    const seen = new Set(sample.locationId.flatMap((id) => locFns.get(String(id)) ?? []))
    for (const name of seen) totals.set(name, (totals.get(name) ?? 0) + value)
  }
  return totals
}

/** Calls `fn` until it returns true or `timeoutMs` passes (tests never assume speed). */
export async function pollUntil (fn: () => Promise<boolean>, timeoutMs: number, intervalMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await fn()) return true
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
  return false
}
