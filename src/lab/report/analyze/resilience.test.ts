import { test } from 'node:test'
import assert from 'node:assert/strict'
import { classifySecond, compareRecovery, failureClassOf, firstRecoveredSecond, judgeResilience, type FailureClass, type SecondSample } from './resilience.js'
import type { FaultEvent } from '../read/fault-events.js'

const criteria = { errorRate: 0.01, p99Ms: 1000 }
const RPS = 200
const HEALTHY_P99 = 40

/**
 * A synthetic run: 200 req/s at p99 40 ms from `from` to `to` (epoch s), with
 * the seconds in `bad` overridden. The expected figures in the tests below
 * follow from these definitions, not from a run.
 */
function series (from: number, to: number, bad: Record<number, { failures?: Partial<Record<FailureClass, number>>, p99Ms?: number | null, requests?: number }>): SecondSample[] {
  const out: SecondSample[] = []
  for (let t = from; t < to; t++) {
    const b = bad[t]
    if (b === null) continue
    out.push({ t, requests: b?.requests ?? RPS, failures: b?.failures ?? {}, p99Ms: b?.p99Ms === undefined ? HEALTHY_P99 : b.p99Ms })
  }
  return out
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i)
const each = <T>(seconds: number[], value: T): Record<number, T> => Object.fromEntries(seconds.map((t) => [t, value]))

function plan (holdS = 5, targetS = 5): FaultEvent {
  return { type: 'plan', time: 0, source: 'test', holdS, targetS, fitsInPeak: true, faults: [] }
}

function fault (index: number, name: string, target: string, startS: number, healthyS: number | null, recoveryEndS: number): FaultEvent[] {
  const ms = (s: number): number => Math.round(s * 1000)
  return [
    { type: 'memory', time: ms(startS) - 5, index, name, phase: 'before', services: [{ name: target, pid: 10, rssBytes: 100e6 }] },
    { type: 'fault-start', time: ms(startS), index, name, kind: 'process', target, detail: '' },
    ...(healthyS === null ? [] : [{ type: 'healthy', time: ms(healthyS), index, name, service: target } as const]),
    { type: 'recovery-end', time: ms(recoveryEndS), index, name },
    { type: 'memory', time: ms(recoveryEndS), index, name, phase: 'after', services: [{ name: target, pid: 11, rssBytes: 80e6 }] }
  ]
}

const healthy: FaultEvent = { type: 'health', time: 0, services: [{ name: 'engine', healthy: true, detail: '200' }, { name: 'gateway', healthy: true, detail: '200' }] }

test('engine killed: detected in the first second with a failure, recovered the first of 5 good seconds after healthy, clean refusals only', () => {
  // Killed at 1000.4; every request refused cleanly until it is back at 1004.6;
  // in second 1005 30 % still fail (reconnect), from 1006 on all is well.
  const bad = { ...each(range(1000, 1005), { failures: { clean: RPS } }), 1005: { failures: { clean: 60 } } }
  const events = [plan(), ...fault(0, 'engine SIGKILL', 'engine', 1000.4, 1004.6, 1030), healthy]
  const v = judgeResilience(events, series(990, 1040, bad), criteria)
  const faultVerdict = v.faults[0]!
  assert.equal(faultVerdict.detectS?.toFixed(1), '0.6') // end of second 1000 − 1000.4
  assert.equal(faultVerdict.recoveredS, 1006)
  assert.equal(faultVerdict.recoverS?.toFixed(1), '1.4') // 1006 − 1004.6
  assert.equal(faultVerdict.outageS?.toFixed(1), '5.6')
  assert.equal(faultVerdict.failures.clean, 5 * RPS + 60)
  assert.equal(faultVerdict.unclean, 0)
  assert.equal(faultVerdict.requests, 6 * RPS)
  assert.deepEqual(faultVerdict.memory, [{ name: 'engine', beforeBytes: 100e6, afterBytes: 80e6 }])
  assert.deepEqual(faultVerdict.targets.map((t) => t.status), ['pass', 'pass'])
  assert.equal(v.healthyAtEnd.status, 'pass')
  assert.equal(v.status, 'pass')
})

test('a slow provider that never fails a request: not detected, and a p99 that stays high 7 s past healing misses the 5 s target', () => {
  const bad = each(range(1030, 1047), { p99Ms: 3000 })
  const events = [plan(), ...fault(0, 'provider slow', 'provider-sim', 1030, 1040, 1070), healthy]
  const faultVerdict = judgeResilience(events, series(1020, 1080, bad), criteria).faults[0]!
  assert.equal(faultVerdict.detectS, null)
  assert.equal(faultVerdict.recoveredS, 1047)
  assert.equal(faultVerdict.recoverS, 7)
  assert.equal(faultVerdict.targets[0]?.status, 'fail')
  assert.equal(faultVerdict.status, 'fail')
})

test('resets and other 5xx are unclean; refused connections are counted apart and are not', () => {
  const bad = { 1000: { failures: { refused: 150, reset: 3 } }, 1001: { failures: { refused: 50, server_error: 2 } } }
  const events = [plan(), ...fault(0, 'gateway SIGTERM', 'gateway', 1000.2, 1001.5, 1020), healthy]
  const faultVerdict = judgeResilience(events, series(995, 1020, bad), criteria).faults[0]!
  assert.equal(faultVerdict.failures.refused, 200)
  assert.equal(faultVerdict.unclean, 5)
  assert.deepEqual(faultVerdict.targets.map((t) => [t.id, t.status, t.measured]), [['recovery', 'pass', '0.5 s'], ['unclean', 'fail', '5']])
})

test('a recovery window shorter than the target plus the hold (a short time scale) leaves an unrecovered fault not measured, not failed', () => {
  // Healthy at 1003, next fault at 1008: 5 s watched, where a recovery within 5 s needs up to 5 + 5.
  const bad = each(range(1000, 1008), { failures: { clean: RPS } })
  const events = [plan(), ...fault(0, 'engine SIGKILL', 'engine', 1000, 1003, 1008), ...fault(1, 'gateway SIGTERM', 'gateway', 1008, 1009, 1030), healthy]
  const v = judgeResilience(events, series(995, 1040, bad), criteria)
  const recovery = v.faults[0]?.targets[0]
  assert.equal(recovery?.status, 'not measured')
  assert.match(recovery?.measured ?? '', /5\.0 s watched .* 10 s .*--time-scale/)
  assert.equal(v.faults[0]?.status, 'inconclusive')
  assert.equal(v.faults[1]?.status, 'pass')
})

test('503s the workload could not inspect leave the unclean-failure target not measured, not passed', () => {
  const events = [plan(), ...fault(0, 'engine SIGKILL', 'engine', 1000, 1002, 1020), healthy]
  const v = judgeResilience(events, series(995, 1020, each([1000, 1001], { failures: { unverified_503: RPS } })), criteria)
  assert.equal(v.faults[0]?.targets[1]?.status, 'not measured')
  assert.equal(v.status, 'inconclusive')
})

test('recovery is looked for only until the next fault begins; a service never healthy again fails', () => {
  // First fault: bad until 1012, next fault at 1014: 2 good seconds are not 5.
  const first = each(range(1000, 1012), { failures: { clean: RPS } })
  const events = [plan(), ...fault(0, 'engine SIGKILL', 'engine', 1000, 1003, 1014), ...fault(1, 'gateway SIGKILL', 'gateway', 1014, null, 1030), healthy]
  const v = judgeResilience(events, series(995, 1040, first), criteria)
  assert.equal(v.faults[0]?.recoverS, null)
  assert.match(v.faults[0]?.targets[0]?.measured ?? '', /not recovered before the next fault/)
  assert.equal(v.faults[1]?.targets[0]?.measured, 'gateway never healthy again')
  assert.equal(v.status, 'fail')
})

test('an unrecovered fault does not take the failures of the second its successor begins in', () => {
  const bad = { ...each(range(1000, 1012), { failures: { clean: 10 } }), 1014: { failures: { refused: 50 } } }
  const events = [plan(), ...fault(0, 'provider errors', 'provider-sim', 1000, 1002, 1014.6), ...fault(1, 'gateway SIGTERM', 'gateway', 1014.6, 1016, 1030), healthy]
  const v = judgeResilience(events, series(995, 1040, bad), criteria)
  assert.equal(v.faults[0]?.recoverS, null)
  assert.equal(v.faults[0]?.failures.refused, 0)
  assert.equal(v.faults[1]?.failures.refused, 50)
})

test('a fault that strikes a system already over its targets is not judged on recovery: there was nothing to recover to', () => {
  // Overloaded from 995 on (5 % errors every second), fault at 1010, never good again.
  const bad = each(range(995, 1040), { failures: { clean: 10 } })
  const events = [plan(), ...fault(0, 'engine SIGKILL', 'engine', 1010.5, 1013, 1040), healthy]
  const faultVerdict = judgeResilience(events, series(990, 1040, bad), criteria).faults[0]!
  assert.equal(faultVerdict.recoverS, null)
  assert.equal(faultVerdict.targets[0]?.status, 'not measured')
  assert.match(faultVerdict.targets[0]?.measured ?? '', /already over the targets before the fault \(0 of the 5 s before it under the targets; 5\.0 % errors, p99 up to 40 ms\)/)
  // The same fault on a healthy system that does not come back fails.
  const healthyBefore = each(range(1010, 1040), { failures: { clean: 10 } })
  assert.equal(judgeResilience(events, series(990, 1040, healthyBefore), criteria).faults[0]?.targets[0]?.status, 'fail')
})

test('the hold must be unbroken: a bad second or a second without data restarts it', () => {
  const c = { ...criteria, holdS: 5, targetS: 5 }
  const samples = series(100, 130, { 104: { failures: { timeout: 5 } }, 110: null as never, 116: { p99Ms: 1000 } })
  const bySecond = new Map(samples.map((s) => [s.t, s]))
  // 100-103 good (4), 104 bad, 105-109 good (5) → 105.
  assert.equal(firstRecoveredSecond(bySecond, 100, 130, c), 105)
  // From 106: 106-109 (4), 110 missing, 111-115 (5) → 111.
  assert.equal(firstRecoveredSecond(bySecond, 106, 130, c), 111)
  // From 112: 112-115 (4), 116 at the p99 limit (not under it), 117-121 → 117; not if the window ends at 121.
  assert.equal(firstRecoveredSecond(bySecond, 112, 130, c), 117)
  assert.equal(firstRecoveredSecond(bySecond, 112, 121.5, c), null)
  // An error rate at exactly the target is not under it: 2 of 200 = 1 %.
  const atLimit = new Map([[0, { t: 0, requests: 200, failures: { clean: 2 }, p99Ms: 10 }]])
  assert.equal(firstRecoveredSecond(atLimit, 0, 1, { ...c, holdS: 1 }), null)
})

test('an unhealthy service at the end fails the run; no health check at all is not measured', () => {
  const events = [plan(), ...fault(0, 'engine SIGKILL', 'engine', 1000, 1001, 1020)]
  const sick: FaultEvent = { type: 'health', time: 0, services: [{ name: 'engine', healthy: false, detail: 'ECONNREFUSED' }] }
  assert.equal(judgeResilience([...events, sick], series(995, 1020, {}), criteria).healthyAtEnd.status, 'fail')
  assert.equal(judgeResilience(events, series(995, 1020, {}), criteria).healthyAtEnd.status, 'not measured')
  assert.equal(judgeResilience([], series(995, 1020, {}), criteria).status, 'inconclusive')
})

test('recovery regressions against a baseline: slower by over 1 s and by half again, or no longer recovering', () => {
  const run = (recoverByFault: Array<number | null>) => {
    const events: FaultEvent[] = [plan(3, 5), healthy]
    const bad: Record<number, { failures: Partial<Record<FailureClass, number>> }> = {}
    recoverByFault.forEach((r, i) => {
      const start = 1000 + i * 100
      events.push(...fault(i, `fault ${i}`, 'engine', start, start + 2, start + 99))
      const badUntil = r === null ? start + 99 : start + 2 + r
      for (const t of range(start, badUntil)) bad[t] = { failures: { clean: RPS } }
    })
    return judgeResilience(events, series(990, 1000 + recoverByFault.length * 100, bad), criteria)
  }
  const baseline = run([1, 2, 2, 4])
  assert.deepEqual(baseline.faults.map((f) => f.recoverS), [1, 2, 2, 4])
  const current = run([3, 3, null, 5])
  // +2 s and 3x: regression; +1 s: within resolution; not recovered: regression; +1 s and 1.25x: no.
  assert.deepEqual(compareRecovery(current, baseline), [
    { name: 'fault 0', baselineS: 1, currentS: 3 },
    { name: 'fault 2', baselineS: 2, currentS: null }
  ])
})

test('failed requests are classed by status and k6 error code; 503s are clean only as far as the workload saw Retry-After and the envelope', () => {
  assert.deepEqual(['503', '500', '502', '504', '404', '429'].map((s) => failureClassOf(s, `1${s}`)), ['unverified_503', 'server_error', 'server_error', 'server_error', 'client_error', 'client_error'])
  assert.deepEqual(['1050', '1211', '1220', '1201', '1212', '1000', ''].map((c) => failureClassOf('0', c)), ['timeout', 'timeout', 'reset', 'reset', 'refused', 'other', 'other'])
  const failed = [{ status: '503', errorCode: '1503', count: 10 }, { status: '503', errorCode: '1503', count: 5 }, { status: '0', errorCode: '1220', count: 2 }]
  assert.deepEqual(classifySecond(failed, 12), { clean: 12, server_error: 3, reset: 2 })
  assert.deepEqual(classifySecond(failed, 20), { clean: 15, reset: 2 }, 'never more clean than 503s')
  assert.deepEqual(classifySecond(failed, null), { unverified_503: 15, reset: 2 })
  assert.deepEqual(classifySecond([], 0), {})
})
