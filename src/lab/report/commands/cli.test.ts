import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { writeFixtureRun, fixtureNdjson, fixtureCpuProfile, fixtureMonitorCsvs, T0 } from '../fixtures/k6-run.js'

const MIB = resolve(import.meta.dirname, '../../../../bin/mib.js')

interface Outcome { code: number, stdout: string, stderr: string }

function mib (args: string[], cwd: string): Promise<Outcome> {
  return new Promise((done) => {
    execFile(process.execPath, [MIB, ...args], { cwd, timeout: 60000, env: { ...process.env, MIB_FROM_SOURCE: '1', MIB_RESULTS_DIR: '' } }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : 1
      done({ code, stdout, stderr })
    })
  })
}

async function withRoot (fn: (root: string) => Promise<void>): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'mib-cli-'))
  try { await fn(root) } finally { await rm(root, { recursive: true, force: true }) }
}

test('analyze --baseline --fail-on-regression exits 4 on the regression fixture and 0 on a run like the baseline', async () => {
  await withRoot(async (root) => {
    const results = join(root, 'results')
    const base = await writeFixtureRun({ root: results, label: 'base', now: new Date(T0) })
    const same = await writeFixtureRun({ root: results, label: 'same', now: new Date(T0 + 60_000) })
    const slow = await writeFixtureRun({ root: results, label: 'slow', now: new Date(T0 + 120_000), latencyFactor: 1.5 })

    const regressed = await mib(['results', 'analyze', slow.id, '--baseline', base.id, '--fail-on-regression'], root)
    assert.equal(regressed.code, 4, regressed.stderr)
    assert.match(regressed.stdout, /against 20261128T003000Z-base: 2 regression\(s\)/)
    assert.match(regressed.stdout, /✗ quotes p95 worse by more than 10 %/)

    const fine = await mib(['results', 'analyze', same.id, '--baseline', base.id, '--fail-on-regression'], root)
    assert.equal(fine.code, 0, fine.stderr)
    assert.match(fine.stdout, /0 regression\(s\)/)

    // Without --fail-on-regression a regression is reported, not fatal; a looser threshold is no regression.
    assert.equal((await mib(['results', 'analyze', slow.id, '--baseline', base.id], root)).code, 0)
    assert.equal((await mib(['results', 'analyze', slow.id, '--baseline', base.id, '--fail-on-regression', '--regression-threshold', '60'], root)).code, 0)
    // Refused before anything is read, naming the flag (the option tables' rule: invalid options exit 104).
    const bad = await mib(['results', 'analyze', slow.id, '--regression-threshold', 'ten'], root)
    assert.equal(bad.code, 104)
    assert.match(bad.stderr, /--regression-threshold: /)
  })
})

test('results list shows each run with its verdict', async () => {
  await withRoot(async (root) => {
    const results = join(root, 'results')
    const analyzed = await writeFixtureRun({ root: results, label: 'analyzed', now: new Date(T0) })
    const pending = await writeFixtureRun({ root: results, label: 'pending', now: new Date(T0 + 60_000) })
    assert.equal((await mib(['results', 'analyze', analyzed.id, '--results-dir', results], root)).code, 0)
    const list = await mib(['results', 'list'], root)
    assert.equal(list.code, 0, list.stderr)
    const lines = list.stdout.trim().split('\n')
    assert.match(lines[0] ?? '', /^RUN\s+VERDICT\s+PRESET\s+COMMIT/)
    assert.match(lines[1] ?? '', new RegExp(`^${analyzed.id}\\s+fail\\s+fixture`))
    assert.match(lines[2] ?? '', new RegExp(`^${pending.id}\\s+not analyzed\\s+fixture`))
    const json = JSON.parse((await mib(['results', 'list', '--json'], root)).stdout)
    assert.deepEqual(json.map((r: { verdict: string }) => r.verdict), ['fail', 'not analyzed'])
  })
})

test('analyze of the latest run is the default; with no run at all it fails with a coded message', async () => {
  await withRoot(async (root) => {
    const empty = await mib(['results', 'analyze'], root)
    assert.equal(empty.code, 1)
    assert.match(empty.stderr, /MIB_ERR_REPORT_NO_RUNS/)
    const run = await writeFixtureRun({ root: join(root, 'results') })
    const latest = await mib(['results', 'analyze'], root)
    assert.equal(latest.code, 0, latest.stderr)
    assert.match(latest.stdout, new RegExp(`^${run.id}: verdict FAIL`))
  })
})

test('collect moves loose k6 outputs, profiles and monitor CSVs into the latest run, and ignores other files', async () => {
  await withRoot(async (root) => {
    const run = await writeFixtureRun({ root: join(root, 'results'), monitor: false })
    const loose = join(root, 'work')
    await mkdir(join(loose, 'profiles'), { recursive: true })
    await writeFile(join(loose, 'load-test-results.json'), fixtureNdjson())
    await writeFile(join(loose, 'light.ndjson.gz'), gzipSync(fixtureNdjson()))
    await writeFile(join(loose, 'k6-summary.json'), JSON.stringify({ metrics: { http_reqs: { count: 1, rate: 1 } } }))
    await writeFile(join(loose, 'package.json'), '{"name":"not a result"}')
    await writeFile(join(loose, 'profiles', 'engine-cpu.pb.gz'), fixtureCpuProfile())
    for (const [name, text] of Object.entries(fixtureMonitorCsvs())) await writeFile(join(loose, name), text)

    const out = await mib(['results', 'collect', '--from', loose], root)
    assert.equal(out.code, 0, out.stderr)
    assert.match(out.stdout, /6 file\(s\) collected into/)
    assert.deepEqual((await readdir(loose)).sort(), ['package.json', 'profiles'])
    assert.deepEqual(await readdir(join(loose, 'profiles')), [])
    const inRun = (await readdir(run.dir)).sort()
    for (const name of ['load-test-results.json', 'light.ndjson.gz', 'k6-summary.json', 'system_metrics.csv', 'api_gateway_metrics.csv']) assert.ok(inRun.includes(name), name)
    assert.deepEqual(await readdir(join(run.dir, 'profiles')), ['engine-cpu.pb.gz'])
  })
})

test('every subcommand and flag of `mib results` (as --help lists them) is documented in docs/report.md', async () => {
  const doc = await readFile(resolve(import.meta.dirname, '../../../../docs/report.md'), 'utf8')
  for (const sub of ['list', 'analyze', 'collect']) {
    const help = await mib(['results', sub, '--help'], tmpdir())
    assert.equal(help.code, 0, help.stderr)
    assert.ok(doc.includes(`mib results ${sub}`), `mib results ${sub} is missing`)
    const flags = [...help.stdout.matchAll(/(--[a-z-]+)/g)].map((m) => m[1] ?? '').filter((f) => f !== '--help')
    assert.ok(flags.length > 0)
    for (const flag of flags) assert.ok(doc.includes(flag), `${sub} ${flag} is missing from docs/report.md`)
  }
})
