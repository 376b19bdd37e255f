import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { analyzeRun, type Analysis } from './analysis.js'
import { analyzeAndReport } from '../commands/analyze.js'
import { writeFixtureRun, T0, FIXTURE_SECONDS } from '../fixtures/k6-run.js'
import type { ManifestPatch } from '../../results-dir/index.js'

// The fixture run: 15 requests a second for 10 s; in second 3 the five "news" requests fail;
// latencies grow with the second (quotes s*10+1 … s*10+10 ms, news 200+s ms).
const at = (s: number): number => T0 + s * 1000

/** The runner's measured peak over the whole fixture, and a profile window over seconds [from, to). */
function profiled (fromS: number, toS: number): ManifestPatch {
  return {
    rates: { peak: { fromMs: at(0), toMs: at(FIXTURE_SECONDS), level: 1000, unit: 'VUs', seconds: FIXTURE_SECONDS, deliveredRps: 15, intendedRps: 20, share: 0.75, thinkPerRequestMs: 350 } },
    profiling: {
      fromMs: at(fromS),
      toMs: at(toS),
      collections: [
        { service: 'gateway', kind: 'cpu', ok: true, fromMs: at(fromS), toMs: at(toS) - 500 },
        { service: 'gateway', kind: 'trace', ok: true, fromMs: at(toS) - 500, toMs: at(toS) }
      ]
    }
  }
}

async function withFixture<T> (patch: ManifestPatch, fn: (dir: string, analysis: Analysis) => Promise<T>): Promise<T> {
  const root = await mkdtemp(join(tmpdir(), 'mib-observer-'))
  try {
    const run = await writeFixtureRun({ root })
    await run.writeManifest(patch)
    return await fn(run.dir, await analyzeRun({ runId: run.id, dir: run.dir, manifest: await run.readManifest() }))
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}

test('a profile window that injures the peak: its errors are far beyond 1.5x the rest of the peak, and the report says so', async () => {
  await withFixture(profiled(3, 5), async (dir, a) => {
    const observer = a.observer
    assert.ok(observer !== null)
    // Inside: seconds 3 and 4, 30 requests, the 5 failures of second 3.
    assert.equal(observer.inside.requests, 30)
    assert.equal(observer.inside.rps, 15)
    assert.equal(observer.inside.errorRate, 5 / 30)
    assert.equal(observer.inside.latency?.max, 204)
    // The rest: the other 8 seconds, no failure.
    assert.equal(observer.rest.requests, 120)
    assert.equal(observer.rest.rps, 15)
    assert.equal(observer.rest.errorRate, 0)
    assert.equal(observer.rest.latency?.max, 209)
    // Error rates under 0.1 % count as 0.1 %: (5/30) / 0.001.
    assert.ok(observer.errorRatio !== null && Math.abs(observer.errorRatio - (5 / 30) / 0.001) < 1e-6)
    assert.ok(observer.p99Ratio !== null && observer.p99Ratio < 1)
    assert.equal(observer.withinTarget, false)

    const { analysis } = await analyzeAndReport({ run: dir })
    assert.equal(analysis.observer?.withinTarget, false)
    const md = await readFile(join(dir, 'report.md'), 'utf8')
    assert.match(md, /Observer effect: the profile window/)
    assert.match(md, /\| profile window \| 00:30:03–00:30:05 \(2\.0 s\) \| 30 \|/)
    assert.match(md, /NOT within/)
    assert.match(md, /The verdict is judged over the whole run, the profile window included: profiles were taken 00:30:03–00:30:05 UTC/)
    const html = await readFile(join(dir, 'report.html'), 'utf8')
    assert.match(html, /"bands":\[\{"start":\d+(\.\d+)?,"end":\d+(\.\d+)?,"name":"profiles","kind":"profile"\}\]/)
  })
})

test('a profile window that costs nothing measurable: within 1.5x', async () => {
  await withFixture(profiled(6, 8), async (_dir, a) => {
    const observer = a.observer
    assert.ok(observer !== null)
    assert.equal(observer.inside.requests, 30)
    assert.equal(observer.inside.errorRate, 0)
    assert.equal(observer.rest.errorRate, 5 / 120)
    assert.equal(observer.withinTarget, true)
  })
})

test('no comparison without a profile window, or without the runner\'s peak', async () => {
  await withFixture({}, async (_dir, a) => { assert.equal(a.observer, null) })
  const { rates: _rates, ...profilesOnly } = profiled(3, 5)
  await withFixture(profilesOnly, async (_dir, a) => { assert.equal(a.observer, null) })
})
