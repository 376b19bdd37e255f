import type { Command } from 'commander'
import { EXIT } from '../../exit-codes.js'
import { addTableOptions, optionsFromCli, type CliFlags } from '../../option-table/index.js'
import type { Io } from '../../lab/profiling/index.js'
import {
  COLLECT_KINDS, collectOptionsFromCli, collectOptionTable, PROFILE_DIFF_OPTIONS, PROFILE_FLAME_OPTIONS, PROFILE_TOP_OPTIONS, PROFILE_URLS_OPTIONS
} from '../../lab/profiling/cli-options.js'

// Loaded on use: `mib --help` and the other subcommands do not pay for it.
const profiling = async (): Promise<typeof import('../../lab/profiling/index.js')> => await import('../../lab/profiling/index.js')

const io: Io = {
  out: (line) => { process.stdout.write(line + '\n') },
  err: (line) => { process.stderr.write(line + '\n') }
}

const KIND_HELP: Record<string, string> = {
  cpu: 'CPU profile (pprof)',
  heap: 'sampled live heap (pprof)',
  allocs: 'same live-heap view as heap (Node keeps no cumulative allocations)',
  goroutine: 'active handles and requests: sockets, servers, timers (JSON)',
  trace: 'trace-event JSON (saved .json.gz) for Perfetto / chrome://tracing',
  heapsnapshot: 'V8 heap snapshot for Chrome DevTools (pauses the service)',
  block: 'event-loop delay and utilization (JSON)',
  runtime: 'Node/V8 versions, flags, parallelism, memory, GC (JSON)',
  all: 'cpu, block, heap, goroutine, runtime, then a trace (not heapsnapshot)'
}

/** `mib profile …`: collect from running services, or read pprof files (top, flame, diff). */
export function registerProfile (program: Command): void {
  const profile = program.command('profile')
    .description('Collect and read pprof profiles of the running services (see docs/profiling.md)')

  for (const kind of COLLECT_KINDS) {
    addTableOptions(profile.command(kind).description(`Collect: ${KIND_HELP[kind] ?? kind}`), collectOptionTable(kind))
      .action(async (flags: CliFlags) => {
        const options = collectOptionsFromCli(kind, flags)
        const failed = await (await profiling()).runCollect(options, io)
        if (failed > 0) process.exitCode = EXIT.GENERIC_ERROR
      })
  }

  addTableOptions(profile.command('urls').description('Print the /debug/pprof/ URL of each running service'), PROFILE_URLS_OPTIONS)
    .action(async (flags: CliFlags) => { await (await profiling()).runUrls(optionsFromCli(PROFILE_URLS_OPTIONS, flags), io) })

  addTableOptions(profile.command('top <file>').description('Top functions by flat and cumulative share, like go tool pprof -top'), PROFILE_TOP_OPTIONS)
    .action(async (file: string, flags: CliFlags) => {
      const options = optionsFromCli(PROFILE_TOP_OPTIONS, flags)
      io.out((await (await profiling()).runTop(file, options)).trimEnd())
    })

  addTableOptions(profile.command('flame <file>').description('Write a self-contained interactive flame graph (HTML, works offline)'), PROFILE_FLAME_OPTIONS)
    .action(async (file: string, flags: CliFlags) => {
      const { output, ...options } = optionsFromCli(PROFILE_FLAME_OPTIONS, flags)
      io.out(await (await profiling()).runFlame(file, output, options))
    })

  addTableOptions(profile.command('diff <base> <new>').description('Functions whose share grew or shrank most between two profiles'), PROFILE_DIFF_OPTIONS)
    .action(async (base: string, next: string, flags: CliFlags) => {
      const options = optionsFromCli(PROFILE_DIFF_OPTIONS, flags)
      io.out((await (await profiling()).runDiff(base, next, options)).trimEnd())
    })
}
