/**
 * The option tables of `mib profile …`: one per subcommand, each flag tied to its
 * option in the schemas of options.ts (which hold the bounds and defaults). The
 * commander flags, the help, the errors that name the flag and docs/profiling.md's
 * flag tables are derived from them. Light on purpose: the CLI loads it at start.
 */
import { defineOptionTable, parseOptionInput, readOptionInput, type CliFlags, type OptionRow, type OptionTable } from '../../option-table/index.js'
import { DEFAULT_RUN_DIR, RUN_DIR_ENV } from '../../run-dir.js'
import { DEFAULT_RESULTS_DIR, RESULTS_DIR_ENV } from '../results-dir/root.js'
import { PROFILE_KINDS } from './kinds.js'
import {
  collectOptionsSchema, DEFAULT_SECONDS, diffOptionsSchema, flameOptionsSchema, MAX_WINDOW_SECONDS, readOptionsSchema, urlsOptionsSchema,
  type CollectOptions
} from './options.js'
import { PROFILING_TOKEN_ENV } from './targets.js'

export type CollectKind = CollectOptions['kind']
export const COLLECT_KINDS: readonly CollectKind[] = [...PROFILE_KINDS, 'all']

const runDirRow: OptionRow = { key: 'runDir', flag: 'run-dir', value: '<dir>', env: RUN_DIR_ENV, help: 'the run directory of mib start --detach to read', defaultText: DEFAULT_RUN_DIR }
const sampleIndexRow: OptionRow = { key: 'sampleIndex', flag: 'sample-index', value: '<type>', help: 'sample type name or index (cpu: sample|wall; heap: inuse_objects|inuse_space); pprof\'s default type when absent' }

/** The window's default of each kind that has one: `cpu 30, trace 5, block 5, all 30`. */
const DEFAULT_WINDOWS = Object.entries(DEFAULT_SECONDS).map(([kind, seconds]) => `${kind} ${seconds}`).join(', ')

/** The collection flags, shared by every kind; the kind itself is the subcommand. */
export const PROFILE_COLLECT_OPTIONS = defineOptionTable({
  what: 'profile options',
  schema: collectOptionsSchema,
  rows: [
    { key: 'seconds', flag: 'seconds', kind: 'number', unit: 's', help: `window of cpu, block and trace; at most ${MAX_WINDOW_SECONDS}`, defaultText: DEFAULT_WINDOWS },
    { key: 'service', flag: 'service', value: '<name|url>', help: 'gateway, engine, provider-sim, or a base URL (http://127.0.0.1:8080, or the /debug/pprof/ URL itself)', defaultText: 'every service in the run directory' },
    { key: 'out', flag: 'out', value: '<dir>', help: 'where the files go', defaultText: `profiles/ under $${RESULTS_DIR_ENV}, else under ${DEFAULT_RESULTS_DIR}/` },
    { key: 'token', flag: 'token', value: '<token>', env: PROFILING_TOKEN_ENV, help: 'bearer token of the admin listeners', defaultText: 'the run directory\'s' },
    { key: 'hz', flag: 'hz', kind: 'number', help: 'CPU sampling rate, Hz', defaultText: 'the service\'s own' },
    { key: 'traceSeconds', flag: 'trace-seconds', kind: 'number', unit: 's', help: 'window of the trace inside all (never longer than --seconds)' },
    runDirRow
  ]
})

/** `mib profile <kind>`'s table: the collection flags, with the kind's own window default (a kind without a window ignores --seconds). */
export function collectOptionTable (kind: CollectKind): OptionTable<typeof collectOptionsSchema> {
  const window = (DEFAULT_SECONDS as Partial<Record<CollectKind, number>>)[kind]
  const seconds = window === undefined ? `unused by ${kind}` : String(window)
  return { ...PROFILE_COLLECT_OPTIONS, rows: PROFILE_COLLECT_OPTIONS.rows.map((row) => row.key === 'seconds' ? { ...row, defaultText: seconds } : row) }
}

export const PROFILE_URLS_OPTIONS = defineOptionTable({
  what: 'profile urls options',
  schema: urlsOptionsSchema,
  rows: [
    { key: 'service', flag: 'service', value: '<name>', help: 'only this service', defaultText: 'every service in the run directory' },
    runDirRow,
    { key: 'json', flag: 'json', kind: 'switch', help: 'machine-readable output' }
  ]
})

export const PROFILE_TOP_OPTIONS = defineOptionTable({
  what: 'profile top options',
  schema: readOptionsSchema,
  rows: [
    { key: 'n', flag: 'n', kind: 'number', value: '<rows>', help: 'rows to print' },
    { key: 'cum', flag: 'cum', kind: 'switch', help: 'sort by cumulative share' },
    sampleIndexRow
  ]
})

export const PROFILE_FLAME_OPTIONS = defineOptionTable({
  what: 'profile flame options',
  schema: flameOptionsSchema,
  rows: [
    { key: 'output', flag: 'output', short: 'o', value: '<file>', required: true, help: 'HTML file to write' },
    sampleIndexRow,
    { key: 'title', flag: 'title', value: '<title>', help: 'page title', defaultText: 'the profile file name' }
  ]
})

export const PROFILE_DIFF_OPTIONS = defineOptionTable({
  what: 'profile diff options',
  schema: diffOptionsSchema,
  rows: [
    { key: 'n', flag: 'n', kind: 'number', value: '<rows>', help: 'rows per direction' },
    { key: 'cum', flag: 'cum', kind: 'switch', help: 'compare cumulative shares instead of flat' },
    sampleIndexRow
  ]
})

/** `mib profile <kind>`'s validated options. */
export function collectOptionsFromCli (kind: CollectKind, flags: CliFlags, env: NodeJS.ProcessEnv = process.env): CollectOptions {
  const table = collectOptionTable(kind)
  return parseOptionInput(table, { ...readOptionInput(table, flags, env), kind })
}
