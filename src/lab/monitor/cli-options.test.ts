import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Command } from 'commander'
import { DEFAULT_DASHBOARD_PORT } from '../../dashboard-port.js'
import { InvalidOptionsError } from '../../options.js'
import { addTableOptions, type CliFlags } from '../../option-table/index.js'
import { MONITOR_OPTIONS, monitorOptionsFromCli, monitorOptionsOf } from './cli-options.js'
import { monitorOptionsSchema } from './options.js'

/** What `mib monitor <argv>` hands to the command: commander with the table's flags. */
function command (): Command {
  return addTableOptions(new Command('monitor').exitOverride().configureHelp({ helpWidth: 200 }), MONITOR_OPTIONS)
}
function flagsOf (argv: string[]): CliFlags {
  return command().parse(argv, { from: 'user' }).opts()
}

test('no flags: the monitor schema\'s defaults, the dashboard off on its default port', () => {
  const options = monitorOptionsFromCli(flagsOf([]), {})
  assert.deepEqual(monitorOptionsOf(options), monitorOptionsSchema.parse({}))
  assert.equal(options.dashboard, false)
  assert.equal(options.dashboardPort, DEFAULT_DASHBOARD_PORT)
  assert.equal(options.quiet, false)
})

test('each flag sets its option; --pid, --metrics and --health collect name=value pairs; MIB_RUN_DIR sets the run directory', () => {
  const options = monitorOptionsFromCli(flagsOf([
    '--duration', '60', '--interval', '0.5', '--out', '/tmp/m',
    '--pid', 'gateway=42', '--pid', 'engine=43',
    '--metrics', 'gateway=http://127.0.0.1:1/metrics', '--health', 'engine=http://127.0.0.1:2/health',
    '--prometheus', 'http://127.0.0.1:9/', '--prometheus-window', '30',
    '--dashboard', '--dashboard-port', '0', '--quiet'
  ]), { MIB_RUN_DIR: '/tmp/run' })
  assert.deepEqual(options, {
    ...monitorOptionsSchema.parse({}),
    durationS: 60,
    intervalS: 0.5,
    outDir: '/tmp/m',
    pids: [{ name: 'gateway', pid: 42 }, { name: 'engine', pid: 43 }],
    metricsUrls: [{ name: 'gateway', url: 'http://127.0.0.1:1/metrics' }],
    healthUrls: [{ name: 'engine', url: 'http://127.0.0.1:2/health' }],
    prometheusUrl: 'http://127.0.0.1:9/',
    prometheusWindowS: 30,
    runDir: '/tmp/run',
    dashboard: true,
    dashboardPort: 0,
    quiet: true
  })
})

test('every bad flag is reported at once, named by its flag (a pair\'s item and field too)', () => {
  const flags = flagsOf(['--interval', '0.01', '--duration', '100000', '--pid', 'gateway', '--metrics', 'x=ftp://h/', '--dashboard-port', '70000', '--prometheus-window', 'soon'])
  assert.throws(() => monitorOptionsFromCli(flags, {}), (err: unknown) => {
    assert.ok(err instanceof InvalidOptionsError)
    const text = err.problems.join('\n')
    for (const label of ['--interval', '--duration', '--pid item 1 \\(pid\\)', '--metrics item 1 \\(url\\)', '--dashboard-port', '--prometheus-window']) {
      assert.match(text, new RegExp(`^${label}: `, 'm'))
    }
    assert.equal(err.problems.length, 6, text)
    return true
  })
  assert.throws(() => monitorOptionsFromCli(flagsOf(['--interval', '10', '--duration', '5']), {}), /^ {2}- --interval: must not exceed durationS \(5\)/m)
})

test('--help shows each default from the schema (no default written twice)', () => {
  const help = command().helpInformation()
  const defaults = monitorOptionsSchema.parse({})
  assert.match(help, new RegExp(`--duration <s>\\s+how long to sample; at most 86400 s = 24 h \\(default ${defaults.durationS}\\)`))
  assert.match(help, new RegExp(`--interval <s>\\s+.*\\(default ${defaults.intervalS}\\)`))
  assert.match(help, new RegExp(`--prometheus-window <s>\\s+.*\\(default ${defaults.prometheusWindowS}\\)`))
  assert.match(help, new RegExp(`--dashboard-port <port>\\s+.*\\(default ${DEFAULT_DASHBOARD_PORT}\\)`))
  assert.match(help, /--pid <name=pid>\s+watch this process as service name; repeatable; overrides the run directory's pid\n/)
  assert.match(help, /--dashboard\s+serve the live dashboard [^]*?\(default\s+off\)/)
})
