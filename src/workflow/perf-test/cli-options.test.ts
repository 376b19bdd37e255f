import { test } from 'node:test'
import assert from 'node:assert/strict'
import { resolve } from 'node:path'
import { Command } from 'commander'
import { addTableOptions, helpText, optionsWithoutRow, rowsWithoutOption } from '../../option-table/index.js'
import { InvalidOptionsError } from '../../options.js'
import { DEFAULT_DASHBOARD_PORT } from '../../dashboard-port.js'
import { PERF_TEST_OPTIONS, perfTestOptionsFromCli } from './cli-options.js'
import { perfTestOptionsSchema, type PerfTestOptions } from './options.js'

/** `mib perf-test <argv>` as the command sees it, with `env` as the environment. */
function perfTest (argv: string[], env: NodeJS.ProcessEnv = {}): PerfTestOptions {
  const command = addTableOptions(new Command('perf-test').exitOverride(), PERF_TEST_OPTIONS)
  command.parse(argv, { from: 'user' })
  return perfTestOptionsFromCli(command.opts(), env)
}

test('no flags, no variables: the workflow\'s own defaults (production, profiling on)', () => {
  const options = perfTest([])
  assert.deepEqual(options, perfTestOptionsSchema.parse({}))
  assert.equal(options.stack.env, 'production')
  assert.equal(options.stack.profiling, true)
  assert.equal(options.dashboardPort, DEFAULT_DASHBOARD_PORT)
})

test('precedence: a flag beats its variable, a variable beats the default', () => {
  assert.equal(perfTest([], { TIME_SCALE: '0.5' }).timeScale, 0.5)
  assert.equal(perfTest(['--time-scale', '0.2'], { TIME_SCALE: '0.5' }).timeScale, 0.2)
  assert.equal(perfTest([], { TIME_SCALE: '' }).timeScale, 1, 'an empty variable is unset')
  assert.deepEqual(pick(perfTest([], { FAST_FORWARD: '0.1' })), { timeScale: 0.1, fastForward: true })
  assert.deepEqual(pick(perfTest(['--fast-forward', '0.25'], { FAST_FORWARD: '0.1' })), { timeScale: 0.25, fastForward: true })
  assert.equal(perfTest(['--results-dir', 'mine'], { MIB_RESULTS_DIR: 'theirs' }).resultsRoot, 'mine')
  assert.equal(perfTest([], { MIB_RESULTS_DIR: 'theirs' }).resultsRoot, resolve('theirs'))
  assert.equal(perfTest([], {}).resultsRoot, undefined, 'left to the results directory module (results/)')
})

test('a scale flag speaks for both variables: --time-scale under an exported FAST_FORWARD is the time scale (make perf-test TIME_SCALE=…)', () => {
  assert.deepEqual(pick(perfTest(['--time-scale', '0.1'], { FAST_FORWARD: '0.5' })), { timeScale: 0.1, fastForward: false })
  assert.deepEqual(pick(perfTest(['--fast-forward', '0.1'], { TIME_SCALE: '1' })), { timeScale: 0.1, fastForward: true })
})

test('--time-scale and --fast-forward (TIME_SCALE and FAST_FORWARD) exclude each other', () => {
  assert.throws(() => perfTest(['--time-scale', '0.1', '--fast-forward', '0.1']), (err: unknown) =>
    err instanceof InvalidOptionsError && /^--time-scale and --fast-forward exclude each other/.test(err.problems[0] ?? ''))
  assert.throws(() => perfTest([], { TIME_SCALE: '0.1', FAST_FORWARD: '0.1' }), (err: unknown) =>
    err instanceof InvalidOptionsError && /^TIME_SCALE and FAST_FORWARD exclude each other/.test(err.problems[0] ?? ''))
})

test('every bad value is refused at once, each named by its flag (and variable)', () => {
  assert.throws(() => perfTest(['--fast-forward', '0', '--dashboard-port', '70000', '--workers', '0', '--profile-seconds', 'x', '--gateway-port', '0', '--preset', '']), (err: unknown) => {
    assert.ok(err instanceof InvalidOptionsError)
    const text = err.problems.join('\n')
    for (const name of ['--fast-forward \\(FAST_FORWARD\\)', '--dashboard-port', '--workers', '--profile-seconds', '--gateway-port', '--preset']) {
      assert.match(text, new RegExp(`^${name}: `, 'm'), text)
    }
    return true
  })
  assert.throws(() => perfTest([], { TIME_SCALE: 'fast' }), /--time-scale \(TIME_SCALE\): /)
})

test('switches, lists and the optional chaos plan', () => {
  const options = perfTest(['--no-light', '--no-dashboard', '--fail-on-regression', '--workers', '4', '-o', 'json=a.ndjson', '--out', 'csv=b.csv', '--chaos'])
  assert.equal(options.light, false)
  assert.equal(options.dashboard, false)
  assert.equal(options.failOnRegression, true)
  assert.equal(options.workers, 4)
  assert.deepEqual(options.out, ['json=a.ndjson', 'csv=b.csv'])
  assert.equal(options.chaos, 'default')
  assert.equal(perfTest(['--chaos', 'engine-kill']).chaos, 'engine-kill')
  assert.equal(perfTest(['--workers', 'auto']).workers, 'auto')
  assert.equal(perfTest([]).chaos, undefined)
})

test('a port flag keeps the workflow\'s production stack with profiling on', () => {
  const { stack } = perfTest(['--gateway-port', '23001', '--engine-profiling-port', '23002'])
  assert.equal(stack.gatewayPort, 23001)
  assert.equal(stack.engineProfilingPort, 23002)
  assert.equal(stack.env, 'production')
  assert.equal(stack.profiling, true)
})

test('help shows the defaults from the schemas and the variables', () => {
  const row = (key: string): string => {
    const found = PERF_TEST_OPTIONS.rows.find((r) => r.key === key)
    assert.ok(found !== undefined, key)
    return helpText(PERF_TEST_OPTIONS, found)
  }
  assert.match(row('dashboardPort'), new RegExp(`\\(default ${DEFAULT_DASHBOARD_PORT}\\)$`))
  assert.match(row('timeScale'), /\(env TIME_SCALE; default 1\)$/)
  assert.match(row('script'), /\(default load-testing\/market-intel\.ts\)$/)
  assert.deepEqual(optionsWithoutRow(PERF_TEST_OPTIONS), [])
  assert.deepEqual(rowsWithoutOption(PERF_TEST_OPTIONS), [])
})

function pick (options: PerfTestOptions): { timeScale: number, fastForward: boolean } {
  return { timeScale: options.timeScale, fastForward: options.fastForward }
}
