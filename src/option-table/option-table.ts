/**
 * One declarative table per service and per command: each row ties an option (a
 * path in a zod schema, which holds its type, bounds and default) to its flag,
 * environment variables and help text. The commander flags, the environment
 * reader, the error messages that name the flag, the help text and the docs'
 * option tables are all derived from it (see commander.ts, markdown.ts).
 * Neutral: the services and the lab both build their tables on it.
 */
import { z } from 'zod'
import { InvalidOptionsError, parseOptions, withFlagName } from '../options.js'

/**
 * How text from a flag or a variable becomes the value:
 * `number` keeps bad text as NaN so validation names it; `list` is comma-separated
 * (trimmed, blanks dropped); `repeatable` is a flag given once per item (a variable's
 * value is split on commas); `switch` is a value-less flag (`--profiling`);
 * `negatable` is `--no-<flag>` and only ever sets false.
 */
export type OptionKind = 'string' | 'number' | 'list' | 'repeatable' | 'switch' | 'negatable'

export interface OptionRow {
  /** Path in the service's options: `port`, `tickStream.symbols`. */
  key: string
  /** Default `string`. */
  kind?: OptionKind
  /** Long flag without dashes (`grpc-port`); absent: the option has no flag. */
  flag?: string
  /** One-letter alias (`u` for `-u, --vus`). */
  short?: string
  /**
   * Turns one text (a `string` value, a `list` or `repeatable` item) into the value,
   * in place of the kind's own conversion: `parseSymbolList`, `name=pid` pairs.
   * Keep it total: bad text becomes a value validation rejects, so every problem is reported at once.
   */
  parse?: (text: string) => unknown
  /** Unit of the value (`ms`, `bytes`, `hz`): the flag's placeholder, `--timeout-ms <ms>`. */
  unit?: string
  /**
   * A `number` row whose flag counts in another unit than its option: the option's value per
   * unit of the flag (1000: `--ready-timeout <s>` sets `readyTimeoutMs`). The help and the docs
   * show the default in the flag's unit.
   */
  scale?: number
  /**
   * The value of a flag given without its optional value: `bare: 'default'` makes `--chaos`
   * mean `--chaos default` (write the placeholder in brackets: `value: '[plan]'`).
   */
  bare?: string
  /** Placeholder when no unit says it: `<url>`, `<list>` (default `<n>` for numbers, `<value>` otherwise). */
  value?: string
  /** Environment variables, the first set (non-empty) one wins. */
  env?: string | readonly string[]
  /** Reads the environment by a rule of its own instead (MIB_ENV / NODE_ENV). */
  readEnv?: (env: NodeJS.ProcessEnv) => string | undefined
  /** What the option does; the help text and the docs add the variables and the default. */
  help: string
  /** The default in words when the schema's default does not say it (`= median`, `the provider URL`). */
  defaultText?: string
  /** The flag must be given (`-o, --output <file>`): commander reports it missing (so no variable can stand in); help and docs say `required`. */
  required?: boolean
}

export interface OptionTable<S extends z.ZodType = z.ZodType> {
  /** Names the options in error messages: `invalid engine options: ...`. */
  what: string
  /** The service's options schema: types, bounds, defaults (strict: an unknown key is an error). */
  schema: S
  rows: readonly OptionRow[]
}

/** What commander hands over: `--grpc-port 1` → `{ grpcPort: '1' }`; a repeatable flag, every text given. */
export type CliFlags = Readonly<Record<string, string | boolean | readonly string[] | undefined>>

export function defineOptionTable<S extends z.ZodType> (table: OptionTable<S>): OptionTable<S> {
  return table
}

export function envNames (row: OptionRow): readonly string[] {
  return row.env === undefined ? [] : typeof row.env === 'string' ? [row.env] : row.env
}

/** `--grpc-port`, or `--no-coalesce-reads` for a negatable row. */
export function flagName (row: OptionRow): string | undefined {
  if (row.flag === undefined) return undefined
  return row.kind === 'negatable' ? `--no-${row.flag}` : `--${row.flag}`
}

/** `-u, --vus` with its alias, else the flag name. */
export function flagWithAlias (row: OptionRow): string | undefined {
  const flag = flagName(row)
  if (flag === undefined || row.short === undefined) return flag
  return `-${row.short}, ${flag}`
}

/** How errors name the option: `--grpc-port (ENGINE_GRPC_PORT)`, `--retry-after-s`, `MIB_OPERATOR_TOKEN`. */
export function optionLabel (row: OptionRow): string {
  const flag = flagName(row)
  const vars = envNames(row).join(', ')
  if (flag === undefined) return vars === '' ? row.key : vars
  return vars === '' ? flag : `${flag} (${vars})`
}

const defaultsCache = new WeakMap<z.ZodType, unknown>()

/**
 * Every default of the schema, from parsing nothing (so a default is written once, in the schema).
 * An object with required options (a `required` row) is read as if every option were optional.
 */
function defaultsOf (schema: z.ZodType): unknown {
  if (!defaultsCache.has(schema)) {
    const parsed = schema.safeParse({})
    if (!parsed.success && !(schema instanceof z.ZodObject)) throw parsed.error
    defaultsCache.set(schema, parsed.success ? parsed.data : (schema as z.ZodObject).partial().parse({}))
  }
  return defaultsCache.get(schema)
}

function valueAt (root: unknown, path: string): unknown {
  let value = root
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as Record<string, unknown>)[part]
  }
  return value
}

/**
 * The default as a user would type it (`AAPL,MSFT`, `250`), `off`/`on` for a switch, or undefined
 * when there is none (an empty list, as of a repeatable flag, is none).
 */
export function defaultText (table: OptionTable, row: OptionRow): string | undefined {
  if (row.defaultText !== undefined) return row.defaultText
  const value = valueAt(defaultsOf(table.schema), row.key)
  if (value === undefined || typeof value === 'object' && !Array.isArray(value)) return undefined
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.join(',')
  if (typeof value === 'boolean' && (row.kind === 'switch' || row.kind === 'negatable')) return value ? 'on' : 'off'
  return typeof value === 'number' && row.scale !== undefined ? String(value / row.scale) : String(value)
}

/** What a flag given without its optional value means: `without a value: default`. */
export function bareText (row: OptionRow): string | undefined {
  return row.bare === undefined ? undefined : `without a value: ${row.bare}`
}

/** Flag help: the row's text plus the variables and the default, `... (env ENGINE_GRPC_PORT; default 50051)`. */
export function helpText (table: OptionTable, row: OptionRow): string {
  const vars = envNames(row)
  const fallback = defaultText(table, row)
  const notes = [vars.length > 0 ? `env ${vars.join(', ')}` : undefined, row.required === true ? 'required' : undefined, fallback !== undefined ? `default ${fallback}` : undefined, bareText(row)]
    .filter((note) => note !== undefined)
  return notes.length === 0 ? row.help : `${row.help} (${notes.join('; ')})`
}

/** The rows of a nested group's table as rows of an outer table: `gatewayPort` → `stack.gatewayPort`. */
export function rowsUnder (prefix: string, rows: readonly OptionRow[]): OptionRow[] {
  return rows.map((row) => ({ ...row, key: `${prefix}.${row.key}` }))
}

/** `grpc-port` → `grpcPort`: the property commander stores a flag under. */
export function camelCase (flag: string): string {
  return flag.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())
}

/** A variable's comma-separated text as items; what commander collected stays as given. */
function items (raw: string | boolean | readonly string[]): readonly string[] | boolean {
  if (typeof raw !== 'string') return raw
  return raw.split(',').map((item) => item.trim()).filter((item) => item !== '')
}

function convert (row: OptionRow, raw: string | boolean | readonly string[]): unknown {
  const parse = row.parse ?? ((text: string): unknown => text)
  switch (row.kind ?? 'string') {
    case 'number': return (typeof raw === 'string' ? (raw.trim() === '' ? Number.NaN : Number(raw)) : Number.NaN) * (row.scale ?? 1)
    case 'list': return typeof raw === 'string' ? (row.parse === undefined ? items(raw) : row.parse(raw)) : raw
    case 'repeatable': {
      const texts = items(raw)
      return typeof texts === 'boolean' ? texts : texts.map(parse)
    }
    case 'switch': return raw === true || raw === 'true' || raw === '1' || raw === 'yes'
    case 'negatable': return raw === false ? false : undefined
    default:
      if (raw === true && row.bare !== undefined) return parse(row.bare)
      return typeof raw === 'string' ? parse(raw) : raw
  }
}

function fromEnv (row: OptionRow, env: NodeJS.ProcessEnv): string | undefined {
  if (row.readEnv !== undefined) return row.readEnv(env)
  for (const name of envNames(row)) {
    const raw = env[name]
    if (raw !== undefined && raw !== '') return raw
  }
  return undefined
}

function setAt (target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.')
  const last = parts.pop() as string
  let node = target
  for (const part of parts) {
    const next = node[part]
    const child: Record<string, unknown> = typeof next === 'object' && next !== null ? { ...(next as Record<string, unknown>) } : {}
    node[part] = child
    node = child
  }
  node[last] = value
}

/**
 * The options the environment and the flags set, flags winning field by field.
 * Unset (or empty) variables and absent flags are left out so the schema's defaults apply;
 * values are not validated here, so validation can report every problem at once.
 */
export function readOptionInput (table: OptionTable, flags: CliFlags, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const input: Record<string, unknown> = {}
  for (const row of table.rows) {
    const fromFlag = row.flag === undefined ? undefined : flags[camelCase(row.flag)]
    const fromVariable = fromEnv(row, env)
    // convert() is undefined for a flag that was not given (commander's true of a --no- flag).
    const value = (fromFlag === undefined ? undefined : convert(row, fromFlag)) ?? (fromVariable === undefined ? undefined : convert(row, fromVariable))
    if (value !== undefined) setAt(input, row.key, value)
  }
  return input
}

/**
 * Validates `input` with the table's schema; every problem names the flag and
 * variables to fix (`--grpc-port (ENGINE_GRPC_PORT): ...`, `--symbols (ENGINE_SYMBOLS) item 2: ...`).
 */
export function parseOptionInput<S extends z.ZodType> (table: OptionTable<S>, input: unknown): z.output<S> {
  try {
    return parseOptions(table.schema, input, table.what)
  } catch (err) {
    if (!(err instanceof InvalidOptionsError)) throw err
    const labels = Object.fromEntries(table.rows.map((row) => [row.key, optionLabel(row)]))
    throw new InvalidOptionsError(table.what, err.problems.map((problem) => withFlagName(problem, labels)))
  }
}

/** Validated options from the environment with the flags on top (readOptionInput, then parseOptionInput). */
export function optionsFromCli<S extends z.ZodType> (table: OptionTable<S>, flags: CliFlags, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  return parseOptionInput(table, readOptionInput(table, flags, env))
}

/**
 * Options with a default that no row describes (so neither the docs nor the help would
 * mention them): every leaf of the schema's defaults not at or under a row's key.
 */
export function optionsWithoutRow (table: OptionTable): string[] {
  const keys = table.rows.map((row) => row.key)
  const covered = (path: string): boolean => keys.some((key) => path === key || path.startsWith(`${key}.`))
  const missing: string[] = []
  const visit = (value: unknown, path: string): void => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && !covered(path)) {
      for (const [key, child] of Object.entries(value)) visit(child, path === '' ? key : `${path}.${key}`)
    } else if (!covered(path)) {
      missing.push(path)
    }
  }
  visit(defaultsOf(table.schema), '')
  return missing
}

/** Rows whose key is not an option of the schema (a typo would otherwise set nothing). */
export function rowsWithoutOption (table: OptionTable): string[] {
  return table.rows.map((row) => row.key).filter((key) => {
    const input: Record<string, unknown> = {}
    setAt(input, key, Symbol('probe'))
    const result = table.schema.safeParse(input)
    const last = key.split('.').pop() as string
    return !result.success && result.error.issues.some((issue) => issue.code === 'unrecognized_keys' && issue.keys.includes(last))
  })
}
