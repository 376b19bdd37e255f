import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm, readFile, writeFile, mkdir, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRunDir, listRuns, latestRun, resolveRun, runIdFor, RUN_FILES } from './results-dir.js'
import { NoRunsError, RunNotFoundError, AmbiguousRunError } from './errors.js'

async function withRoot (fn: (root: string) => Promise<void>): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'mib-results-'))
  try { await fn(root) } finally { await rm(root, { recursive: true, force: true }) }
}

test('a run id is the UTC start time in compact ISO form followed by the label', () => {
  assert.equal(runIdFor(new Date('2026-11-28T00:30:00.123Z'), 'Standard Preset'), '20261128T003000Z-standard-preset')
})

test('createRunDir writes a manifest with the machine, the options and the stages', async () => {
  await withRoot(async (root) => {
    const run = await createRunDir({ root, label: 'standard', now: new Date('2026-11-28T00:30:00Z'), preset: 'standard', timeScale: 0.5, stages: [{ duration: '30s', target: 100 }], options: { vus: 10 } })
    assert.equal(run.id, '20261128T003000Z-standard')
    assert.ok((await stat(join(run.dir, RUN_FILES.profiles))).isDirectory())
    const manifest = JSON.parse(await readFile(join(run.dir, RUN_FILES.manifest), 'utf8'))
    assert.equal(manifest.preset, 'standard')
    assert.equal(manifest.timeScale, 0.5)
    assert.deepEqual(manifest.stages, [{ duration: '30s', target: 100 }])
    assert.deepEqual(manifest.options, { vus: 10 })
    assert.equal(manifest.machine.nodeVersion, process.version)
    assert.ok(manifest.machine.cores > 0)
    assert.ok(manifest.git === null || /^[0-9a-f]{40}$/.test(manifest.git.commit))
  })
})

test('two runs started in the same second get distinct ids', async () => {
  await withRoot(async (root) => {
    const now = new Date('2026-11-28T00:30:00Z')
    const [a, b] = await Promise.all([createRunDir({ root, now, label: 'x' }), createRunDir({ root, now, label: 'x' })])
    assert.notEqual(a.id, b.id)
  })
})

test('concurrent manifest patches are all kept', async () => {
  await withRoot(async (root) => {
    const run = await createRunDir({ root })
    await Promise.all([run.writeManifest({ startedAt: 'a' }), run.writeManifest({ endedAt: 'b' }), run.writeManifest({ custom: 1 })])
    const manifest = await run.readManifest()
    assert.equal(manifest.startedAt, 'a')
    assert.equal(manifest.endedAt, 'b')
    assert.equal(manifest.custom, 1)
  })
})

test('listRuns lists runs oldest first, latestRun is the newest, a corrupt manifest is listed with its problem', async () => {
  await withRoot(async (root) => {
    await assert.rejects(latestRun(root), NoRunsError)
    const older = await createRunDir({ root, now: new Date('2026-01-01T00:00:00Z'), label: 'a' })
    const newer = await createRunDir({ root, now: new Date('2026-02-01T00:00:00Z'), label: 'b' })
    await mkdir(join(root, 'broken'))
    await writeFile(join(root, 'broken', RUN_FILES.manifest), '{nope')
    await mkdir(join(root, 'not-a-run'))
    const runs = await listRuns(root)
    assert.deepEqual(runs.map((r) => r.id), ['broken', older.id, newer.id])
    assert.match(runs[0]?.problem ?? '', /not a valid run manifest/)
    assert.equal((await latestRun(root)).id, newer.id)
  })
})

test('resolveRun accepts latest, an id, a unique prefix and a directory path', async () => {
  await withRoot(async (root) => {
    const a = await createRunDir({ root, now: new Date('2026-01-01T00:00:00Z'), label: 'a' })
    const b = await createRunDir({ root, now: new Date('2026-01-02T00:00:00Z'), label: 'b' })
    assert.equal((await resolveRun(undefined, root)).id, b.id)
    assert.equal((await resolveRun('latest', root)).id, b.id)
    assert.equal((await resolveRun(a.id, root)).id, a.id)
    assert.equal((await resolveRun('20260101', root)).id, a.id)
    assert.equal((await resolveRun(a.dir, root)).id, a.id)
    await assert.rejects(resolveRun('2026', root), AmbiguousRunError)
    await assert.rejects(resolveRun('1999', root), RunNotFoundError)
  })
})
