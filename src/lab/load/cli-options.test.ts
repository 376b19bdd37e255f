import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Command } from 'commander'
import { DEFAULT_DASHBOARD_PORT } from '../../dashboard-port.js'
import { InvalidOptionsError } from '../../options.js'
import { addTableOptions, optionsWithoutRow, rowsWithoutOption } from '../../option-table/index.js'
import { LOAD_OPTIONS, loadFlagsFromCli, type LoadFlags } from './cli-options.js'

/** `mib load`'s command as the CLI declares it: the script argument, then the table's flags. */
function loadCommand (): Command {
  const command = new Command('load').exitOverride().configureHelp({ helpWidth: 250 }).argument('<script>')
  return addTableOptions(command, LOAD_OPTIONS)
}

function parse (argv: string[]): LoadFlags {
  const command = loadCommand().action(() => {})
  command.parse(['script.ts', ...argv], { from: 'user' })
  return loadFlagsFromCli(command.opts())
}

function problemsOf (argv: string[]): string[] {
  try {
    parse(argv)
  } catch (err) {
    assert.ok(err instanceof InvalidOptionsError, String(err))
    return err.problems
  }
  assert.fail(`${argv.join(' ')} was accepted`)
}

test('no flags: the schema\'s defaults, the dashboard\'s port from the dashboard\'s constant', () => {
  assert.deepEqual(parse([]), {
    stages: [], env: [], out: [], thresholds: true, summary: true, quiet: false, workers: 'auto', semiSpaceMb: 'auto', dashboard: false, dashboardPort: DEFAULT_DASHBOARD_PORT
  })
})

test('the one-letter aliases set the same options as the long flags', () => {
  const short = parse(['-u', '10', '-d', '30s', '-i', '5', '-s', '10s:5', '-e', 'A=1', '-o', 'json=a.ndjson', '-q'])
  const long = parse(['--vus', '10', '--duration', '30s', '--iterations', '5', '--stage', '10s:5', '--env', 'A=1', '--out', 'json=a.ndjson', '--quiet'])
  assert.deepEqual(short, long)
  assert.equal(short.vus, 10)
  assert.equal(short.duration, '30s')
  assert.equal(short.iterations, 5)
  assert.equal(short.quiet, true)
})

test('--stage, --env and --out collect each use in order; a comma inside one value stays in it', () => {
  const flags = parse(['-s', '10s:5', '-s', '20s:0', '-e', 'LIST=a,b', '-e', 'EQ=x=y', '-o', 'json=a.ndjson', '-o', 'aggregate=b.ndjson.gz'])
  assert.deepEqual(flags.stages, ['10s:5', '20s:0'])
  assert.deepEqual(flags.env, ['LIST=a,b', 'EQ=x=y'])
  assert.deepEqual(flags.out, ['json=a.ndjson', 'aggregate=b.ndjson.gz'])
})

test('--no-thresholds and --no-summary turn their option off; --dashboard on; --summary-trend-stats is a list', () => {
  const flags = parse(['--no-thresholds', '--no-summary', '--dashboard', '--dashboard-port', '0', '--summary-trend-stats', 'avg, p(95),p(99.9)'])
  assert.equal(flags.thresholds, false)
  assert.equal(flags.summary, false)
  assert.equal(flags.dashboard, true)
  assert.equal(flags.dashboardPort, 0)
  assert.deepEqual(flags.summaryTrendStats, ['avg', 'p(95)', 'p(99.9)'])
})

test('--workers and --semi-space-mb take auto or a whole number', () => {
  assert.deepEqual([parse(['--workers', '4']).workers, parse(['--workers', 'auto']).workers], [4, 'auto'])
  assert.deepEqual([parse(['--semi-space-mb', '0']).semiSpaceMb, parse(['--semi-space-mb', '1024']).semiSpaceMb], [0, 1024])
  assert.equal(parse(['--time-scale', '0.1']).timeScale, 0.1)
  assert.equal(parse(['--fast-forward', '0.5']).fastForward, 0.5)
})

test('every bad flag is reported at once, each named by its flag', () => {
  const problems = problemsOf(['-u', 'ten', '-i', '0', '-e', 'A=1', '-e', 'NOVALUE', '--time-scale', 'fast', '--workers', '0',
    '--semi-space-mb', '2048', '--dashboard-port', '70000', '--fast-forward', '-1'])
  assert.deepEqual(problems, [
    '--vus: must be a whole number',
    '--iterations: must be a whole number ≥ 1',
    '--env item 2: expected KEY=VALUE',
    '--time-scale: must be a number above 0 (e.g. 0.1)',
    '--fast-forward: must be a number above 0 (e.g. 0.1)',
    '--workers: must be "auto" or a whole number ≥ 1',
    '--semi-space-mb: must be "auto" or a whole number of MB up to 1024 (0: V8\'s own sizing)',
    '--dashboard-port: must be a port number'
  ])
  assert.deepEqual(problemsOf(['--workers', '2.5']), ['--workers: must be "auto" or a whole number ≥ 1'])
  assert.deepEqual(problemsOf(['--vus', '']), ['--vus: must be a whole number'], 'an empty value is not 0')
})

test('a bad --duration or --stage is named by its flag, with the other flags\' problems (the runner\'s own rules, checked at the edge)', () => {
  assert.deepEqual(problemsOf(['-u', 'x', '-d', '5q', '-s', '10s:5', '-s', '10s']), [
    '--vus: must be a whole number',
    '--duration: "5q" is not a duration (use e.g. "30s", "1m30s", "500ms")',
    '--stage item 2: "10s": expected DURATION:TARGET, e.g. 30s:100'
  ])
  assert.deepEqual(parse(['-d', '1m30s', '-s', '30s:100', '-s', '1m:0']).stages, ['30s:100', '1m:0'], 'passed on as written')
})

test('--time-scale and --fast-forward exclude each other', () => {
  const [problem, ...rest] = problemsOf(['--time-scale', '0.5', '--fast-forward', '0.5'])
  assert.deepEqual(rest, [])
  assert.match(problem ?? '', /--time-scale and --fast-forward exclude each other/)
})

test('--help carries each flag with its alias and the defaults from the schema', () => {
  const help = loadCommand().helpInformation()
  assert.match(help, /-u, --vus <n>\s/)
  assert.match(help, /-s, --stage <duration:target>\s.*\(repeatable\)/)
  assert.match(help, new RegExp(`--dashboard-port <port>\\s.*\\(default ${DEFAULT_DASHBOARD_PORT}\\)`))
  assert.match(help, /--workers <n\|auto>\s.*\(default auto\)/)
  assert.match(help, /--no-thresholds\s/)
  assert.doesNotMatch(help, /\(default \)/, 'a repeatable flag has no default to show')
})

test('the table describes every option of the schema, and only options', () => {
  assert.deepEqual(optionsWithoutRow(LOAD_OPTIONS), [])
  assert.deepEqual(rowsWithoutOption(LOAD_OPTIONS), [])
})
