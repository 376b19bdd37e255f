/**
 * `mib load`'s option table: every flag tied to its option in `loadFlagsSchema`
 * (types, bounds, defaults). The commander flags, the help text, the error messages
 * that name the flag and docs/load.md's flag table are derived from it
 * (src/option-table/). The script argument is declared by the CLI.
 */
import { z } from 'zod'
import { DEFAULT_DASHBOARD_PORT } from '../../dashboard-port.js'
import { defineOptionTable, optionsFromCli, type CliFlags } from '../../option-table/index.js'
import { durationMs } from './duration.js'
import { STAGE_FORMAT, stageOf } from './script/resolve-options.js'

const WHOLE = 'must be a whole number'

/** A count (`--vus`, `--iterations`): `-u 1.5` or `-u ten` is named by its flag. */
const count = (min: number): z.ZodNumber => z.number({ error: WHOLE }).int(WHOLE).min(min, min === 0 ? WHOLE : `must be a whole number ≥ ${min}`)

/** `auto`, or a whole number in bounds (`--workers`, `--semi-space-mb`); one message whatever is wrong. */
function autoOr (min: number, max: number, message: string): z.ZodType<'auto' | number> {
  return z.union([z.literal('auto'), z.number().int(message).min(min, message).max(max, message)], { error: message })
}

/** `auto` stays a word, anything else becomes a number (NaN when it is none: validation names the flag). */
const autoOrNumber = (text: string): 'auto' | number => text === 'auto' ? 'auto' : text.trim() === '' ? Number.NaN : Number(text)

/** A k6 duration, checked by the script options' own rule and passed on as written. */
const durationText = z.string().superRefine((text, ctx) => {
  for (const issue of durationMs.safeParse(text).error?.issues ?? []) ctx.addIssue({ code: 'custom', message: issue.message })
})

/** `30s:100`, checked by the rule the runner applies (resolve-options.ts) and passed on as written. */
const stageText = z.string().refine((text) => stageOf(text) !== undefined, { error: (issue) => `"${String(issue.input)}": ${STAGE_FORMAT}` })

const factor = z.number({ error: 'must be a number above 0 (e.g. 0.1)' }).positive('must be a number above 0 (e.g. 0.1)')

export const loadFlagsSchema = z.strictObject({
  vus: count(0).optional(),
  duration: durationText.optional(),
  iterations: count(1).optional(),
  stages: z.array(stageText).default([]),
  env: z.array(z.string().regex(/^[^=]+=/, 'expected KEY=VALUE')).default([]),
  out: z.array(z.string()).default([]),
  summaryExport: z.string().min(1).optional(),
  resultsDir: z.string().min(1).optional(),
  thresholds: z.boolean().default(true),
  summary: z.boolean().default(true),
  quiet: z.boolean().default(false),
  summaryTrendStats: z.array(z.string()).optional(),
  timeScale: factor.optional(),
  fastForward: factor.optional(),
  workers: autoOr(1, Number.MAX_SAFE_INTEGER, 'must be "auto" or a whole number ≥ 1').default('auto'),
  semiSpaceMb: autoOr(0, 1024, 'must be "auto" or a whole number of MB up to 1024 (0: V8\'s own sizing)').default('auto'),
  preset: z.string().min(1).optional(),
  dashboard: z.boolean().default(false),
  dashboardPort: z.number({ error: 'must be a port number' }).int('must be a port number').min(0, 'must be a port number').max(65535, 'must be a port number').default(DEFAULT_DASHBOARD_PORT)
}).refine((flags) => flags.timeScale === undefined || flags.fastForward === undefined,
  '--time-scale and --fast-forward exclude each other: --time-scale keeps the think time, --fast-forward scales it too')

export type LoadFlags = z.output<typeof loadFlagsSchema>

const REPLACES = 'replaces the script\'s scenarios'

export const LOAD_OPTIONS = defineOptionTable({
  what: 'mib load flags',
  schema: loadFlagsSchema,
  rows: [
    { key: 'vus', flag: 'vus', short: 'u', kind: 'number', help: `VUs; with -d/-i/-s it ${REPLACES}, alone only the script's vus (refused if the script has scenarios)` },
    { key: 'duration', flag: 'duration', short: 'd', value: '<duration>', help: `test duration, e.g. 30s, 5m: ${REPLACES} by constant-vus` },
    { key: 'iterations', flag: 'iterations', short: 'i', kind: 'number', help: `total iterations shared by the VUs: ${REPLACES} by shared-iterations` },
    { key: 'stages', flag: 'stage', short: 's', kind: 'repeatable', value: '<duration:target>', help: `a ramping stage, e.g. 30s:100 (repeatable): ${REPLACES} by ramping-vus` },
    { key: 'env', flag: 'env', short: 'e', kind: 'repeatable', value: '<KEY=VALUE>', help: 'a value of the script\'s env, over the process environment (repeatable)' },
    {
      key: 'out',
      flag: 'out',
      short: 'o',
      kind: 'repeatable',
      value: '<spec>',
      help: 'an output (repeatable): json=FILE (every sample, k6\'s JSON lines; gzip-compressed when FILE ends in .gz), json=FILE?aggregate=1s, aggregate=FILE (per-second aggregates with HDR histograms, what the report reads)'
    },
    { key: 'summaryExport', flag: 'summary-export', value: '<file>', help: 'write the end-of-test summary as JSON (k6\'s legacy export)' },
    { key: 'resultsDir', flag: 'results-dir', value: '<dir>', help: 'write a new run directory <dir>/<run-id>/ (manifest, aggregates.ndjson, summary.json) for mib results analyze; add --out json=FILE for every sample' },
    { key: 'thresholds', flag: 'thresholds', kind: 'negatable', help: 'evaluate and report thresholds, but never fail on them', defaultText: 'failed thresholds exit 99' },
    { key: 'summary', flag: 'summary', kind: 'negatable', help: 'do not print the end-of-test summary', defaultText: 'summary printed' },
    { key: 'quiet', flag: 'quiet', short: 'q', kind: 'switch', help: 'no progress line' },
    { key: 'summaryTrendStats', flag: 'summary-trend-stats', kind: 'list', value: '<stats>', help: 'trend columns of the summary, e.g. avg,p(95),p(99.9),max', defaultText: 'the script\'s, else k6\'s' },
    { key: 'timeScale', flag: 'time-scale', kind: 'number', value: '<factor>', help: 'multiply every duration of the schedule; think time (sleep) and arrival rates stay as written (0.1: a 10x shorter test asking the same req/s)', defaultText: 'as written' },
    { key: 'fastForward', flag: 'fast-forward', kind: 'number', value: '<factor>', help: 'multiply every duration, sleep() and arrival-rate time units (0.1: 10x faster, request rates x10); excludes --time-scale' },
    { key: 'workers', flag: 'workers', value: '<n|auto>', parse: autoOrNumber, help: 'worker threads running VUs (auto: one unless the load needs more)' },
    {
      key: 'semiSpaceMb',
      flag: 'semi-space-mb',
      value: '<n|auto>',
      parse: autoOrNumber,
      help: 'V8 young-generation semi-space cap of the runner\'s threads, MB; auto: 4 MB per 1,250 VUs of a thread, 4-16; 0: V8\'s own sizing, up to 16'
    },
    { key: 'preset', flag: 'preset', value: '<name>', help: 'one of the script\'s presets; the script sees it as env PRESET, which also picks one when the flag is absent' },
    { key: 'dashboard', flag: 'dashboard', kind: 'switch', help: 'serve the live dashboard (VUs, request rate, latency, errors, checks, operations, thresholds) on 127.0.0.1 while the test runs' },
    { key: 'dashboardPort', flag: 'dashboard-port', kind: 'number', value: '<port>', help: 'port of the live dashboard; 0 = any free port' }
  ]
})

/**
 * `mib load`'s flags as commander hands them over, validated: every problem at once,
 * each named by its flag (`--vus: must be a whole number`, `--env item 2: expected KEY=VALUE`).
 * No environment variable is read here: PRESET is the script's env (run.ts).
 */
export function loadFlagsFromCli (flags: CliFlags): LoadFlags {
  return optionsFromCli(LOAD_OPTIONS, flags, {})
}
