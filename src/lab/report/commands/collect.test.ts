import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { collectResults } from './collect.js'
import { listRuns } from '../../results-dir/index.js'
import { fixtureNdjson } from '../fixtures/k6-run.js'
import { sniffLoadFile } from '../read/run-files.js'

async function withDir (fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'mib-collect-'))
  try { await fn(dir) } finally { await rm(dir, { recursive: true, force: true }) }
}

test('collect creates a run when there is none, and never overwrites a file already in the run', async () => {
  await withDir(async (dir) => {
    const root = join(dir, 'results')
    const from = join(dir, 'loose')
    await mkdir(from)
    await writeFile(join(from, 'out.ndjson'), fixtureNdjson(1))
    const first = await collectResults({ from, root })
    assert.match(first.runId, /-collected$/)
    assert.equal((await listRuns(root)).length, 1)
    await writeFile(join(from, 'out.ndjson'), fixtureNdjson(2))
    const second = await collectResults({ from, root })
    assert.equal(second.runId, first.runId)
    assert.deepEqual((await readdir(first.dir)).filter((n) => n.endsWith('.ndjson')).sort(), ['out-2.ndjson', 'out.ndjson'])
    assert.equal(await readFile(join(first.dir, 'out.ndjson'), 'utf8'), fixtureNdjson(1))
  })
})

test('load files are told apart by content: NDJSON, gzipped NDJSON, summary export, anything else', async () => {
  await withDir(async (dir) => {
    await writeFile(join(dir, 'a.json'), fixtureNdjson())
    await writeFile(join(dir, 'b.ndjson.gz'), gzipSync(fixtureNdjson()))
    await writeFile(join(dir, 'c.json'), JSON.stringify({ root_group: {}, metrics: { http_reqs: { count: 1 } } }, null, 2))
    await writeFile(join(dir, 'd.json'), '{"name":"package","scripts":{}}')
    assert.equal(await sniffLoadFile(join(dir, 'a.json')), 'ndjson')
    assert.equal(await sniffLoadFile(join(dir, 'b.ndjson.gz')), 'ndjson')
    assert.equal(await sniffLoadFile(join(dir, 'c.json')), 'summary')
    assert.equal(await sniffLoadFile(join(dir, 'd.json')), undefined)
  })
})
