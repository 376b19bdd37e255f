/**
 * `mib perf-test`'s option table: each flag and variable tied to its option in
 * perfTestOptionsSchema (which holds the bounds and defaults), the port flags shared
 * with `mib start`. Flags, env reading, errors naming the flag, help and the README's
 * table are derived from it. Flags beat variables, variables beat the defaults.
 */
import type { z } from 'zod'
import {
  camelCase, defineOptionTable, envNames, flagName, parseOptionInput, readOptionInput, rowsUnder, type CliFlags, type OptionRow
} from '../../option-table/index.js'
import { resultsDirRow } from '../../lab/results-dir/root.js'
import { InvalidOptionsError } from '../../options.js'
import { CHAOS_PRESET_NAMES } from '../chaos/plan.js'
import { STACK_PORT_ROWS } from '../stack/cli-options.js'
import { perfTestOptionsSchema, type PerfTestOptions } from './options.js'

/**
 * The command's options: the workflow's, but fast-forward is given as its own factor
 * (`--fast-forward 0.1`), bounded as the time scale is, instead of a time scale plus a switch.
 */
const perfTestCommandSchema = perfTestOptionsSchema.extend({
  fastForward: perfTestOptionsSchema.shape.timeScale.unwrap().optional()
})

/** `auto`, else a number (bad text stays NaN so validation names --workers). */
const workersOf = (text: string): unknown => text === 'auto' ? text : text.trim() === '' ? Number.NaN : Number(text)

const timeScaleRow: OptionRow = {
  key: 'timeScale',
  flag: 'time-scale',
  kind: 'number',
  value: '<factor>',
  env: 'TIME_SCALE',
  help: 'multiply every duration of the schedule (stages, start times, graceful periods); think time stays, so the VUs ask the full test\'s request rate (0.1: the 13-min standard shape in 78 s)'
}

const fastForwardRow: OptionRow = {
  key: 'fastForward',
  flag: 'fast-forward',
  kind: 'number',
  value: '<factor>',
  env: 'FAST_FORWARD',
  help: 'multiply every duration and the think time: request rates × 1/factor (excludes --time-scale)'
}

export const PERF_TEST_OPTIONS = defineOptionTable({
  what: 'perf-test options',
  schema: perfTestCommandSchema,
  rows: [
    { key: 'preset', flag: 'preset', value: '<name>', help: 'main test shape: smoke | light | standard | heavy' },
    timeScaleRow,
    fastForwardRow,
    { key: 'script', flag: 'script', value: '<path>', help: 'the workload script' },
    { key: 'baseline', flag: 'baseline', value: '<run>', help: 'compare with this run (id, prefix, directory or "latest")' },
    { key: 'failOnRegression', flag: 'fail-on-regression', kind: 'switch', help: 'exit 4 when the comparison finds a regression' },
    { key: 'light', flag: 'light', kind: 'negatable', help: 'skip the light test before the main one' },
    { key: 'lightPreset', flag: 'light-preset', value: '<name>', help: 'preset of the light test' },
    { key: 'dashboard', flag: 'dashboard', kind: 'negatable', help: 'do not serve the live dashboard' },
    { key: 'dashboardPort', flag: 'dashboard-port', kind: 'number', value: '<port>', help: 'live dashboard port; 0 = any free port' },
    resultsDirRow('resultsRoot', 'where runs are written'),
    { key: 'workers', flag: 'workers', value: '<n|auto>', parse: workersOf, help: 'runner worker threads' },
    { key: 'monitorIntervalS', flag: 'monitor-interval', kind: 'number', value: '<seconds>', help: 'seconds between monitor samples', defaultText: 'scales with the time scale' },
    { key: 'profileMaxSeconds', flag: 'profile-seconds', kind: 'number', value: '<n>', help: 'longest CPU profile at the peak, in seconds' },
    {
      key: 'out',
      flag: 'out',
      short: 'o',
      kind: 'repeatable',
      value: '<spec>',
      help: 'another output of the main test, repeatable: json=results.ndjson.gz keeps every sample as k6 JSON lines (relative files land in the run directory); the run directory always has the per-second aggregates.ndjson the report reads'
    },
    {
      key: 'chaos',
      flag: 'chaos',
      value: '[plan]',
      bare: 'default',
      help: `inject faults at the peak, after the profiles: a preset (${CHAOS_PRESET_NAMES.join(', ')}) or a JSON plan file (docs/chaos.md)`,
      defaultText: 'off'
    },
    ...rowsUnder('stack', STACK_PORT_ROWS),
    // Options of runPerfTest() only (no flag, no variable).
    { key: 'stack.env', help: 'environment of the services' },
    { key: 'stack.profiling', help: 'profiling on the services\' token-protected loopback admin listeners' },
    { key: 'stack.host', help: 'address every service binds' },
    { key: 'stack.readyTimeoutMs', help: 'bound on each service becoming healthy, ms' }
  ]
})

/** Without the scale variables: a scale flag speaks for both (`--fast-forward 0.1` under an exported TIME_SCALE is fast-forward). */
function withoutScaleVariables (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const scaleVariables = [...envNames(timeScaleRow), ...envNames(fastForwardRow)]
  return Object.fromEntries(Object.entries(env).filter(([name]) => !scaleVariables.includes(name)))
}

/**
 * The workflow's options from the flags and the environment; problems name the flag and
 * variable to fix. The time scale and fast-forward exclude each other (flags: either flag
 * overrides both variables; else the variables).
 */
export function perfTestOptionsFromCli (flags: CliFlags, env: NodeJS.ProcessEnv = process.env): PerfTestOptions {
  const given = (row: OptionRow): boolean => row.flag !== undefined && flags[camelCase(row.flag)] !== undefined
  const scaleFlagGiven = given(timeScaleRow) || given(fastForwardRow)
  const input = readOptionInput(PERF_TEST_OPTIONS, flags, scaleFlagGiven ? withoutScaleVariables(env) : env)
  if (input.timeScale !== undefined && input.fastForward !== undefined) {
    const names = scaleFlagGiven ? [flagName(timeScaleRow), flagName(fastForwardRow)] : [...envNames(timeScaleRow), ...envNames(fastForwardRow)]
    throw new InvalidOptionsError(PERF_TEST_OPTIONS.what, [`${names.join(' and ')} exclude each other: the time scale keeps the think time, fast-forward scales it too`])
  }
  const { fastForward, ...options }: z.output<typeof perfTestCommandSchema> = parseOptionInput(PERF_TEST_OPTIONS, input)
  return fastForward === undefined ? { ...options, fastForward: false } : { ...options, timeScale: fastForward, fastForward: true }
}
