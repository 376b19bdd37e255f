import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { createRequire } from 'node:module'
import type * as DatadogPprof from '@datadog/pprof'
import { ProfileDecodeError, ProfileMismatchError, SampleIndexError } from './errors.js'
import { decodeProfile, readProfile, resolveSampleIndex } from './pprof.js'
import { computeShares, formatTop, topReport } from './top.js'
import { diffProfiles, formatDiff } from './diff.js'
import { cpuLikeProfile, syntheticProfile } from './fixtures/synthetic.js'

async function tempDir (t: import('node:test').TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mib-profile-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  return dir
}

test('flat and cum follow pprof: the leaf owns flat, every frame on the stack gets cum once', () => {
  const p = decodeProfile(cpuLikeProfile())
  const shares = new Map(computeShares(p, 1).functions.map((f) => [f.name, f]))
  assert.equal(computeShares(p, 1).total, 100e6)
  assert.deepEqual([shares.get('format')?.flat, shares.get('format')?.cum], [50e6, 50e6])
  assert.deepEqual([shares.get('render')?.flat, shares.get('render')?.cum], [10e6, 60e6])
  assert.deepEqual([shares.get('handle')?.flat, shares.get('handle')?.cum], [0, 90e6])
  assert.deepEqual([shares.get('main')?.flat, shares.get('main')?.cum], [0, 100e6])
  // walk appears three times on one stack: counted once in cum, like pprof.
  assert.deepEqual([shares.get('walk')?.flat, shares.get('walk')?.cum], [10e6, 10e6])
})

test('top prints pprof-style rows with units, percentages, running sum and file:line', () => {
  const text = formatTop(decodeProfile(cpuLikeProfile(), 'cpu.pb.gz'), { n: 3 })
  const lines = text.trimEnd().split('\n')
  assert.equal(lines[0], 'File: cpu.pb.gz')
  assert.match(lines[1] ?? '', /^Type: wall \(nanoseconds\), duration 1s$/)
  assert.match(text, /Showing top 3 of 6 functions, accounting for 90ms \(90\.00%\) of 100ms total/)
  assert.match(lines[4] ?? '', /^\s+50ms\s+50\.00%\s+50\.00%\s+50ms\s+50\.00%\s+format app\/src\/format\.ts:\d+$/)
  assert.match(lines[5] ?? '', /^\s+30ms\s+30\.00%\s+80\.00%\s+30ms\s+30\.00%\s+parse /)
  assert.equal(lines.length, 7)
})

test('top --cum sorts by cumulative share; --sample-index picks a type by name or index', () => {
  const p = decodeProfile(cpuLikeProfile())
  assert.deepEqual(topReport(p, { cum: true }).functions.slice(0, 3).map((f) => f.name), ['main', 'handle', 'render'])
  assert.equal(resolveSampleIndex(p, undefined), 1, 'the last type by default')
  assert.equal(resolveSampleIndex(p, 'sample'), 0)
  assert.equal(resolveSampleIndex(p, '0'), 0)
  assert.match(formatTop(p, { sampleIndex: 'sample', n: 1 }), /Type: sample \(count\)[\s\S]*\n\s+50\s+50\.00%/)
  assert.throws(() => resolveSampleIndex(p, 'inuse_space'), SampleIndexError)
  assert.throws(() => resolveSampleIndex(p, '2'), SampleIndexError)
})

test('heap profiles print in bytes, with the profile\'s notes', () => {
  const heap = syntheticProfile([['inuse_objects', 'count'], ['inuse_space', 'bytes']], [
    { stack: ['main', 'cacheFill'], values: [1000, 3 * 1024 * 1024] },
    { stack: ['main', 'parse'], values: [10, 512 * 1024] }
  ], { comments: ['live-at-collection view'] })
  const text = formatTop(decodeProfile(heap), {})
  assert.match(text, /Type: inuse_space \(bytes\)/)
  assert.match(text, /Note: live-at-collection view/)
  assert.match(text, /\n\s+3MB\s+85\.71%\s+85\.71%\s+3MB\s+85\.71%\s+cacheFill/)
  assert.match(text, /\n\s+512kB\s+14\.29%\s+100\.00%/)
})

test('a file that is not pprof is refused with MIB_ERR_PROFILING_DECODE, gzipped or not', async (t) => {
  const dir = await tempDir(t)
  const json = join(dir, 'trace.json')
  await writeFile(json, JSON.stringify({ traceEvents: [] }))
  await assert.rejects(readProfile(json), (err: unknown) => err instanceof ProfileDecodeError && err.code === 'MIB_ERR_PROFILING_DECODE')
  await assert.rejects(readProfile(join(dir, 'missing.pb.gz')), ProfileDecodeError)
  assert.throws(() => decodeProfile(Buffer.from([0x1f, 0x8b, 1, 2, 3])), ProfileDecodeError)
  // Raw (not gzipped) protobuf is accepted too, as go tool pprof does.
  assert.equal(decodeProfile(gunzipSync(cpuLikeProfile())).sampleTypes.length, 2)
})

test('diff shows which functions grew and shrank in share, independent of the totals', () => {
  const base = decodeProfile(cpuLikeProfile(), 'base')
  // parse takes 4x longer: its share grows, everyone else's shrinks.
  const next = decodeProfile(cpuLikeProfile(4), 'new')
  const report = diffProfiles(base, next)
  assert.equal(report.grew[0]?.name, 'parse')
  assert.ok(Math.abs((report.grew[0]?.deltaPct ?? 0) - (100 * 120 / 190 - 30)) < 1e-9)
  assert.equal(report.shrank[0]?.name, 'format')
  assert.deepEqual(diffProfiles(base, base).grew, [])
  const text = formatDiff(base, next, { n: 2 })
  assert.match(text, /Grew \(1\):[\s\S]*\+33\.16pp\s+30\.00%\s+63\.16%\s+parse/)
  assert.match(text, /Shrank \(2\):[\s\S]*-23\.68pp\s+50\.00%\s+26\.32%\s+format/)
})

test('diff refuses to compare a CPU profile with a heap profile', () => {
  const heap = syntheticProfile([['inuse_objects', 'count'], ['inuse_space', 'bytes']], [{ stack: ['a'], values: [1, 1] }])
  assert.throws(() => diffProfiles(decodeProfile(cpuLikeProfile()), decodeProfile(heap)), ProfileMismatchError)
})

test('a real @datadog/pprof CPU profile: the hot function of this test is on top, with its file:line', async (t) => {
  const { time, encode } = createRequire(import.meta.url)('@datadog/pprof') as typeof DatadogPprof
  function labHotLoop (ms: number): number {
    const end = Date.now() + ms
    let x = 0
    // The clock is read rarely so the samples land in this function, not in Date.now.
    while (Date.now() < end) for (let i = 0; i < 100_000; i++) x += Math.sqrt(x + i)
    return x
  }
  time.start({ intervalMicros: 5000 })
  labHotLoop(600)
  const bytes = await encode(time.stop())
  const dir = await tempDir(t)
  const file = join(dir, 'real-cpu.pb.gz')
  await writeFile(file, bytes)
  const p = await readProfile(file)
  const top = topReport(p, {}).functions
  assert.equal(top[0]?.name, 'labHotLoop', top.slice(0, 5).map((f) => f.name).join(', '))
  assert.match(formatTop(p, { n: 3 }), /labHotLoop .*read\.test\.ts:\d+/)
})
