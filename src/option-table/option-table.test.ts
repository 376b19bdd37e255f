import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Command } from 'commander'
import { z } from 'zod'
import { InvalidOptionsError } from '../options.js'
import {
  addTableOptions, defineOptionTable, defaultText, helpText, optionsFromCli, optionsMarkdown, optionsWithoutRow, parseOptionInput, programmaticOptionsMarkdown, readOptionInput,
  rowsUnder, rowsWithoutOption, withOptionsTables, type CliFlags
} from './index.js'

const schema = z.strictObject({
  port: z.number().int().min(0).max(65535).default(8080),
  host: z.string().min(1).default('127.0.0.1'),
  env: z.enum(['development', 'production', 'test']).default('development'),
  feed: z.strictObject({
    symbols: z.array(z.string().regex(/^[A-Z]{1,5}$/)).min(1).default(['AAPL', 'MSFT']),
    timeoutMs: z.number().int().min(1).default(500)
  }).prefault({}),
  coalesce: z.boolean().default(true),
  profiling: z.boolean().default(false),
  token: z.string().min(4).optional()
})

const TABLE = defineOptionTable({
  what: 'demo options',
  schema,
  rows: [
    { key: 'port', flag: 'port', kind: 'number', env: 'DEMO_PORT', help: 'port to bind' },
    { key: 'host', flag: 'host', value: '<host>', env: ['DEMO_HOST', 'HOST'], help: 'address to bind' },
    { key: 'env', flag: 'env', value: '<env>', env: ['DEMO_ENV'], readEnv: (env) => env.DEMO_ENV === 'prod' ? 'production' : env.DEMO_ENV, help: 'environment' },
    { key: 'feed.symbols', flag: 'symbols', kind: 'list', parse: (text) => text.split(',').map((s) => s.trim().toUpperCase()).filter((s) => s !== ''), value: '<list>', env: 'DEMO_SYMBOLS', help: 'symbols' },
    { key: 'feed.timeoutMs', flag: 'feed-timeout-ms', kind: 'number', unit: 'ms', help: 'feed timeout' },
    { key: 'coalesce', flag: 'coalesce', kind: 'negatable', help: 'do not coalesce', defaultText: 'on' },
    { key: 'profiling', flag: 'profiling', kind: 'switch', help: 'profile' },
    { key: 'token', env: 'DEMO_TOKEN', help: 'a token' }
  ]
})

/** What commander makes of an argv with the table's options. */
function flagsOf (argv: string[]): CliFlags {
  const command = addTableOptions(new Command('demo').exitOverride(), TABLE)
  command.parse(argv, { from: 'user' })
  return command.opts()
}

const parse = (argv: string[], env: NodeJS.ProcessEnv = {}): z.output<typeof schema> =>
  parseOptionInput(TABLE, readOptionInput(TABLE, flagsOf(argv), env))

test('precedence: a flag beats its variable, a variable beats the default, field by field in nested groups', () => {
  assert.deepEqual(parse([]), { port: 8080, host: '127.0.0.1', env: 'development', feed: { symbols: ['AAPL', 'MSFT'], timeoutMs: 500 }, coalesce: true, profiling: false })
  const env = { DEMO_PORT: '9000', DEMO_SYMBOLS: 'ibm, ge', HOST: 'fallback.local' }
  const fromEnv = parse([], env)
  assert.equal(fromEnv.port, 9000)
  assert.equal(fromEnv.host, 'fallback.local', 'a later variable of the row counts when the first is unset')
  assert.deepEqual(fromEnv.feed, { symbols: ['IBM', 'GE'], timeoutMs: 500 })
  const both = parse(['--port', '7000', '--feed-timeout-ms', '20', '--no-coalesce', '--profiling'], { ...env, DEMO_HOST: 'first.local' })
  assert.equal(both.port, 7000)
  assert.equal(both.host, 'first.local', 'the first variable of the row wins')
  assert.deepEqual(both.feed, { symbols: ['IBM', 'GE'], timeoutMs: 20 }, 'a flag sets one field of a group, the variable keeps the other')
  assert.equal(both.coalesce, false)
  assert.equal(both.profiling, true)
})

test('an empty variable is unset, an empty or non-numeric flag is an error, not 0', () => {
  assert.equal(parse([], { DEMO_PORT: '' }).port, 8080)
  for (const bad of [' ', 'eighty']) {
    assert.throws(() => parse(['--port', bad]), /--port \(DEMO_PORT\): /)
  }
  assert.throws(() => parse([], { DEMO_PORT: 'eighty' }), /--port \(DEMO_PORT\): /)
})

test('every problem is reported at once, each named by its flag and variables, list items by position', () => {
  assert.throws(() => parse(['--port', '70000', '--symbols', 'AAPL,toolong', '--feed-timeout-ms', '0'], { DEMO_TOKEN: 'x' }), (err: unknown) => {
    assert.ok(err instanceof InvalidOptionsError)
    const text = err.problems.join('\n')
    assert.equal(err.problems.length, 4, text)
    assert.match(text, /^--port \(DEMO_PORT\): /m)
    assert.match(text, /^--symbols \(DEMO_SYMBOLS\) item 2: /m)
    assert.match(text, /^--feed-timeout-ms: /m, 'a flag without a variable')
    assert.match(text, /^DEMO_TOKEN: /m, 'a variable without a flag')
    return true
  })
})

test('optionsFromCli is readOptionInput then parseOptionInput', () => {
  assert.deepEqual(optionsFromCli(TABLE, flagsOf(['--port', '7000']), { DEMO_SYMBOLS: 'ibm' }), parse(['--port', '7000'], { DEMO_SYMBOLS: 'ibm' }))
  assert.throws(() => optionsFromCli(TABLE, flagsOf(['--port', 'x']), {}), /--port \(DEMO_PORT\): /)
})

test('a readEnv row reads the environment by its own rule', () => {
  assert.equal(parse([], { DEMO_ENV: 'prod' }).env, 'production')
  assert.equal(parse(['--env', 'test'], { DEMO_ENV: 'prod' }).env, 'test', 'the flag still wins')
})

test('a repeatable flag collects each use, its variable splits on commas, parse turns each item into the value', () => {
  const table = defineOptionTable({
    what: 'pairs',
    schema: z.strictObject({ pairs: z.array(z.strictObject({ name: z.string().min(1), pid: z.number().int().positive() })).default([]), vus: z.number().int().default(1) }),
    rows: [
      { key: 'pairs', flag: 'pid', kind: 'repeatable', value: '<name=pid>', env: 'DEMO_PIDS', parse: namePid, help: 'a process' },
      { key: 'vus', flag: 'vus', short: 'u', kind: 'number', help: 'VUs' }
    ]
  })
  const run = (argv: string[], env: NodeJS.ProcessEnv = {}): z.output<typeof table.schema> => {
    const command = addTableOptions(new Command('demo').exitOverride(), table)
    command.parse(argv, { from: 'user' })
    return parseOptionInput(table, readOptionInput(table, command.opts(), env))
  }
  assert.deepEqual(run(['--pid', 'a=1', '--pid', 'b=2', '-u', '5']), { pairs: [{ name: 'a', pid: 1 }, { name: 'b', pid: 2 }], vus: 5 })
  assert.equal(helpText(table, table.rows[0] ?? assert.fail()), 'a process (env DEMO_PIDS)', 'an empty list is no default')
  assert.deepEqual(run([], { DEMO_PIDS: 'a=1, b=2' }).pairs, [{ name: 'a', pid: 1 }, { name: 'b', pid: 2 }])
  assert.deepEqual(run(['--pid', 'c=3'], { DEMO_PIDS: 'a=1' }).pairs, [{ name: 'c', pid: 3 }], 'flags replace the variable')
  assert.throws(() => run(['--pid', 'a=1', '--pid', 'nopid']), /^ {2}- --pid \(DEMO_PIDS\) item 2 \(pid\): /m)
  const help = addTableOptions(new Command('demo').configureHelp({ helpWidth: 200 }), table).helpInformation()
  assert.match(help, /-u, --vus <n>\s+VUs \(default 1\)/)
})

function namePid (text: string): unknown {
  const eq = text.indexOf('=')
  return { name: text.slice(0, Math.max(eq, 0)), pid: eq < 0 ? Number.NaN : Number(text.slice(eq + 1)) }
}

test('help text and --help carry the variables and the default from the schema', () => {
  const port = TABLE.rows[0]
  assert.ok(port !== undefined)
  assert.equal(helpText(TABLE, port), 'port to bind (env DEMO_PORT; default 8080)')
  const help = addTableOptions(new Command('demo').configureHelp({ helpWidth: 200 }), TABLE).helpInformation()
  assert.match(help, /--symbols <list>\s+symbols \(env DEMO_SYMBOLS; default AAPL,MSFT\)/)
  assert.match(help, /--feed-timeout-ms <ms>\s+feed timeout \(default 500\)/)
  assert.match(help, /--no-coalesce\s+do not coalesce \(default on\)/)
  assert.match(help, /--profiling\s+profile \(default off\)/, 'a switch\'s false default reads off')
  assert.doesNotMatch(help, /--token/, 'a row without a flag adds no flag')
})

test('the docs tables list flags with their variables and defaults, and options only code sets', () => {
  const flags = optionsMarkdown(TABLE)
  assert.match(flags, /^\| `--port <n>` \| `DEMO_PORT` \| `8080` \| port to bind \|$/m)
  assert.match(flags, /^\| — \| `DEMO_TOKEN` \| {2}\| a token \|$/m)
  assert.match(flags, /^\| `--no-coalesce` \| {2}\| on \| do not coalesce \|$/m, 'a default in words is text, not code')
  const piped = optionsMarkdown(defineOptionTable({ what: 'piped', schema: z.strictObject({ workers: z.string().default('auto') }), rows: [{ key: 'workers', flag: 'workers', value: '<n|auto>', help: 'threads' }] }))
  assert.match(piped, /^\| `--workers <n\\\|auto>` \| {2}\| `auto` \| threads \|$/m, 'a pipe in code would end the cell')
  assert.match(programmaticOptionsMarkdown(defineOptionTable({ ...TABLE, rows: [{ key: 'feed.timeoutMs', help: 'feed timeout' }] })), /^\| `feed.timeoutMs` \| `500` \| feed timeout \|$/m)
  const doc = 'intro\n<!-- options:demo:begin (generated from the option table: npm run docs:options) -->\nstale\n<!-- options:demo:end -->\nend'
  const written = withOptionsTables(doc, 'demo', TABLE)
  assert.ok(written.includes(flags) && written.startsWith('intro\n') && written.endsWith('\nend') && !written.includes('stale'))
  assert.equal(withOptionsTables(written, 'demo', TABLE), written, 'writing twice changes nothing')
  assert.throws(() => withOptionsTables('no markers', 'demo', TABLE), /markers/)
})

test('a table of options only code sets (a library\'s) writes its -api table alone: no flags table, no markers for one', () => {
  const api = defineOptionTable({ ...TABLE, rows: [{ key: 'port', help: 'port to bind' }, { key: 'feed.timeoutMs', help: 'feed timeout' }] })
  const doc = 'intro\n<!-- options:lib-api:begin (generated from the option table: npm run docs:options) -->\n<!-- options:lib-api:end -->\nend'
  const written = withOptionsTables(doc, 'lib', api)
  assert.match(written, /^\| `port` \| `8080` \| port to bind \|$/m)
  assert.match(written, /^\| `feed.timeoutMs` \| `500` \| feed timeout \|$/m)
  assert.ok(!written.includes('| flag |'))
})

test('an option with a default but no row is found (it would be missing from help and docs)', () => {
  assert.deepEqual(optionsWithoutRow(TABLE), [])
  assert.deepEqual(optionsWithoutRow(defineOptionTable({ ...TABLE, rows: TABLE.rows.filter((row) => row.key !== 'feed.timeoutMs' && row.key !== 'coalesce') })), ['feed.timeoutMs', 'coalesce'])
})

test('a row whose key is not an option is found (a typo would set nothing)', () => {
  assert.deepEqual(rowsWithoutOption(TABLE), [])
  assert.deepEqual(rowsWithoutOption(defineOptionTable({ ...TABLE, rows: [...TABLE.rows, { key: 'feed.timeoutMS', help: 'typo' }, { key: 'prot', help: 'typo' }] })), ['feed.timeoutMS', 'prot'])
})

test('a required flag: commander reports it missing, help and docs say required, the other defaults still show', () => {
  const table = defineOptionTable({
    what: 'flame options',
    schema: z.strictObject({ output: z.string().min(1), rows: z.number().int().positive().default(20) }),
    rows: [
      { key: 'output', flag: 'output', short: 'o', value: '<file>', required: true, help: 'file to write' },
      { key: 'rows', flag: 'rows', kind: 'number', help: 'rows to print' }
    ]
  })
  const command = (): Command => addTableOptions(new Command('demo').exitOverride().configureOutput({ writeErr: () => {} }), table)
  assert.throws(() => command().parse([], { from: 'user' }), /required option '-o, --output <file>' not specified/)
  const given = command().parse(['-o', 'x.html'], { from: 'user' })
  assert.deepEqual(parseOptionInput(table, readOptionInput(table, given.opts(), {})), { output: 'x.html', rows: 20 })
  const help = command().configureHelp({ helpWidth: 200 }).helpInformation()
  assert.match(help, /-o, --output <file>\s+file to write \(required\)/)
  assert.match(help, /--rows <n>\s+rows to print \(default 20\)/)
  assert.match(optionsMarkdown(table), /^\| `-o, --output <file>` \| {2}\| required \| file to write \|$/m)
  assert.deepEqual(optionsWithoutRow(table), [])
})

test('a scaled row: the flag counts seconds, the option ms; help and docs show the default in seconds', () => {
  const table = defineOptionTable({
    what: 'scaled',
    schema: z.strictObject({ timeoutMs: z.number().int().positive().default(60_000), names: z.array(z.string()).default([]) }),
    rows: [
      { key: 'timeoutMs', flag: 'timeout', kind: 'number', scale: 1000, unit: 's', env: 'DEMO_TIMEOUT', help: 'bound' },
      { key: 'names', flag: 'name', kind: 'repeatable', help: 'a name' }
    ]
  })
  const run = (flags: CliFlags, env: NodeJS.ProcessEnv = {}): z.output<typeof table.schema> => parseOptionInput(table, readOptionInput(table, flags, env))
  assert.equal(run({ timeout: '1.5' }).timeoutMs, 1500)
  assert.equal(run({}, { DEMO_TIMEOUT: '2' }).timeoutMs, 2000)
  assert.equal(run({}).timeoutMs, 60_000)
  assert.throws(() => run({ timeout: 'soon' }), /--timeout \(DEMO_TIMEOUT\): /)
  const [timeout, names] = table.rows
  assert.ok(timeout !== undefined && names !== undefined)
  assert.equal(helpText(table, timeout), 'bound (env DEMO_TIMEOUT; default 60)')
  assert.equal(defaultText(table, names), undefined, 'an empty list is no default to show')
  assert.equal(helpText(table, names), 'a name')
})

test('a flag with an optional value given alone takes the row\'s bare value; help and docs say so', () => {
  const table = defineOptionTable({
    what: 'bare',
    schema: z.strictObject({ plan: z.string().min(1).optional() }),
    rows: [{ key: 'plan', flag: 'chaos', value: '[plan]', bare: 'default', help: 'faults', defaultText: 'off' }]
  })
  const run = (argv: string[]): z.output<typeof table.schema> => {
    const command = addTableOptions(new Command('demo').exitOverride(), table)
    command.parse(argv, { from: 'user' })
    return parseOptionInput(table, readOptionInput(table, command.opts(), {}))
  }
  assert.deepEqual(run([]), {})
  assert.deepEqual(run(['--chaos']), { plan: 'default' })
  assert.deepEqual(run(['--chaos', 'engine-kill']), { plan: 'engine-kill' })
  const row = table.rows[0]
  assert.ok(row !== undefined)
  assert.equal(helpText(table, row), 'faults (default off; without a value: default)')
  assert.match(optionsMarkdown(table), /^\| `--chaos \[plan\]` \| {2}\| off; without a value: default \| faults \|$/m)
})

test('rowsUnder places a group\'s rows under a key of an outer table, flags and errors unchanged', () => {
  const inner = [{ key: 'port', flag: 'gateway-port', kind: 'number' as const, help: 'port' }]
  const table = defineOptionTable({
    what: 'outer',
    schema: z.strictObject({ stack: z.strictObject({ port: z.number().int().max(65535).default(8080), env: z.string().default('production') }).prefault({}) }),
    rows: [...rowsUnder('stack', inner), { key: 'stack.env', help: 'environment' }]
  })
  assert.deepEqual(parseOptionInput(table, readOptionInput(table, { gatewayPort: '9000' }, {})), { stack: { port: 9000, env: 'production' } })
  assert.throws(() => parseOptionInput(table, readOptionInput(table, { gatewayPort: '70000' }, {})), /--gateway-port: /)
  assert.equal(inner[0]?.key, 'port', 'the group\'s rows are not changed')
  assert.deepEqual(rowsWithoutOption(table), [])
})
