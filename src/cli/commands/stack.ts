import { Argument, type Command } from 'commander'
import { EXIT } from '../../exit-codes.js'
import { addTableOptions, type CliFlags } from '../../option-table/index.js'
import { serviceNames, type ServiceName } from '../../run-dir.js'
import {
  commandOptions, HEALTH_OPTIONS, RESTART_OPTIONS, START_OPTIONS, startOptionsFromCli, STATUS_OPTIONS, STOP_OPTIONS, WAIT_READY_OPTIONS
} from '../../workflow/stack/cli-options.js'

// Loaded on use: `mib --help` and the other subcommands do not pay for it.
const stackModule = async (): Promise<typeof import('../../workflow/stack/index.js')> => await import('../../workflow/stack/index.js')

/** start, stop, restart, status, wait-ready, health: running the three services together. */
export function registerStack (program: Command): void {
  addTableOptions(program.command('start'), START_OPTIONS)
    .description('Start provider-sim, engine and gateway as separate processes')
    .action(async (flags: CliFlags) => { await start(flags) })

  addTableOptions(program.command('stop'), STOP_OPTIONS)
    .description('Stop the services started with `mib start --detach` (only those, by pid)')
    .action(async (flags: CliFlags) => {
      const { runDir } = commandOptions(STOP_OPTIONS, flags)
      for (const s of await (await stackModule()).stopStack(runDir)) console.log(`${s.name.padEnd(13)} pid ${s.pid}  ${s.outcome}`)
    })

  addTableOptions(program.command('status'), STATUS_OPTIONS)
    .description('Show each service: pid, state (running, stopped, or unmanaged: answering but not started by `mib start`), health, URLs')
    .action(async (flags: CliFlags) => {
      const { runDir, json } = commandOptions(STATUS_OPTIONS, flags)
      const stack = await stackModule()
      const status = await stack.stackStatus(runDir)
      console.log(json ? JSON.stringify(status, null, 2) : stack.formatStatus(status))
    })

  addTableOptions(program.command('restart'), RESTART_OPTIONS)
    .description('Stop one service of a `mib start --detach` stack (SIGTERM: it drains) and start it again; the new pid is recorded')
    .addArgument(new Argument('<service>', 'the service to restart').choices(serviceNames))
    .action(async (service: ServiceName, flags: CliFlags) => {
      const { runDir } = commandOptions(RESTART_OPTIONS, flags)
      const { name: restarted, previous, record } = await (await stackModule()).restartService(service, runDir)
      console.log(`${restarted.padEnd(13)} pid ${previous.pid} ${previous.outcome} → pid ${record.pid} healthy  ${Object.values(record.urls).join(' ')}`)
    })

  addTableOptions(program.command('wait-ready'), WAIT_READY_OPTIONS)
    .description('Wait until every service is healthy (exit 3 on timeout)')
    .action(async (flags: CliFlags) => {
      const { timeoutMs, runDir } = commandOptions(WAIT_READY_OPTIONS, flags)
      const stack = await stackModule()
      const results = await stack.waitStackReady(timeoutMs, runDir)
      const bad = results.filter((r) => !r.healthy)
      if (bad.length > 0) {
        process.stderr.write(`mib: ${new stack.NotReadyError(bad.map((r) => `${r.name} (${r.error ?? r.statusCode})`).join(', '), timeoutMs / 1000).message}\n`)
        process.exitCode = EXIT.UNHEALTHY
        return
      }
      console.log(`all services healthy: ${results.map((r) => r.name).join(', ')}`)
    })

  addTableOptions(program.command('health'), HEALTH_OPTIONS)
    .description('Print each service\'s health; exit 3 if any is unhealthy')
    .action(async (flags: CliFlags) => {
      const { runDir, json } = commandOptions(HEALTH_OPTIONS, flags)
      const stack = await stackModule()
      const results = await stack.stackHealth(runDir)
      if (json) console.log(JSON.stringify(results, null, 2))
      else for (const r of results) console.log(`${r.name.padEnd(13)} ${stack.healthText(r)}  ${r.url}`)
      if (results.some((r) => !r.healthy)) process.exitCode = EXIT.UNHEALTHY
    })
}

async function start (flags: CliFlags): Promise<void> {
  const { options, detach, runDir } = startOptionsFromCli(flags)
  const stack = await stackModule()
  const settings = {
    detach,
    ...(runDir === undefined ? {} : { runDir }),
    onLog: (line: string) => { process.stdout.write(line + '\n') },
    onInfo: (line: string) => { process.stderr.write(`mib: ${line}\n`) }
  }
  if (!settings.detach) {
    const exitedOnItsOwn = await stack.runForeground(async () => await stack.startStack(options, settings), settings.onInfo)
    if (exitedOnItsOwn !== undefined) process.exitCode = EXIT.GENERIC_ERROR
    return
  }
  const started = await stack.startStack(options, settings)
  process.stderr.write(`mib: services running in the background (${options.env}); \`mib stop\` stops them\n`)
  if (started.state.profilingToken !== undefined) process.stderr.write('mib: profiling token written to the run directory (services.json)\n')
}
