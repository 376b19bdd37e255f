import { Command, Option } from 'commander'

const collect = (value: string, previous: string[] = []): string[] => [...previous, value]

export function registerLoad (program: Command): void {
  program.command('load')
    .description('Run a k6-compatible load test script (TypeScript or JavaScript); see docs/load.md')
    .argument('<script>', 'the test script (.ts or .js)')
    .option('-u, --vus <n>', 'VUs (replaces the script\'s vus; with -d/-i/-s replaces its scenarios)')
    .option('-d, --duration <duration>', 'test duration, e.g. 30s, 5m (replaces the script\'s scenarios)')
    .option('-i, --iterations <n>', 'total iterations shared by the VUs (replaces the script\'s scenarios)')
    .option('-s, --stage <duration:target>', 'a ramping stage, e.g. 30s:100 (repeatable; replaces the script\'s scenarios)', collect)
    .option('-e, --env <KEY=VALUE>', 'a value for the script\'s env (repeatable)', collect)
    .option('-o, --out <spec>', 'an output (repeatable): json=FILE (every sample, k6 JSON lines; FILE.gz compresses), json=FILE?aggregate=1s, aggregate=FILE (per-second HDR aggregates)', collect)
    .option('--summary-export <file>', 'write the end-of-test summary as JSON')
    .option('--no-thresholds', 'evaluate and report thresholds, but never fail on them')
    .option('--no-summary', 'do not print the end-of-test summary')
    .option('-q, --quiet', 'no progress line')
    .option('--summary-trend-stats <stats>', 'trend columns, e.g. avg,p(95),p(99.9),max')
    .option('--time-scale <factor>', 'multiply every duration of the schedule; think time (sleep) and rates stay as written (0.1: a 10x shorter test asking the same req/s)')
    .option('--fast-forward <factor>', 'multiply every duration, sleep() and arrival-rate time units (0.1: 10x faster, request rates x10)')
    .option('--workers <n|auto>', 'worker threads running VUs (auto: one unless the load needs more)', 'auto')
    .option('--semi-space-mb <n>', 'V8 young-generation semi-space cap of the runner\'s threads, MB, or auto: 4 MB per 1,250 VUs of a thread, 4-16 (0: V8\'s own, up to 16)', 'auto')
    .option('--preset <name>', 'one of the script\'s presets (also env PRESET)')
    .option('--results-dir <dir>', 'write aggregates.ndjson and summary.json to a new run directory under <dir> (add --out json=… for every sample)')
    .addOption(new Option('--dashboard', 'serve the live dashboard (VUs, request rate, latency, errors, checks, operations, thresholds) on 127.0.0.1'))
    .addOption(new Option('--dashboard-port <port>', 'port of the live dashboard (default 5665)'))
    .action(async (script: string, flags: Record<string, unknown>) => {
      // Loaded on use: other subcommands do not pay for the load runner's modules.
      const { runLoadCommand } = await import('../../lab/load/command.js')
      process.exitCode = await runLoadCommand(script, flags, {
        dashboard: async (port) => await (await import('../../lab/report/dashboard/live-load.js')).liveLoadDashboard(port)
      })
    })
}
