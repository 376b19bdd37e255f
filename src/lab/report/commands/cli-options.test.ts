import { test } from 'node:test'
import assert from 'node:assert/strict'
import { resolve } from 'node:path'
import { helpText, type OptionTable } from '../../../option-table/index.js'
import { InvalidOptionsError } from '../../../options.js'
import { DEFAULT_RULES } from '../analyze/baseline.js'
import {
  RESULTS_ANALYZE_OPTIONS, RESULTS_COLLECT_OPTIONS, RESULTS_LIST_OPTIONS, analyzeOptionsFromCli, collectOptionsFromCli, listOptionsFromCli
} from './cli-options.js'

const NO_ENV = {}

function rowOf (table: OptionTable, flag: string): OptionTable['rows'][number] {
  const row = table.rows.find((r) => r.flag === flag)
  assert.ok(row !== undefined, flag)
  return row
}

test('analyze without flags compares by the regression rules\' own defaults, and one threshold flag sets latency and throughput', () => {
  // --regression-threshold sets both rules, so their defaults must agree or the flag's default would change one.
  assert.equal(DEFAULT_RULES.latencyPct, DEFAULT_RULES.throughputPct)
  assert.deepEqual(analyzeOptionsFromCli(undefined, {}, NO_ENV), { analyze: { rules: DEFAULT_RULES }, failOnRegression: false })
  const loose = analyzeOptionsFromCli('20261128', { baseline: 'base', regressionThreshold: '60', errorRateThreshold: '2', failOnRegression: true, resultsDir: 'r' }, NO_ENV)
  assert.deepEqual(loose, {
    analyze: { run: '20261128', baseline: 'base', root: 'r', rules: { latencyPct: 60, throughputPct: 60, errorRatePp: 2 } },
    failOnRegression: true
  })
})

test('the help of each threshold shows the default the schema holds', () => {
  assert.match(helpText(RESULTS_ANALYZE_OPTIONS, rowOf(RESULTS_ANALYZE_OPTIONS, 'regression-threshold')), new RegExp(`\\(default ${DEFAULT_RULES.latencyPct}\\)$`))
  assert.match(helpText(RESULTS_ANALYZE_OPTIONS, rowOf(RESULTS_ANALYZE_OPTIONS, 'error-rate-threshold')), new RegExp(`\\(default ${DEFAULT_RULES.errorRatePp}\\)$`))
})

test('a bad threshold is refused naming its flag, every problem at once', () => {
  assert.throws(() => analyzeOptionsFromCli(undefined, { regressionThreshold: 'ten', errorRateThreshold: '-1' }, NO_ENV), (err: unknown) => {
    assert.ok(err instanceof InvalidOptionsError)
    assert.equal(err.problems.length, 2)
    assert.match(err.problems[0] ?? '', /^--regression-threshold: /)
    assert.match(err.problems[1] ?? '', /^--error-rate-threshold: /)
    return true
  })
})

test('--results-dir wins over $MIB_RESULTS_DIR, which is taken from the working directory; neither: the default root', () => {
  const env = { MIB_RESULTS_DIR: 'elsewhere' }
  for (const table of [RESULTS_LIST_OPTIONS, RESULTS_ANALYZE_OPTIONS, RESULTS_COLLECT_OPTIONS]) assert.ok(rowOf(table, 'results-dir').env === 'MIB_RESULTS_DIR')
  assert.equal(listOptionsFromCli({}, env).root, resolve('elsewhere'))
  assert.equal(listOptionsFromCli({ resultsDir: 'mine' }, env).root, 'mine')
  assert.equal(listOptionsFromCli({}, { MIB_RESULTS_DIR: '' }).root, undefined)
  assert.equal(analyzeOptionsFromCli(undefined, {}, env).analyze.root, resolve('elsewhere'))
  assert.deepEqual(collectOptionsFromCli({ from: 'loose', run: 'latest' }, env), { from: 'loose', run: 'latest', root: resolve('elsewhere') })
  assert.deepEqual(collectOptionsFromCli({}, NO_ENV), {})
})

test('list --json is a switch: absent, the table', () => {
  assert.deepEqual(listOptionsFromCli({ json: true }, NO_ENV), { root: undefined, json: true })
  assert.deepEqual(listOptionsFromCli({}, NO_ENV), { root: undefined, json: false })
})
