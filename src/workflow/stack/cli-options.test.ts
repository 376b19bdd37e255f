import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Command } from 'commander'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { addTableOptions, helpText, optionsWithoutRow, rowsWithoutOption, type OptionTable } from '../../option-table/index.js'
import { InvalidOptionsError } from '../../options.js'
import { engineOptionsSchema } from '../../services/engine/config.js'
import { gatewayOptionsSchema } from '../../services/gateway/config.js'
import { providerSimOptionsSchema } from '../../services/provider-sim/options.js'
import { defaultProfiling } from '../../services/common/profiling/options.js'
import { DEFAULT_DASHBOARD_PORT } from '../../dashboard-port.js'
import {
  commandOptions, HEALTH_OPTIONS, RESTART_OPTIONS, START_OPTIONS, startOptionsFromCli, STATUS_OPTIONS, STOP_OPTIONS, WAIT_READY_OPTIONS
} from './cli-options.js'

/** What commander makes of an argv with a table's flags. */
function flagsOf (table: OptionTable, argv: string[]): Record<string, string | boolean | undefined> {
  const command = addTableOptions(new Command('demo').exitOverride(), table)
  command.parse(argv, { from: 'user' })
  return command.opts()
}

const help = (key: string): string => {
  const row = START_OPTIONS.rows.find((r) => r.key === key)
  assert.ok(row !== undefined, key)
  return helpText(START_OPTIONS, row)
}

test('mib start\'s port defaults are the services\' own: a second copy disagreeing fails here', () => {
  const engine = engineOptionsSchema.parse({})
  const gateway = gatewayOptionsSchema.parse({})
  const provider = providerSimOptionsSchema.parse({})
  assert.match(help('gatewayPort'), new RegExp(`\\(default ${gateway.port}\\)$`))
  assert.match(help('engineGrpcPort'), new RegExp(`\\(default ${engine.grpcPort}\\)$`))
  assert.match(help('engineAdminPort'), new RegExp(`\\(default ${engine.adminPort}\\)$`))
  assert.match(help('providerPort'), new RegExp(`\\(default ${provider.port}\\)$`))
  assert.equal(`${engine.providerUrl}`.replace(/\/$/, ''), `http://127.0.0.1:${provider.port}`, 'the engine\'s default provider is the simulator\'s default port')
  for (const [key, service] of [['gatewayProfilingPort', 'gateway'], ['engineProfilingPort', 'engine'], ['providerProfilingPort', 'provider-sim']] as const) {
    assert.match(help(key), new RegExp(`\\(default ${defaultProfiling('production', service, true, {}).adminPort}\\)$`))
  }
  const { options } = startOptionsFromCli({}, {})
  assert.equal(options.gatewayPort, gateway.port)
  assert.equal(options.engineGrpcPort, engine.grpcPort)
})

test('mib start: flags become the stack options and the start settings; --ready-timeout counts seconds', () => {
  const started = startOptionsFromCli(flagsOf(START_OPTIONS, ['--env', 'production', '--detach', '--profiling', '--gateway-port', '23001', '--ready-timeout', '2.5']), {})
  assert.equal(started.detach, true)
  assert.equal(started.runDir, undefined)
  assert.equal(started.options.env, 'production')
  assert.equal(started.options.profiling, true)
  assert.equal(started.options.gatewayPort, 23001)
  assert.equal(started.options.readyTimeoutMs, 2500)
  assert.equal(startOptionsFromCli({}, {}).options.readyTimeoutMs, 60_000)
  assert.match(help('readyTimeoutMs'), /\(default 60\)$/, 'the default in the flag\'s unit')
  assert.match(help('env'), /^development \| production\b/, 'the choices come from the schema')
})

test('--run-dir beats MIB_RUN_DIR, which beats the default (.mib/run, left to the run directory module)', () => {
  assert.equal(commandOptions(STOP_OPTIONS, flagsOf(STOP_OPTIONS, ['--run-dir', 'here']), { MIB_RUN_DIR: 'there' }).runDir, 'here')
  assert.equal(commandOptions(STOP_OPTIONS, {}, { MIB_RUN_DIR: 'there' }).runDir, resolve('there'), 'resolved as runDirPath resolves it')
  assert.equal(commandOptions(STOP_OPTIONS, {}, { MIB_RUN_DIR: '' }).runDir, undefined, 'an empty variable is unset')
  assert.equal(commandOptions(STOP_OPTIONS, {}, {}).runDir, undefined)
  assert.deepEqual(commandOptions(STATUS_OPTIONS, flagsOf(STATUS_OPTIONS, ['--json']), {}), { json: true })
  assert.equal(commandOptions(WAIT_READY_OPTIONS, flagsOf(WAIT_READY_OPTIONS, ['--timeout', '30']), {}).timeoutMs, 30_000)
  assert.equal(commandOptions(WAIT_READY_OPTIONS, {}, {}).timeoutMs, 60_000)
})

test('a bad value is refused naming its flag, every problem at once', () => {
  assert.throws(() => startOptionsFromCli(flagsOf(START_OPTIONS, ['--gateway-port', '70000', '--engine-grpc-port', 'x', '--ready-timeout', 'soon', '--env', 'staging']), {}), (err: unknown) => {
    assert.ok(err instanceof InvalidOptionsError)
    const text = err.problems.join('\n')
    for (const flag of ['--gateway-port', '--engine-grpc-port', '--ready-timeout', '--env']) assert.match(text, new RegExp(`^${flag}: `, 'm'), text)
    return true
  })
  assert.throws(() => commandOptions(WAIT_READY_OPTIONS, { timeout: '-1' }, {}), /--timeout: /)
})

test('every stack command\'s table describes each of its options, and only options', () => {
  for (const table of [START_OPTIONS, STOP_OPTIONS, STATUS_OPTIONS, RESTART_OPTIONS, WAIT_READY_OPTIONS, HEALTH_OPTIONS]) {
    assert.deepEqual(optionsWithoutRow(table), [], table.what)
    assert.deepEqual(rowsWithoutOption(table), [], table.what)
  }
})

test('the README\'s default addresses are the code\'s: every 127.0.0.1:<port> it names is a default port', () => {
  const { options } = startOptionsFromCli({}, {})
  const row = (service: string): string => README.split('\n').find((line) => line.startsWith(`| ${service} |`)) ?? ''
  const README = readFileSync('README.md', 'utf8')
  assert.ok(row('API gateway').includes(`\`${options.host}:${options.gatewayPort}\``))
  assert.ok(row('core engine').includes(`gRPC \`${options.host}:${options.engineGrpcPort}\`, admin HTTP \`${options.host}:${options.engineAdminPort}\``))
  assert.ok(row('provider simulator').includes(`\`${options.host}:${options.providerPort}\``))
  assert.ok(row('profiling (production, `--profiling`)').includes(`\`127.0.0.1:${options.gatewayProfilingPort}/${options.engineProfilingPort}/${options.providerProfilingPort}\``))
  assert.ok(row('live dashboard').includes(`\`127.0.0.1:${DEFAULT_DASHBOARD_PORT}\``))
  const defaults = new Set([options.gatewayPort, options.engineGrpcPort, options.engineAdminPort, options.providerPort,
    options.gatewayProfilingPort, options.engineProfilingPort, options.providerProfilingPort, DEFAULT_DASHBOARD_PORT].map(String))
  for (const [, ports] of README.matchAll(/127\.0\.0\.1:(\d+(?:\/\d+)*)/g)) {
    for (const port of (ports ?? '').split('/')) assert.ok(defaults.has(port), `README names 127.0.0.1:${port}, which is no default port`)
  }
})
