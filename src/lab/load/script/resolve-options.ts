/**
 * The test's configuration: the script's `options`, then the chosen preset
 * over it, then the command line over both (k6's precedence), validated once
 * with every problem reported together (InvalidOptionsError → exit 104),
 * then scaled by --time-scale (or --fast-forward: see time-scale.ts).
 */
import { InvalidOptionsError, parseOptions } from '../../../options.js'
import { UnknownPresetError } from '../errors.js'
import { parseDurationMs } from '../duration.js'
import { optionsSchema, type ValidatedOptions } from './options-schema.js'
import { scaleScenario } from './time-scale.js'
import type { LoadedScript } from './loader.js'

/** k6's execution flags; any of --duration, --iterations, --stage replaces the script's scenarios. */
export interface CliOverrides {
  vus?: number | undefined
  duration?: string | undefined
  iterations?: number | undefined
  /** "30s:100" each. */
  stages?: string[] | undefined
  summaryTrendStats?: string[] | undefined
}

export interface ResolveOptionsInput {
  script: Pick<LoadedScript, 'options' | 'presets' | 'functions'>
  preset?: string | undefined
  cli?: CliOverrides
  timeScale?: number
  /** --fast-forward: arrival-rate timeUnits scale with the schedule too (and sleep(), in the VU resources). */
  fastForward?: boolean
}

export function resolveOptions ({ script, preset, cli = {}, timeScale = 1, fastForward = false }: ResolveOptionsInput): ValidatedOptions {
  const problems: string[] = []
  let raw: Record<string, unknown> = { ...(script.options as Record<string, unknown> | undefined) }
  if (preset !== undefined && script.presets !== undefined) {
    const chosen = script.presets[preset]
    if (chosen === undefined || typeof chosen !== 'object' || chosen === null) throw new UnknownPresetError(preset, Object.keys(script.presets))
    raw = { ...raw, ...(chosen as Record<string, unknown>) }
  }
  raw = applyCli(raw, cli, problems)
  let validated: ValidatedOptions | undefined
  try {
    validated = parseOptions(optionsSchema, raw, 'options')
  } catch (err) {
    if (!(err instanceof InvalidOptionsError)) throw err
    problems.push(...err.problems)
  }
  problems.push(...execProblems(raw, script.functions))
  if (problems.length > 0 || validated === undefined) throw new InvalidOptionsError('options', problems)
  if (!(timeScale > 0) || !Number.isFinite(timeScale)) throw new InvalidOptionsError('options', [`--time-scale: must be a number above 0, got ${timeScale}`])
  return { ...validated, scenarios: validated.scenarios.map((s) => scaleScenario(s, timeScale, fastForward)) }
}

function applyCli (raw: Record<string, unknown>, cli: CliOverrides, problems: string[]): Record<string, unknown> {
  const out = { ...raw }
  const replacesScenarios = cli.duration !== undefined || cli.iterations !== undefined || (cli.stages !== undefined && cli.stages.length > 0)
  if (replacesScenarios) {
    delete out.scenarios
    delete out.duration
    delete out.iterations
    delete out.stages
  } else if (cli.vus !== undefined && out.scenarios !== undefined) {
    problems.push('--vus: the script defines scenarios; give --duration, --iterations or --stage with it to replace them')
  }
  if (cli.vus !== undefined) out.vus = cli.vus
  if (cli.duration !== undefined) out.duration = cli.duration
  if (cli.iterations !== undefined) out.iterations = cli.iterations
  if (cli.stages !== undefined && cli.stages.length > 0) out.stages = cli.stages.map((text) => parseStage(text, problems))
  if (cli.summaryTrendStats !== undefined) out.summaryTrendStats = cli.summaryTrendStats
  return out
}

export const STAGE_FORMAT = 'expected DURATION:TARGET, e.g. 30s:100'

/** "30s:100" → { duration: "30s", target: 100 }; undefined when `text` is no stage. */
export function stageOf (text: string): { duration: string, target: number } | undefined {
  const match = /^([^:]+):(\d+)$/.exec(text.trim())
  if (match === null || parseDurationMs(match[1] as string) === undefined) return undefined
  return { duration: match[1] as string, target: Number(match[2]) }
}

function parseStage (text: string, problems: string[]): { duration: string, target: number } {
  const stage = stageOf(text)
  if (stage === undefined) problems.push(`--stage "${text}": ${STAGE_FORMAT}`)
  return stage ?? { duration: '0s', target: 0 }
}

function execProblems (raw: Record<string, unknown>, functions: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = []
  const scenarios = raw.scenarios
  const names = typeof scenarios === 'object' && scenarios !== null ? Object.entries(scenarios as Record<string, unknown>) : [['default', {}] as const]
  for (const [name, scenario] of names) {
    const exec = typeof scenario === 'object' && scenario !== null ? (scenario as { exec?: unknown }).exec ?? 'default' : 'default'
    if (typeof exec !== 'string') continue // the schema reports it
    if (typeof functions[exec] !== 'function') {
      problems.push(exec === 'default'
        ? `scenarios.${name}: the script has no default export function (one VU iteration), and the scenario names no other "exec" function`
        : `scenarios.${name}.exec: the script exports no function named "${exec}"`)
    }
  }
  return problems
}
