/**
 * Where the runs live: the results root's rule, once. Light on purpose (no
 * file system, no zod): the command line's option tables read it to build
 * their help before any command runs.
 */
import { resolve } from 'node:path'
import type { OptionRow } from '../../option-table/index.js'

/** The variable that moves the results root (`make perf-test` and the Makefile's targets set it). */
export const RESULTS_DIR_ENV = 'MIB_RESULTS_DIR'

/** The results root unless told otherwise, under the working directory. */
export const DEFAULT_RESULTS_DIR = 'results'

/** $MIB_RESULTS_DIR as an absolute path, or undefined when it is unset or empty. */
export function resultsRootFromEnv (env: NodeJS.ProcessEnv): string | undefined {
  const dir = env[RESULTS_DIR_ENV]
  return dir === undefined || dir === '' ? undefined : resolve(dir)
}

/** `results/` under the working directory, or $MIB_RESULTS_DIR. */
export function resultsRoot (env: NodeJS.ProcessEnv = process.env): string {
  return resultsRootFromEnv(env) ?? resolve(DEFAULT_RESULTS_DIR)
}

/**
 * The `--results-dir <dir>` row of a command's option table: the flag, else
 * $MIB_RESULTS_DIR (resolved as resultsRoot resolves it), else the command's
 * default root. `key` is the option it sets.
 */
export function resultsDirRow (key: string, help = 'results root'): OptionRow {
  return {
    key,
    flag: 'results-dir',
    value: '<dir>',
    env: RESULTS_DIR_ENV,
    readEnv: resultsRootFromEnv,
    help,
    defaultText: `${DEFAULT_RESULTS_DIR}/ in the working directory`
  }
}
