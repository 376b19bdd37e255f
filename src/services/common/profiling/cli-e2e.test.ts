/**
 * End to end through the real CLI (bin/mib.js in a child process) against the
 * child-process fixture: collect, then read the file with top and flame.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { request } from 'undici'
import { decodePprof, startFixture } from './fixtures/test-helpers.js'

const MIB = fileURLToPath(new URL('../../../../bin/mib.js', import.meta.url))

interface Run { code: number | null, stdout: string, stderr: string }

async function mib (args: string[], env: Record<string, string> = {}): Promise<Run> {
  const child = spawn(process.execPath, [MIB, ...args], { env: { ...process.env, MIB_FROM_SOURCE: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (c: string) => { stdout += c })
  child.stderr.setEncoding('utf8').on('data', (c: string) => { stderr += c })
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  return { code, stdout, stderr }
}

test('mib profile cpu --service URL writes a pprof file that top and flame read', async (t) => {
  const fx = await startFixture(t)
  const out = await mkdtemp(join(tmpdir(), 'mib-cli-'))
  t.after(() => rm(out, { recursive: true, force: true }))

  const collecting = mib(['profile', 'cpu', '--service', fx.url, '--seconds', '2', '--hz', '200', '--out', out])
  let done = false
  void collecting.finally(() => { done = true })
  // Keep the hot route busy for the whole window (the CLI's start-up time is unknown).
  while (!done) await (await request(`${fx.url}/spin?ms=50`)).body.dump()
  const run = await collecting
  assert.equal(run.code, 0, run.stderr)
  const files = await readdir(out)
  assert.equal(files.length, 1)
  const file = join(out, files[0] ?? '')
  assert.match(files[0] ?? '', /^127\.0\.0\.1_\d+-cpu-\d{8}T\d{6}Z\.pb\.gz$/)
  assert.match(run.stdout, /cpu\s+.*\.pb\.gz\s+\d/)
  assert.ok(decodePprof(await readFile(file)).sample.length > 0)

  const top = await mib(['profile', 'top', file, '--n', '40', '--cum'])
  assert.equal(top.code, 0, top.stderr)
  assert.match(top.stdout, /^File: .*\nType: wall \(nanoseconds\)/)
  assert.match(top.stdout, /hotFixtureSpin .*fixtures\/profiled-app\.ts:\d+/)

  const html = join(out, 'flame.html')
  const flame = await mib(['profile', 'flame', file, '-o', html])
  assert.equal(flame.code, 0, flame.stderr)
  assert.match(await readFile(html, 'utf8'), /hotFixtureSpin/)
})

test('mib profile against the admin listener: refused without the token (exit 1, code shown), works with it', async (t) => {
  const fx = await startFixture(t, { FIXTURE_MODE: 'admin', FIXTURE_TOKEN: 'e2e-token-0123456789abcdef' })
  const out = await mkdtemp(join(tmpdir(), 'mib-cli-'))
  t.after(() => rm(out, { recursive: true, force: true }))
  const admin = fx.profilingUrls[0] ?? assert.fail('no admin URL')

  const refused = await mib(['profile', 'goroutine', '--service', admin, '--out', out], { MIB_PROFILING_TOKEN: '' })
  assert.equal(refused.code, 1)
  assert.match(refused.stderr, /HTTP 401 MIB_ERR_PROFILING_UNAUTHORIZED.*\(MIB_ERR_PROFILING_COLLECT_FAILED\)/)
  assert.deepEqual(await readdir(out), [])

  const ok = await mib(['profile', 'heap', '--service', admin, '--out', out], { MIB_PROFILING_TOKEN: 'e2e-token-0123456789abcdef' })
  assert.equal(ok.code, 0, ok.stderr)
  assert.equal((await readdir(out)).length, 1)

  const bad = await mib(['profile', 'cpu', '--service', admin, '--seconds', '301'])
  assert.equal(bad.code, 104, 'invalid options exit with INVALID_CONFIG')
  assert.match(bad.stderr, /seconds/)
})
