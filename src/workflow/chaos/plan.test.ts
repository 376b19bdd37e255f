import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CHAOS_PRESET_NAMES, faultName, loadChaosPlan, parseChaosPlan } from './plan.js'
import { ChaosPlanInvalidError, ChaosPlanNotFoundError } from './errors.js'

function problemsOf (fn: () => unknown): string[] {
  try {
    fn()
  } catch (err) {
    assert.ok(err instanceof ChaosPlanInvalidError, String(err))
    return (err.message.split('\n').slice(1)).map((l) => l.replace(/^\s+- /, ''))
  }
  assert.fail('the plan was accepted')
}

test('the default plan is the issue\'s four faults in order, with defaults filled in', async () => {
  const plan = await loadChaosPlan('default')
  assert.deepEqual(plan.faults.map(faultName), ['engine SIGKILL', 'provider errors 50%', 'provider slow (p99 5 s)', 'gateway SIGTERM'])
  assert.deepEqual(plan.faults.map((f) => f.kind), ['process', 'provider', 'provider', 'process'])
  assert.deepEqual(plan.recovery, { holdS: 5, targetS: 5 })
  assert.equal(plan.source, 'preset "default"')
})

test('every preset is a valid plan', async () => {
  assert.ok(CHAOS_PRESET_NAMES.length >= 5)
  for (const name of CHAOS_PRESET_NAMES) assert.ok((await loadChaosPlan(name)).faults.length >= 1, name)
})

test('a minimal plan gets the documented defaults', () => {
  const plan = parseChaosPlan({ faults: [{ kind: 'process', service: 'engine' }, { kind: 'provider', set: { errorRate: 1 } }] }, 'inline')
  assert.deepEqual(plan.faults[0], { kind: 'process', service: 'engine', signal: 'SIGKILL', downS: 0, recoveryS: 30 })
  assert.deepEqual(plan.faults[1], { kind: 'provider', set: { errorRate: 1 }, durationS: 20, recoveryS: 30 })
  assert.equal(faultName(plan.faults[1]!), 'provider errorRate=1')
})

test('an invalid plan lists every problem at once, each with the field that holds it', () => {
  const problems = problemsOf(() => parseChaosPlan({
    faults: [
      { kind: 'process', service: 'database', signal: 'SIGHUP' },
      { kind: 'provider', set: { errorRate: 1.5 }, durationS: -1 },
      { kind: 'provider', set: {} },
      { kind: 'flood' }
    ],
    extra: true
  }, 'my-plan.json'))
  const expect = [
    /^faults\[0\]\.service: /,
    /^faults\[0\]\.signal: /,
    /^faults\[1\]\.set\.errorRate: Too big/,
    /^faults\[1\]\.durationS: Too small/,
    /^faults\[2\]\.set: set at least one knob/,
    /^faults\[3\]\.kind: kind must be "process" or "provider"/,
    /^\(plan\): Unrecognized key: "extra"/
  ]
  for (const re of expect) assert.ok(problems.some((p) => re.test(p)), `${String(re)} in:\n${problems.join('\n')}`)
  assert.equal(problems.length, expect.length, problems.join('\n'))
})

test('an unknown key inside a fault and an empty fault list are refused', () => {
  assert.match(problemsOf(() => parseChaosPlan({ faults: [{ kind: 'provider', set: { errorRate: 0.5, latency: 3 } }] }, 'x'))[0] ?? '', /^faults\[0\]\.set: Unrecognized key: "latency"/)
  assert.match(problemsOf(() => parseChaosPlan({ faults: [] }, 'x'))[0] ?? '', /^faults: Too small/)
  assert.match(problemsOf(() => parseChaosPlan({ faults: [{ kind: 'process', service: 'engine' }], recovery: { holdS: 0 } }, 'x'))[0] ?? '', /^recovery\.holdS: Too small/)
})

test('plans load from JSON files; a missing file or bad JSON is a clear error naming it', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'mib-chaos-plan-'))
  t.after(async () => { await rm(dir, { recursive: true, force: true }) })
  const good = join(dir, 'plan.json')
  await writeFile(good, JSON.stringify({ description: 'engine only', faults: [{ kind: 'process', service: 'engine', downS: 2 }] }))
  const plan = await loadChaosPlan(good)
  assert.equal(plan.source, good)
  assert.equal(plan.faults[0]?.kind === 'process' ? plan.faults[0].downS : -1, 2)

  const bad = join(dir, 'bad.json')
  await writeFile(bad, '{ "faults": [ }')
  await assert.rejects(loadChaosPlan(bad), (err: Error) => err instanceof ChaosPlanInvalidError && err.message.includes(bad) && /not JSON/.test(err.message))
  await assert.rejects(loadChaosPlan(join(dir, 'nope.json')), (err: Error) => err instanceof ChaosPlanNotFoundError && /neither a preset \(default, /.test(err.message))
})
