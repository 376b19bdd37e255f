import type { Command } from 'commander'
import { parseOptions } from '../../options.js'
import { EXIT } from '../../exit-codes.js'
import type { Io, ReadOptions } from '../../lab/profiling/index.js'
import { PROFILE_KINDS } from '../../lab/profiling/kinds.js'

// Loaded on use: `mib --help` and the other subcommands do not pay for it.
const profiling = async (): Promise<typeof import('../../lab/profiling/index.js')> => await import('../../lab/profiling/index.js')

interface CollectFlags {
  seconds?: string
  traceSeconds?: string
  hz?: string
  service?: string
  out?: string
  token?: string
  runDir?: string
}

interface ReadFlags { n?: string, cum?: boolean, sampleIndex?: string }

const io: Io = {
  out: (line) => { process.stdout.write(line + '\n') },
  err: (line) => { process.stderr.write(line + '\n') }
}

const KIND_HELP: Record<string, string> = {
  cpu: 'CPU profile (pprof, default 30 s window)',
  heap: 'sampled live heap (pprof)',
  allocs: 'same live-heap view as heap (Node keeps no cumulative allocations)',
  goroutine: 'active handles and requests: sockets, servers, timers (JSON)',
  trace: 'trace-event JSON (saved .json.gz) for Perfetto / chrome://tracing (default 5 s)',
  heapsnapshot: 'V8 heap snapshot for Chrome DevTools (pauses the service)',
  block: 'event-loop delay and utilization (JSON, default 5 s)',
  runtime: 'Node/V8 versions, flags, parallelism, memory, GC (JSON)',
  all: 'cpu, block, heap, goroutine, runtime, then a trace (not heapsnapshot)'
}

function number (value: string | undefined): number | undefined {
  return value === undefined ? undefined : Number(value)
}

/** `mib profile …`: collect from running services, or read pprof files (top, flame, diff). */
export function registerProfile (program: Command): void {
  const profile = program.command('profile')
    .description('Collect and read pprof profiles of the running services (see docs/profiling.md)')

  for (const kind of [...PROFILE_KINDS, 'all']) {
    profile.command(kind)
      .description(`Collect: ${KIND_HELP[kind] ?? kind}`)
      .option('--seconds <s>', 'window for cpu, block and trace (max 300)')
      .option('--service <name|url>', 'gateway | engine | provider-sim | a base URL (default: every service in the run directory)')
      .option('--out <dir>', 'output directory (default $MIB_RESULTS_DIR/profiles, else results/profiles)')
      .option('--token <token>', 'bearer token of the admin listener (default $MIB_PROFILING_TOKEN, else the run directory\'s)')
      .option('--hz <n>', 'CPU sampling rate (default 100)')
      .option('--trace-seconds <s>', 'window of the trace in `all` (default 5, never above --seconds)')
      .option('--run-dir <dir>', 'run directory (default .mib/run or $MIB_RUN_DIR)')
      .action(async (flags: CollectFlags) => {
        const { collectOptionsSchema, runCollect } = await profiling()
        const options = parseOptions(collectOptionsSchema, {
          kind,
          seconds: number(flags.seconds),
          traceSeconds: number(flags.traceSeconds),
          hz: number(flags.hz),
          service: flags.service,
          out: flags.out,
          token: flags.token,
          runDir: flags.runDir
        }, 'profile options')
        const failed = await runCollect(options, io)
        if (failed > 0) process.exitCode = EXIT.GENERIC_ERROR
      })
  }

  profile.command('urls')
    .description('Print the /debug/pprof/ URL of each running service')
    .option('--service <name>', 'only this service')
    .option('--run-dir <dir>', 'run directory')
    .option('--json', 'machine-readable output')
    .action(async (flags: { service?: string, runDir?: string, json?: boolean }) => { await (await profiling()).runUrls(flags, io) })

  const readOptions = async (flags: ReadFlags, defaultN: number): Promise<ReadOptions> =>
    parseOptions((await profiling()).readOptionsSchema, { n: number(flags.n) ?? defaultN, cum: flags.cum === true, sampleIndex: flags.sampleIndex }, 'profile options')

  profile.command('top <file>')
    .description('Top functions by flat and cumulative share, like go tool pprof -top')
    .option('--n <rows>', 'rows to print', '20')
    .option('--cum', 'sort by cumulative share')
    .option('--sample-index <type>', 'sample type name or index (cpu: sample|wall; heap: inuse_objects|inuse_space)')
    .action(async (file: string, flags: ReadFlags) => { io.out((await (await profiling()).runTop(file, await readOptions(flags, 20))).trimEnd()) })

  profile.command('flame <file>')
    .description('Write a self-contained interactive flame graph (HTML, works offline)')
    .requiredOption('-o, --output <file>', 'HTML file to write')
    .option('--sample-index <type>', 'sample type name or index')
    .option('--title <title>', 'page title (default: the profile file name)')
    .action(async (file: string, flags: { output: string, sampleIndex?: string, title?: string }) => {
      const { sampleIndex } = await readOptions({ sampleIndex: flags.sampleIndex }, 20)
      io.out(await (await profiling()).runFlame(file, flags.output, { ...(sampleIndex === undefined ? {} : { sampleIndex }), ...(flags.title === undefined ? {} : { title: flags.title }) }))
    })

  profile.command('diff <base> <new>')
    .description('Functions whose share grew or shrank most between two profiles')
    .option('--n <rows>', 'rows per direction', '15')
    .option('--cum', 'compare cumulative shares instead of flat')
    .option('--sample-index <type>', 'sample type name or index')
    .action(async (base: string, next: string, flags: ReadFlags) => { io.out((await (await profiling()).runDiff(base, next, await readOptions(flags, 15))).trimEnd()) })
}
