/**
 * The stack commands' option tables: `mib start` (the stack options, whose port defaults
 * come from the services' own defaults, plus --detach and --run-dir) and the commands that
 * read a run directory (stop, status, restart, wait-ready, health). `mib perf-test` takes the
 * port rows too, under its `stack` option. Flags, help, errors and the README's table are
 * derived from these rows.
 */
import { z } from 'zod'
import { defineOptionTable, optionsFromCli, type CliFlags, type OptionRow, type OptionTable } from '../../option-table/index.js'
import { DEFAULT_RUN_DIR, RUN_DIR_ENV, runDirPath } from '../../run-dir.js'
import { stackOptionsSchema, type StackOptions } from './plan.js'

/** Where each service listens (the defaults are the services' own, via stackOptionsSchema). */
export const STACK_PORT_ROWS: readonly OptionRow[] = [
  { key: 'gatewayPort', flag: 'gateway-port', kind: 'number', value: '<port>', help: 'gateway HTTP port' },
  { key: 'engineGrpcPort', flag: 'engine-grpc-port', kind: 'number', value: '<port>', help: 'engine gRPC port' },
  { key: 'engineAdminPort', flag: 'engine-admin-port', kind: 'number', value: '<port>', help: 'engine admin HTTP port' },
  { key: 'providerPort', flag: 'provider-port', kind: 'number', value: '<port>', help: 'provider simulator port' },
  { key: 'gatewayProfilingPort', flag: 'gateway-profiling-port', kind: 'number', value: '<port>', help: 'production profiling listener of the gateway' },
  { key: 'engineProfilingPort', flag: 'engine-profiling-port', kind: 'number', value: '<port>', help: 'production profiling listener of the engine' },
  { key: 'providerProfilingPort', flag: 'provider-profiling-port', kind: 'number', value: '<port>', help: 'production profiling listener of the simulator' }
]

const runDirRow: OptionRow = {
  key: 'runDir',
  flag: 'run-dir',
  value: '<dir>',
  env: RUN_DIR_ENV,
  // As runDirPath reads it (resolved), so a variable and the default mean what they always did.
  readEnv: (env) => env[RUN_DIR_ENV] === undefined || env[RUN_DIR_ENV] === '' ? undefined : runDirPath(env),
  help: 'run directory (pids, URLs, logs of a detached stack)',
  defaultText: DEFAULT_RUN_DIR
}

const jsonRow: OptionRow = { key: 'json', flag: 'json', kind: 'switch', help: 'machine-readable output' }

const environments = stackOptionsSchema.shape.env.unwrap().options

const startSchema = stackOptionsSchema.extend({
  detach: z.boolean().default(false),
  runDir: z.string().min(1).optional()
})

export const START_OPTIONS = defineOptionTable({
  what: 'start options',
  schema: startSchema,
  rows: [
    { key: 'env', flag: 'env', value: '<env>', help: environments.join(' | ') },
    { key: 'detach', flag: 'detach', kind: 'switch', help: 'run in the background; pids and logs in the run directory' },
    { key: 'profiling', flag: 'profiling', kind: 'switch', help: 'production: expose profiling on token-protected loopback admin listeners' },
    { key: 'host', flag: 'host', value: '<host>', help: 'address every service binds' },
    ...STACK_PORT_ROWS,
    { key: 'readyTimeoutMs', flag: 'ready-timeout', kind: 'number', scale: 1000, value: '<seconds>', help: 'bound on each service becoming healthy, in seconds' },
    runDirRow
  ]
})

/** The options of the commands that only read the run directory. */
const readerSchema = z.strictObject({
  runDir: z.string().min(1).optional(),
  json: z.boolean().default(false),
  /** wait-ready's bound: as long as start waits for each service by default. */
  timeoutMs: stackOptionsSchema.shape.readyTimeoutMs
})

export const STOP_OPTIONS = defineOptionTable({ what: 'stop options', schema: readerSchema.pick({ runDir: true }), rows: [runDirRow] })
export const STATUS_OPTIONS = defineOptionTable({ what: 'status options', schema: readerSchema.pick({ runDir: true, json: true }), rows: [runDirRow, jsonRow] })
export const RESTART_OPTIONS = defineOptionTable({ what: 'restart options', schema: readerSchema.pick({ runDir: true }), rows: [runDirRow] })
export const HEALTH_OPTIONS = defineOptionTable({ what: 'health options', schema: readerSchema.pick({ runDir: true, json: true }), rows: [runDirRow, jsonRow] })
export const WAIT_READY_OPTIONS = defineOptionTable({
  what: 'wait-ready options',
  schema: readerSchema.pick({ runDir: true, timeoutMs: true }),
  rows: [{ key: 'timeoutMs', flag: 'timeout', kind: 'number', scale: 1000, value: '<seconds>', help: 'how long to wait, in seconds' }, runDirRow]
})

/** Validated options of a table's command: flags over variables over the schema's defaults; problems name the flag. */
export function commandOptions<S extends z.ZodType> (table: OptionTable<S>, flags: CliFlags, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  return optionsFromCli(table, flags, env)
}

export interface StartCommand {
  options: StackOptions
  detach: boolean
  runDir?: string
}

/** `mib start`'s flags as the stack options and the settings of the start (background, run directory). */
export function startOptionsFromCli (flags: CliFlags, env: NodeJS.ProcessEnv = process.env): StartCommand {
  const { detach, runDir, ...options } = commandOptions(START_OPTIONS, flags, env)
  return { options, detach, ...(runDir === undefined ? {} : { runDir }) }
}
