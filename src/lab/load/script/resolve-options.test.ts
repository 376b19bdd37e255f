import { test } from 'node:test'
import assert from 'node:assert/strict'
import { resolveOptions } from './resolve-options.js'
import { InvalidOptionsError } from '../../../options.js'
import { UnknownPresetError } from '../errors.js'
import type { ScenarioConfig } from '../executors/config.js'

const fn = (): void => {}
const script = (options: unknown, extra: Record<string, unknown> = {}): { options: unknown, presets: Record<string, unknown> | undefined, functions: Record<string, () => void> } => ({
  options, presets: extra.presets as Record<string, unknown> | undefined, functions: { default: fn, ...(extra.functions as Record<string, () => void> | undefined) }
})

function problemsOf (run: () => unknown): string[] {
  try { run() } catch (err) {
    if (err instanceof InvalidOptionsError) return err.problems
    throw err
  }
  assert.fail('expected InvalidOptionsError')
}

test('execution shortcuts become k6\'s default scenario', () => {
  const only = (options: unknown): ScenarioConfig => resolveOptions({ script: script(options) }).scenarios[0] as ScenarioConfig
  assert.deepEqual([only({ vus: 5, duration: '30s' })].map((s) => [s.name, s.executor, 'vus' in s ? s.vus : 0]), [['default', 'constant-vus', 5]])
  assert.equal(only({ iterations: 10, vus: 3 }).executor, 'shared-iterations')
  const ramp = only({ stages: [{ duration: '1m', target: 10 }] })
  assert.equal(ramp.executor, 'ramping-vus')
  assert.deepEqual(ramp.executor === 'ramping-vus' ? ramp.stages : [], [{ durationMs: 60_000, target: 10 }])
  const none = only(undefined)
  assert.equal(none.executor, 'per-vu-iterations')
})

test('scenarios get k6\'s defaults, durations in ms', () => {
  const [s] = resolveOptions({ script: script({ scenarios: { open: { executor: 'constant-arrival-rate', rate: 50, duration: '1m30s', preAllocatedVUs: 10 } } }) }).scenarios
  assert.deepEqual(s, {
    name: 'open', executor: 'constant-arrival-rate', startTimeMs: 0, gracefulStopMs: 30_000, exec: 'default', env: {}, tags: {},
    timeUnitMs: 1000, preAllocatedVus: 10, maxVus: 10, maxQueuedIterations: 1000, rate: 50, durationMs: 90_000
  })
})

test('every problem is reported at once, unknown keys with a hint', () => {
  const problems = problemsOf(() => resolveOptions({
    script: script({
      vu: 10,
      duration: 'soon',
      hosts: { a: "127.0.0.1" },
      thresholds: { http_req_duration: 5 },
      scenarios: {
        a: { executor: 'ramping-arrival-rate', stages: [], preAllocatedVus: 3 },
        b: { executor: 'externally-controlled' },
        'bad name': { executor: 'constant-vus', duration: '1s', exec: 'nope' }
      }
    })
  }))
  const text = problems.join('\n')
  assert.match(text, /unknown key "vu": did you mean "vus"\?/)
  assert.match(text, /duration: "soon" is not a duration/)
  assert.match(text, /unknown key "hosts": a k6 option mib load does not support/)
  assert.match(text, /scenarios\.a\.stages: needs at least one stage/)
  assert.match(text, /scenarios\.a.*"preAllocatedVus": k6 spells it "preAllocatedVUs"/)
  assert.match(text, /scenarios\.b\.executor: .*no REST control API/)
  assert.match(text, /scenarios\.bad name: scenario names may only contain/)
  assert.match(text, /scenarios\.bad name\.exec: the script exports no function named "nope"/)
  assert.match(text, /thresholds/)
})

test('shortcuts cannot be mixed with scenarios or with each other', () => {
  const text = problemsOf(() => resolveOptions({ script: script({ duration: '10s', stages: [{ duration: '1s', target: 1 }] }) })).join('\n')
  assert.match(text, /stages: cannot be combined with duration/)
  const text2 = problemsOf(() => resolveOptions({ script: script({ iterations: 3, scenarios: { a: { executor: 'constant-vus', duration: '1s' } } }) })).join('\n')
  assert.match(text2, /iterations: cannot be combined with scenarios/)
})

test('a script without a default function needs an exec for each scenario', () => {
  const text = problemsOf(() => resolveOptions({ script: { options: {}, presets: undefined, functions: {} } })).join('\n')
  assert.match(text, /no default export function/)
  const ok = resolveOptions({ script: { options: { scenarios: { a: { executor: 'per-vu-iterations', exec: 'browse' } } }, presets: undefined, functions: { browse: fn } } })
  assert.equal(ok.scenarios[0]?.exec, 'browse')
})

test('CLI --duration/--iterations/--stage replace the script\'s scenarios; --vus alone cannot', () => {
  const withScenarios = script({ scenarios: { a: { executor: 'constant-vus', vus: 1, duration: '1h' } } })
  const [s] = resolveOptions({ script: withScenarios, cli: { vus: 4, duration: '2s' } }).scenarios
  assert.deepEqual([s?.executor, s?.executor === 'constant-vus' ? [s.vus, s.durationMs] : []], ['constant-vus', [4, 2000]])
  const [r] = resolveOptions({ script: withScenarios, cli: { stages: ['10s:5', '5s:0'] } }).scenarios
  assert.deepEqual(r?.executor === 'ramping-vus' ? r.stages : [], [{ durationMs: 10_000, target: 5 }, { durationMs: 5000, target: 0 }])
  assert.match(problemsOf(() => resolveOptions({ script: withScenarios, cli: { vus: 3 } })).join('\n'), /--vus: the script defines scenarios/)
  assert.match(problemsOf(() => resolveOptions({ script: script({}), cli: { stages: ['ten:5'] } })).join('\n'), /--stage "ten:5"/)
})

test('a preset\'s options replace the script\'s; an unknown preset lists the known ones', () => {
  const s = script({ vus: 1, duration: '1s', thresholds: { checks: ['rate>0.9'] } }, { presets: { big: { vus: 100, duration: '10m' } } })
  const resolved = resolveOptions({ script: s, preset: 'big' })
  const [scenario] = resolved.scenarios
  assert.equal(scenario?.executor === 'constant-vus' ? scenario.vus : 0, 100)
  assert.deepEqual(resolved.thresholds, { checks: ['rate>0.9'] })
  assert.throws(() => resolveOptions({ script: s, preset: 'huge' }), (err: unknown) => err instanceof UnknownPresetError && /the script defines: big/.test(err.message))
})

const scaledScript = (): ReturnType<typeof script> => script({
  setupTimeout: '60s',
  scenarios: {
    ramp: { executor: 'ramping-vus', startTime: '10s', gracefulStop: '20s', gracefulRampDown: '40s', stages: [{ duration: '13m', target: 100 }] },
    rate: { executor: 'constant-arrival-rate', rate: 10, timeUnit: '1s', duration: '1m', preAllocatedVUs: 1 }
  }
})

test('--time-scale multiplies every duration of the schedule, timeouts excepted; arrival rates stay', () => {
  const resolved = resolveOptions({ timeScale: 0.05, script: scaledScript() })
  const [ramp, rate] = resolved.scenarios
  assert.ok(ramp?.executor === 'ramping-vus')
  assert.deepEqual([ramp.startTimeMs, ramp.gracefulStopMs, ramp.gracefulRampDownMs, ramp.stages[0]?.durationMs], [500, 1000, 2000, 39_000])
  assert.ok(rate?.executor === 'constant-arrival-rate')
  assert.deepEqual([rate.durationMs, rate.timeUnitMs, rate.rate], [3000, 1000, 10], 'the same 10 iterations/s, for 1/20 of the time')
  assert.equal(resolved.setupTimeout, 60_000)
  assert.match(problemsOf(() => resolveOptions({ script: script({}), timeScale: 0 })).join('\n'), /--time-scale/)
})

test('--fast-forward scales the arrival-rate time unit with the schedule: the same iterations in 1/20 of the time', () => {
  const resolved = resolveOptions({ timeScale: 0.05, fastForward: true, script: scaledScript() })
  const [ramp, rate] = resolved.scenarios
  assert.ok(ramp?.executor === 'ramping-vus')
  assert.equal(ramp.stages[0]?.durationMs, 39_000)
  assert.ok(rate?.executor === 'constant-arrival-rate')
  assert.deepEqual([rate.durationMs, rate.timeUnitMs, rate.rate], [3000, 50, 10])
})
