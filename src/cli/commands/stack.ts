import { Argument, type Command } from 'commander'
import { parseOptions } from '../../options.js'
import { EXIT } from '../../exit-codes.js'
import { addStackPortOptions, stackPortsFromFlags, type StackPortKey } from '../stack-flags.js'
import { serviceNames, type ServiceName } from '../../run-dir.js'

// Loaded on use: `mib --help` and the other subcommands do not pay for it.
const stackModule = async (): Promise<typeof import('../../workflow/stack/index.js')> => await import('../../workflow/stack/index.js')

interface StartFlags extends Partial<Record<StackPortKey, string>> {
  env: string
  detach?: boolean
  profiling?: boolean
  host?: string
  runDir?: string
  readyTimeout?: string
}

/** start, stop, restart, status, wait-ready, health: running the three services together. */
export function registerStack (program: Command): void {
  addStackPortOptions(program.command('start'))
    .description('Start provider-sim, engine and gateway as separate processes')
    .option('--env <env>', 'development | production', 'development')
    .option('--detach', 'run in the background; pids and logs in the run directory')
    .option('--profiling', 'production: expose profiling on token-protected loopback admin listeners')
    .option('--host <host>', 'address every service binds', '127.0.0.1')
    .option('--ready-timeout <seconds>', 'bound on each service becoming healthy', '60')
    .option('--run-dir <dir>', 'run directory (default .mib/run or $MIB_RUN_DIR)')
    .action(async (flags: StartFlags) => { await start(flags) })

  program.command('stop')
    .description('Stop the services started with `mib start --detach` (only those, by pid)')
    .option('--run-dir <dir>', 'run directory')
    .action(async (flags: { runDir?: string }) => {
      for (const s of await (await stackModule()).stopStack(flags.runDir)) console.log(`${s.name.padEnd(13)} pid ${s.pid}  ${s.outcome}`)
    })

  program.command('status')
    .description('Show each service: pid, state (running, stopped, or unmanaged: answering but not started by `mib start`), health, URLs')
    .option('--run-dir <dir>', 'run directory')
    .option('--json', 'machine-readable output')
    .action(async (flags: { runDir?: string, json?: boolean }) => {
      const stack = await stackModule()
      const status = await stack.stackStatus(flags.runDir)
      console.log(flags.json === true ? JSON.stringify(status, null, 2) : stack.formatStatus(status))
    })

  program.command('restart')
    .description('Stop one service of a `mib start --detach` stack (SIGTERM: it drains) and start it again; the new pid is recorded')
    .addArgument(new Argument('<service>', 'the service to restart').choices(serviceNames))
    .option('--run-dir <dir>', 'run directory')
    .action(async (service: ServiceName, flags: { runDir?: string }) => {
      const { name: restarted, previous, record } = await (await stackModule()).restartService(service, flags.runDir)
      console.log(`${restarted.padEnd(13)} pid ${previous.pid} ${previous.outcome} → pid ${record.pid} healthy  ${Object.values(record.urls).join(' ')}`)
    })

  program.command('wait-ready')
    .description('Wait until every service is healthy (exit 3 on timeout)')
    .option('--timeout <seconds>', 'how long to wait', '60')
    .option('--run-dir <dir>', 'run directory')
    .action(async (flags: { timeout: string, runDir?: string }) => {
      const timeoutS = Number(flags.timeout)
      const results = await (await stackModule()).waitStackReady(timeoutS * 1000, flags.runDir)
      const bad = results.filter((r) => !r.healthy)
      if (bad.length > 0) {
        process.stderr.write(`mib: ${new (await stackModule()).NotReadyError(bad.map((r) => `${r.name} (${r.error ?? r.statusCode})`).join(', '), timeoutS).message}\n`)
        process.exitCode = EXIT.UNHEALTHY
        return
      }
      console.log(`all services healthy: ${results.map((r) => r.name).join(', ')}`)
    })

  program.command('health')
    .description('Print each service\'s health; exit 3 if any is unhealthy')
    .option('--run-dir <dir>', 'run directory')
    .option('--json', 'machine-readable output')
    .action(async (flags: { runDir?: string, json?: boolean }) => {
      const results = await (await stackModule()).stackHealth(flags.runDir)
      if (flags.json === true) console.log(JSON.stringify(results, null, 2))
      else for (const r of results) console.log(`${r.name.padEnd(13)} ${(await stackModule()).healthText(r)}  ${r.url}`)
      if (results.some((r) => !r.healthy)) process.exitCode = EXIT.UNHEALTHY
    })
}

async function start (flags: StartFlags): Promise<void> {
  const stack = await stackModule()
  const options = parseOptions(stack.stackOptionsSchema, {
    env: flags.env,
    profiling: flags.profiling === true,
    host: flags.host,
    ...stackPortsFromFlags(flags),
    readyTimeoutMs: Number(flags.readyTimeout ?? '60') * 1000
  }, 'start options')
  const settings = {
    detach: flags.detach === true,
    ...(flags.runDir === undefined ? {} : { runDir: flags.runDir }),
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
