import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Command } from 'commander'
import { InvalidOptionsError } from '../../options.js'
import { addTableOptions, optionsFromCli, optionsWithoutRow, rowsWithoutOption, type CliFlags, type OptionTable } from '../../option-table/index.js'
import {
  COLLECT_KINDS, PROFILE_COLLECT_OPTIONS, collectOptionsFromCli, collectOptionTable, PROFILE_DIFF_OPTIONS, PROFILE_FLAME_OPTIONS, PROFILE_TOP_OPTIONS, PROFILE_URLS_OPTIONS
} from './cli-options.js'
import { DEFAULT_SECONDS, DEFAULT_TRACE_SECONDS_IN_ALL, MAX_WINDOW_SECONDS, diffOptionsSchema, readOptionsSchema } from './options.js'

function command (table: OptionTable): Command {
  return addTableOptions(new Command('profile').exitOverride().configureOutput({ writeErr: () => {} }).configureHelp({ helpWidth: 200 }), table)
}
function flagsOf (table: OptionTable, argv: string[]): CliFlags {
  return command(table).parse(argv, { from: 'user' }).opts()
}

test('collect: each flag sets its option, MIB_PROFILING_TOKEN and MIB_RUN_DIR stand in for --token and --run-dir, the kind comes from the subcommand', () => {
  const table = collectOptionTable('cpu')
  assert.deepEqual(collectOptionsFromCli('cpu', flagsOf(table, []), {}), { kind: 'cpu', traceSeconds: DEFAULT_TRACE_SECONDS_IN_ALL })
  const argv = ['--seconds', '2', '--trace-seconds', '1', '--hz', '200', '--service', 'gateway', '--out', '/tmp/p', '--token', 'flag-token', '--run-dir', '/tmp/run']
  assert.deepEqual(collectOptionsFromCli('all', flagsOf(table, argv), { MIB_PROFILING_TOKEN: 'env-token', MIB_RUN_DIR: '/tmp/env-run' }), {
    kind: 'all', seconds: 2, traceSeconds: 1, hz: 200, service: 'gateway', out: '/tmp/p', token: 'flag-token', runDir: '/tmp/run'
  })
  const fromEnv = collectOptionsFromCli('heap', flagsOf(table, []), { MIB_PROFILING_TOKEN: 'env-token', MIB_RUN_DIR: '/tmp/env-run' })
  assert.equal(fromEnv.token, 'env-token')
  assert.equal(fromEnv.runDir, '/tmp/env-run')
})

test('collect: every bad flag is reported at once, named by its flag', () => {
  const flags = flagsOf(PROFILE_COLLECT_OPTIONS, ['--seconds', String(MAX_WINDOW_SECONDS + 1), '--hz', '0', '--trace-seconds', 'soon', '--service', ''])
  assert.throws(() => collectOptionsFromCli('cpu', flags, {}), (err: unknown) => {
    assert.ok(err instanceof InvalidOptionsError)
    const text = err.problems.join('\n')
    for (const flag of ['--seconds', '--hz', '--trace-seconds', '--service']) assert.match(text, new RegExp(`^${flag}: `, 'm'))
    assert.equal(err.problems.length, 4, text)
    return true
  })
})

test('collect: each kind\'s help gives its own window default, from DEFAULT_SECONDS', () => {
  for (const kind of COLLECT_KINDS) {
    const help = command(collectOptionTable(kind)).helpInformation()
    const window = (DEFAULT_SECONDS as Partial<Record<string, number>>)[kind]
    assert.match(help, new RegExp(`--seconds <s>\\s+window of cpu, block and trace; at most ${MAX_WINDOW_SECONDS} \\(default ${window ?? `unused by ${kind}`}\\)`), kind)
    assert.match(help, /--token <token>\s+.*\(env MIB_PROFILING_TOKEN; default the run directory's\)/)
  }
})

test('top, diff, urls: flags to options with the schemas\' defaults; diff prints fewer rows per direction', () => {
  assert.deepEqual(optionsFromCli(PROFILE_TOP_OPTIONS, flagsOf(PROFILE_TOP_OPTIONS, []), {}), readOptionsSchema.parse({}))
  assert.deepEqual(optionsFromCli(PROFILE_DIFF_OPTIONS, flagsOf(PROFILE_DIFF_OPTIONS, []), {}), diffOptionsSchema.parse({}))
  assert.notEqual(diffOptionsSchema.parse({}).n, readOptionsSchema.parse({}).n)
  assert.deepEqual(optionsFromCli(PROFILE_TOP_OPTIONS, flagsOf(PROFILE_TOP_OPTIONS, ['--n', '40', '--cum', '--sample-index', 'wall']), {}), { n: 40, cum: true, sampleIndex: 'wall' })
  assert.match(command(PROFILE_DIFF_OPTIONS).helpInformation(), new RegExp(`--n <rows>\\s+rows per direction \\(default ${diffOptionsSchema.parse({}).n}\\)`))
  assert.deepEqual(optionsFromCli(PROFILE_URLS_OPTIONS, flagsOf(PROFILE_URLS_OPTIONS, ['--service', 'engine', '--json']), { MIB_RUN_DIR: '/tmp/run' }), { service: 'engine', runDir: '/tmp/run', json: true })
  assert.throws(() => optionsFromCli(PROFILE_TOP_OPTIONS, flagsOf(PROFILE_TOP_OPTIONS, ['--n', '0']), {}), /^ {2}- --n: /m)
})

test('flame: -o is required (commander says so), the title is optional', () => {
  assert.throws(() => flagsOf(PROFILE_FLAME_OPTIONS, []), /required option '-o, --output <file>' not specified/)
  assert.deepEqual(optionsFromCli(PROFILE_FLAME_OPTIONS, flagsOf(PROFILE_FLAME_OPTIONS, ['-o', 'f.html', '--title', 'T']), {}), { output: 'f.html', title: 'T' })
  assert.throws(() => optionsFromCli(PROFILE_FLAME_OPTIONS, flagsOf(PROFILE_FLAME_OPTIONS, ['-o', '']), {}), /^ {2}- --output: /m)
})

test('every table describes every option with a default, and only options', () => {
  for (const table of [PROFILE_COLLECT_OPTIONS, PROFILE_URLS_OPTIONS, PROFILE_TOP_OPTIONS, PROFILE_FLAME_OPTIONS, PROFILE_DIFF_OPTIONS]) {
    assert.deepEqual(optionsWithoutRow(table), [], table.what)
    assert.deepEqual(rowsWithoutOption(table), [], table.what)
  }
})
