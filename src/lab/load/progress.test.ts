import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ProgressReporter, formatProgress, type RunProgress } from './progress.js'

const progress = (over: Partial<RunProgress> = {}): RunProgress => ({
  elapsedMs: 83_400, plannedMs: 780_000, vus: 45, vusMax: 100, completedIterations: 1234, interruptedIterations: 2,
  droppedIterations: 0, requestsPerSecond: 812.44, errorRate: 0.0031, stopping: false, ...over
})

test('the progress line shows time, VUs, iterations, request rate and errors', () => {
  assert.equal(formatProgress(progress()), 'running (1m23s/13m), 045/100 VUs, 1234 complete and 2 interrupted iterations, 812.4 req/s, 0.31% errors')
  assert.match(formatProgress(progress({ droppedIterations: 7, stopping: true })), /^stopping .*, 7 dropped$/)
})

test('on a TTY the line is rewritten in place; otherwise a plain line every 10 s', () => {
  const tty: string[] = []
  const onTty = new ProgressReporter({ write: (s: string) => tty.push(s), isTTY: true }, { quiet: false })
  onTty.update(progress({ elapsedMs: 1000 }))
  onTty.update(progress({ elapsedMs: 2000 }))
  assert.equal(tty.length, 2)
  assert.ok(tty.every((s) => s.startsWith('\r\x1b[2K') && !s.endsWith('\n')))
  const plain: string[] = []
  const inLog = new ProgressReporter({ write: (s: string) => plain.push(s) }, { quiet: false })
  for (let s = 1; s <= 25; s++) inLog.update(progress({ elapsedMs: s * 1000 }))
  assert.equal(plain.length, 3, 'at 1 s, 11 s and 21 s')
  assert.ok(plain.every((s) => s.endsWith('\n')))
  const quiet: string[] = []
  new ProgressReporter({ write: (s: string) => quiet.push(s), isTTY: true }, { quiet: true }).update(progress())
  assert.equal(quiet.length, 0)
})

test('a note clears the live line first, so messages never mix with it', () => {
  const out: string[] = []
  const reporter = new ProgressReporter({ write: (s: string) => out.push(s), isTTY: true }, { quiet: false })
  reporter.update(progress())
  reporter.note('stopping the test gracefully')
  assert.deepEqual(out.slice(1), ['\r\x1b[2K', 'stopping the test gracefully\n'])
})
