// `mib monitor` as a user runs it: a child process of bin/mib.js, killed or interrupted mid-run.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { startFixture } from './fixtures/child.js'
import { waitFor } from '../../../test/helpers/wait.js'

const MIB = fileURLToPath(new URL('../../../bin/mib.js', import.meta.url))
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/

interface Run { child: ChildProcess, stdout: () => string, stderr: () => string }

function runMib (args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const child = spawn(process.execPath, [MIB, ...args], { env: { ...process.env, MIB_FROM_SOURCE: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk: Buffer) => { stdout += chunk.toString() })
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString() })
  return { child, stdout: () => stdout, stderr: () => stderr }
}

async function dataRows (file: string): Promise<string[]> {
  try {
    return (await readFile(file, 'utf8')).split('\n').filter((line) => line !== '').slice(1)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw err
  }
}

/** Polls until the file has `count` data rows; bounded (tsx startup on a busy machine can take seconds). */
async function waitForRows (file: string, count: number, run: Run): Promise<void> {
  await waitFor(async () => {
    if ((await dataRows(file)).length >= count) return true
    if (run.child.exitCode !== null) throw new Error(`mib monitor exited early: ${run.stderr()}`)
    return false
  }, `${count} rows in ${file}`, 60_000, run.stderr)
}

test('CSV rows written before a SIGKILL of `mib monitor` survive it, with headers and ISO timestamps', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mib-monitor-cli-'))
  const fixture = await startFixture('idle')
  const run = runMib(['monitor', '--interval', '0.2', '--duration', '30', '--pid', `fixture=${fixture.pid}`, '--out', dir, '--quiet'])
  try {
    await waitForRows(join(dir, 'system_metrics.csv'), 3, run)
    const exited = once(run.child, 'exit')
    run.child.kill('SIGKILL')
    await exited
    for (const name of ['system_metrics.csv', 'fixture_metrics.csv']) {
      const text = await readFile(join(dir, name), 'utf8')
      const [header, ...rows] = text.trim().split('\n')
      assert.match(header ?? '', /^timestamp,elapsed_s,/)
      assert.ok(rows.length >= 2, `${name}: ${rows.length} rows`)
      for (const row of rows) assert.match(row.split(',')[0] ?? '', ISO)
    }
    assert.ok((await readFile(join(dir, 'fixture_metrics.csv'), 'utf8')).includes(`,fixture,${fixture.pid},`))
  } finally {
    run.child.kill('SIGKILL')
    await fixture.stop()
    await rm(dir, { recursive: true, force: true })
  }
})

test('Ctrl-C (SIGINT) stops `mib monitor` cleanly: exit 0, files flushed, their place printed', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mib-monitor-cli-'))
  const run = runMib(['monitor', '--interval', '0.2', '--duration', '30', '--out', dir, '--dashboard', '--dashboard-port', '0'])
  try {
    await waitForRows(join(dir, 'system_metrics.csv'), 2, run)
    const exited = once(run.child, 'exit') as Promise<[number | null, string | null]>
    run.child.kill('SIGINT')
    const [code] = await exited
    assert.equal(code, 0, run.stderr())
    assert.match(run.stderr(), new RegExp(`CSV files in ${dir}/: system_metrics.csv`))
    // The live dashboard served the samples and left its snapshot beside the CSVs.
    assert.match(run.stderr(), /live dashboard at http:\/\/127\.0\.0\.1:\d+\//)
    assert.match(await readFile(join(dir, 'dashboard.html'), 'utf8'), /"type":"monitor"/)
    assert.match(run.stdout(), /cpu \d+\.\d% mem/)
    const rows = await dataRows(join(dir, 'system_metrics.csv'))
    assert.ok(rows.length >= 2)
  } finally {
    run.child.kill('SIGKILL')
    await rm(dir, { recursive: true, force: true })
  }
})

test('a warning raised while the dashboard starts is printed, not lost (no services in the run directory)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mib-monitor-cli-'))
  const run = runMib(['monitor', '--interval', '0.2', '--duration', '0.4', '--out', dir, '--quiet', '--dashboard', '--dashboard-port', '0'], { MIB_RUN_DIR: join(dir, 'no-run-dir') })
  try {
    const [code] = await once(run.child, 'exit') as [number | null]
    assert.equal(code, 0, run.stderr())
    assert.match(run.stderr(), /live dashboard at /)
    assert.match(run.stderr(), /no services to monitor .*\(MIB_ERR_MONITOR_NO_SERVICES\)/)
  } finally {
    run.child.kill('SIGKILL')
    await rm(dir, { recursive: true, force: true })
  }
})

test('invalid flags exit with 104 (invalid config) and name every problem by its flag', async () => {
  const run = runMib(['monitor', '--interval', '0.01', '--duration', '100000', '--pid', 'gateway'])
  const [code] = await once(run.child, 'exit') as [number | null]
  assert.equal(code, 104)
  assert.match(run.stderr(), /^ {2}- --interval: /m)
  assert.match(run.stderr(), /^ {2}- --duration: /m)
  assert.match(run.stderr(), /^ {2}- --pid item 1 \(pid\): /m)
})
