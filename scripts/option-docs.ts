// Writes the docs' option tables from the services' option tables (one source of truth).
//   npm run docs:options            rewrite the tables in docs/*.md
//   npm run docs:options -- --check exit 1 when a doc is stale (test/option-docs.test.ts runs the same check)
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { withOptionsTables, type OptionTable } from '../src/option-table/index.js'
import { LOAD_OPTIONS } from '../src/lab/load/cli-options.js'
import { MONITOR_OPTIONS } from '../src/lab/monitor/cli-options.js'
import { DASHBOARD_OPTIONS } from '../src/lab/report/dashboard/options.js'
import { RESULTS_ANALYZE_OPTIONS, RESULTS_COLLECT_OPTIONS, RESULTS_LIST_OPTIONS } from '../src/lab/report/commands/cli-options.js'
import { PROFILE_COLLECT_OPTIONS, PROFILE_DIFF_OPTIONS, PROFILE_FLAME_OPTIONS, PROFILE_TOP_OPTIONS, PROFILE_URLS_OPTIONS } from '../src/lab/profiling/cli-options.js'
import { ENGINE_OPTIONS } from '../src/services/engine/cli-options.js'
import { GATEWAY_OPTIONS } from '../src/services/gateway/cli-options.js'
import { PROVIDER_SIM_OPTIONS } from '../src/services/provider-sim/cli-options.js'
import { PERF_TEST_OPTIONS } from '../src/workflow/perf-test/cli-options.js'
import { START_OPTIONS } from '../src/workflow/stack/cli-options.js'

export const OPTION_DOCS: ReadonlyArray<{ file: string, name: string, table: OptionTable }> = [
  { file: 'docs/engine.md', name: 'engine', table: ENGINE_OPTIONS },
  { file: 'docs/gateway.md', name: 'gateway', table: GATEWAY_OPTIONS },
  { file: 'docs/provider-sim.md', name: 'provider-sim', table: PROVIDER_SIM_OPTIONS },
  { file: 'docs/monitor.md', name: 'monitor', table: MONITOR_OPTIONS },
  { file: 'README.md', name: 'start', table: START_OPTIONS },
  { file: 'docs/report.md', name: 'results-list', table: RESULTS_LIST_OPTIONS },
  { file: 'docs/report.md', name: 'results-analyze', table: RESULTS_ANALYZE_OPTIONS },
  { file: 'docs/report.md', name: 'results-collect', table: RESULTS_COLLECT_OPTIONS },
  { file: 'docs/report.md', name: 'dashboard', table: DASHBOARD_OPTIONS },
  { file: 'docs/load.md', name: 'load', table: LOAD_OPTIONS },
  { file: 'README.md', name: 'perf-test', table: PERF_TEST_OPTIONS },
  { file: 'docs/profiling.md', name: 'profile-collect', table: PROFILE_COLLECT_OPTIONS },
  { file: 'docs/profiling.md', name: 'profile-urls', table: PROFILE_URLS_OPTIONS },
  { file: 'docs/profiling.md', name: 'profile-top', table: PROFILE_TOP_OPTIONS },
  { file: 'docs/profiling.md', name: 'profile-flame', table: PROFILE_FLAME_OPTIONS },
  { file: 'docs/profiling.md', name: 'profile-diff', table: PROFILE_DIFF_OPTIONS }
]

const root = fileURLToPath(new URL('..', import.meta.url))

/** The doc as it is and as the tables say it should be. */
export function docState (entry: typeof OPTION_DOCS[number]): { actual: string, expected: string } {
  const actual = readFileSync(`${root}${entry.file}`, 'utf8')
  return { actual, expected: withOptionsTables(actual, entry.name, entry.table) }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check')
  let stale = 0
  for (const entry of OPTION_DOCS) {
    const { actual, expected } = docState(entry)
    if (actual === expected) continue
    stale++
    if (check) process.stderr.write(`${entry.file}: option tables are stale (npm run docs:options)\n`)
    else writeFileSync(`${root}${entry.file}`, expected)
  }
  if (check && stale > 0) process.exitCode = 1
}
