/**
 * The option tables of `mib results list | analyze | collect`: each flag tied
 * to its option in a schema (which holds bounds and defaults). The commander
 * flags, the help with its defaults, the errors that name the flag and the
 * flags tables of docs/report.md are derived from them.
 *
 * Light on purpose (zod, the regression rules' schema, the results root's rule):
 * the command line builds its help from these before any command runs.
 */
import { z } from 'zod'
import { EXIT } from '../../../exit-codes.js'
import { defineOptionTable, optionsFromCli, type CliFlags } from '../../../option-table/index.js'
import { resultsDirRow } from '../../results-dir/root.js'
import { regressionRulesSchema } from '../analyze/baseline.js'
import type { AnalyzeRunOptions } from './analyze.js'
import type { CollectOptions } from './collect.js'

const resultsDir = z.string().optional()

export const RESULTS_LIST_OPTIONS = defineOptionTable({
  what: 'results list options',
  schema: z.object({ resultsDir, json: z.boolean().optional() }).strict(),
  rows: [
    { key: 'json', flag: 'json', kind: 'switch', help: 'machine-readable output' },
    resultsDirRow('resultsDir')
  ]
})

const ruleOf = regressionRulesSchema.shape

export const RESULTS_ANALYZE_OPTIONS = defineOptionTable({
  what: 'results analyze options',
  schema: z.object({
    baseline: z.string().optional(),
    failOnRegression: z.boolean().optional(),
    // One flag sets both rules: their defaults agree (a test pins it).
    regressionThreshold: ruleOf.latencyPct,
    errorRateThreshold: ruleOf.errorRatePp,
    resultsDir
  }).strict(),
  rows: [
    { key: 'baseline', flag: 'baseline', value: '<run>', help: 'compare with this run and flag regressions' },
    { key: 'failOnRegression', flag: 'fail-on-regression', kind: 'switch', help: `exit ${EXIT.REGRESSION} when a regression against the baseline is found` },
    { key: 'regressionThreshold', flag: 'regression-threshold', kind: 'number', unit: 'pct', help: 'p95/p99 worse, or throughput down, by more than this % is a regression' },
    { key: 'errorRateThreshold', flag: 'error-rate-threshold', kind: 'number', unit: 'pp', help: 'error rate up by more than this many percentage points is a regression' },
    resultsDirRow('resultsDir')
  ]
})

export const RESULTS_COLLECT_OPTIONS = defineOptionTable({
  what: 'results collect options',
  schema: z.object({ from: z.string().optional(), run: z.string().optional(), resultsDir }).strict(),
  rows: [
    { key: 'from', flag: 'from', value: '<dir>', help: 'where the loose files are', defaultText: 'the working directory' },
    { key: 'run', flag: 'run', value: '<run>', help: 'the run to collect into', defaultText: 'the latest; a new `…-collected` run when there is none' },
    resultsDirRow('resultsDir')
  ]
})

/** `mib results list`: the results root (undefined: the default one) and the output form. */
export function listOptionsFromCli (flags: CliFlags, env: NodeJS.ProcessEnv = process.env): { root: string | undefined, json: boolean } {
  const options = optionsFromCli(RESULTS_LIST_OPTIONS, flags, env)
  return { root: options.resultsDir, json: options.json === true }
}

/** `mib results analyze [run]`: what analyzeAndReport takes, and whether a regression fails the command. */
export function analyzeOptionsFromCli (run: string | undefined, flags: CliFlags, env: NodeJS.ProcessEnv = process.env): { analyze: AnalyzeRunOptions, failOnRegression: boolean } {
  const options = optionsFromCli(RESULTS_ANALYZE_OPTIONS, flags, env)
  const analyze: AnalyzeRunOptions = {
    ...(run === undefined ? {} : { run }),
    ...(options.baseline === undefined ? {} : { baseline: options.baseline }),
    ...(options.resultsDir === undefined ? {} : { root: options.resultsDir }),
    rules: { latencyPct: options.regressionThreshold, throughputPct: options.regressionThreshold, errorRatePp: options.errorRateThreshold }
  }
  return { analyze, failOnRegression: options.failOnRegression === true }
}

/** `mib results collect`: what collectResults takes. */
export function collectOptionsFromCli (flags: CliFlags, env: NodeJS.ProcessEnv = process.env): CollectOptions {
  const options = optionsFromCli(RESULTS_COLLECT_OPTIONS, flags, env)
  return {
    ...(options.from === undefined ? {} : { from: options.from }),
    ...(options.run === undefined ? {} : { run: options.run }),
    ...(options.resultsDir === undefined ? {} : { root: options.resultsDir })
  }
}
