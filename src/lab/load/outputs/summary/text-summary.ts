import type { GroupNode, OperationSummary, SummaryData, SummaryMetric } from '../../metrics/index.js'
import { DEFAULT_SUMMARY_TREND_STATS, isSubmetricSelector, parseSubmetricSelector } from '../../metrics/index.js'
import { palette, type Palette, visibleLength } from './colors.js'
import { formatBytes, formatNumber, formatPercent, formatRate, formatTime, formatValue } from './format.js'

export interface TextSummaryOptions {
  /** Prefix of every line (k6-summary's `indent`). */
  readonly indent?: string
  readonly enableColors?: boolean
  /** Rows of the per-operation table before it is cut (busiest first). */
  readonly maxOperations?: number
}

/** Metric sections in k6 v1's order; anything else is CUSTOM. */
const SECTIONS: ReadonlyArray<readonly [string, (name: string) => boolean]> = [
  ['HTTP', (n) => n.startsWith('http_')],
  ['EXECUTION', (n) => ['iterations', 'dropped_iterations', 'vus', 'vus_max', 'group_duration'].includes(n) || n.startsWith('iteration_duration')],
  ['NETWORK', (n) => n === 'data_sent' || n === 'data_received'],
  ['WEBSOCKET', (n) => n.startsWith('ws_')]
]

/**
 * What textSummary reads: k6's handleSummary `data`. mib's extensions and
 * `options`/`state` may be missing (a script may pass a k6-shaped or trimmed
 * object, as with k6-summary's helper).
 */
export type TextSummaryInput = Pick<SummaryData, 'metrics' | 'root_group'> & {
  readonly options?: Partial<SummaryData['options']>
  readonly state?: Partial<SummaryData['state']>
  readonly operations?: SummaryData['operations']
  readonly limits?: Partial<SummaryData['limits']>
}

interface Context {
  readonly data: SummaryData
  readonly c: Palette
  readonly indent: string
  readonly timeUnit: string
}

/**
 * The end-of-test summary as text, like k6's (and k6-summary's
 * `textSummary(data, { indent, enableColors })`): thresholds ✓/✗ under their
 * metric, checks, metrics by section, plus the per-operation table.
 */
export function textSummary (input: TextSummaryInput, options: TextSummaryOptions = {}): string {
  const data = complete(input)
  const ctx: Context = { data, c: palette(options.enableColors ?? false), indent: options.indent ?? ' ', timeUnit: data.options.summaryTimeUnit }
  const blocks = [
    thresholdsBlock(ctx),
    totalResultsBlock(ctx),
    operationsBlock(ctx, options.maxOperations ?? 50),
    limitsBlock(ctx)
  ].filter((block) => block.length > 0)
  return `\n${blocks.map((lines) => lines.map((line) => (line === '' ? '' : ctx.indent + line)).join('\n')).join('\n\n\n')}\n`
}

function complete (input: TextSummaryInput): SummaryData {
  return {
    metrics: input.metrics ?? {},
    root_group: input.root_group ?? { name: '', path: '', id: '', groups: [], checks: [] },
    options: {
      summaryTrendStats: input.options?.summaryTrendStats ?? DEFAULT_SUMMARY_TREND_STATS,
      summaryTimeUnit: input.options?.summaryTimeUnit ?? '',
      noColor: input.options?.noColor ?? false
    },
    state: {
      isStdOutTTY: input.state?.isStdOutTTY ?? false,
      isStdErrTTY: input.state?.isStdErrTTY ?? false,
      testRunDurationMs: input.state?.testRunDurationMs ?? 0
    },
    operations: input.operations ?? [],
    limits: {
      operationsOverflow: input.limits?.operationsOverflow ?? 0,
      checksOverflow: input.limits?.checksOverflow ?? 0,
      clampedValues: input.limits?.clampedValues ?? 0
    }
  }
}

function heading (ctx: Context, title: string): string {
  return ctx.c.bold(`█ ${title}`)
}

function thresholdsBlock (ctx: Context): string[] {
  const lines: string[] = []
  for (const [key, metric] of Object.entries(ctx.data.metrics)) {
    if (metric.thresholds === undefined) continue
    lines.push('', `  ${key}`)
    for (const [expression, { ok }] of Object.entries(metric.thresholds)) {
      const mark = ok ? ctx.c.green('✓') : ctx.c.red('✗')
      const aggregation = expression.split(/\s*(?:===|==|!=|>=|<=|>|<)/)[0]?.replace(/\s+/g, '') ?? ''
      const actual = metric.values[aggregation]
      const shown = actual === undefined ? '' : ` ${aggregation}=${ctx.c.cyan(formatStat(ctx, metric, aggregation, actual))}`
      lines.push(`  ${mark} '${expression}'${shown}`)
    }
  }
  return lines.length === 0 ? [] : [heading(ctx, 'THRESHOLDS'), ...lines]
}

function formatStat (ctx: Context, metric: SummaryMetric, stat: string, value: number): string {
  if (metric.type === 'rate' && stat === 'rate') return formatPercent(value)
  if (metric.type === 'counter' && stat === 'rate') return formatRate(value)
  if (stat === 'count' || stat === 'passes' || stat === 'fails') return formatNumber(value)
  return formatValue(value, metric.contains, ctx.timeUnit)
}

function totalResultsBlock (ctx: Context): string[] {
  const rows = metricRows(ctx)
  const width = Math.max(30, ...rows.flatMap(([, section]) => section.map(([label]) => visibleLength(label) + 3)))
  const lines: string[] = [heading(ctx, 'TOTAL RESULTS')]
  const checks = checksLines(ctx, width)
  if (checks.length > 0) lines.push('', ...checks)
  for (const [title, section] of rows) {
    lines.push('', `  ${title}`)
    for (const [label, value] of section) lines.push(`  ${dotted(ctx, label, width)}: ${value}`)
  }
  return lines
}

function dotted (ctx: Context, label: string, width: number): string {
  const dots = Math.max(1, width - visibleLength(label))
  return label + ctx.c.faint('.'.repeat(dots))
}

type Row = readonly [label: string, value: string]

function metricRows (ctx: Context): Array<readonly [string, Row[]]> {
  const sections = new Map<string, Row[]>()
  const entries = Object.entries(ctx.data.metrics).filter(([key]) => key !== 'checks')
  for (const [key, metric] of entries) {
    if (isSubmetricSelector(key)) continue
    const title = SECTIONS.find(([, matches]) => matches(key))?.[0] ?? 'CUSTOM'
    const rows = sections.get(title) ?? []
    rows.push([key, metricValue(ctx, metric)])
    for (const [subKey, sub] of entries) {
      if (!isSubmetricSelector(subKey)) continue
      const selector = parseSubmetricSelector(subKey)
      if (selector.metric !== key) continue
      rows.push([`  { ${selector.key.slice(key.length + 1, -1)} }`, metricValue(ctx, sub)])
    }
    sections.set(title, rows)
  }
  const order = [...SECTIONS.map(([title]) => title), 'CUSTOM']
  return order.filter((title) => sections.has(title)).map((title) => [title, sections.get(title) ?? []] as const)
}

function metricValue (ctx: Context, metric: SummaryMetric): string {
  const { c } = ctx
  const v = metric.values
  switch (metric.type) {
    case 'counter': {
      const count = v.count ?? 0
      const shown = metric.contains === 'data' ? formatBytes(count) : formatNumber(count)
      const rate = metric.contains === 'data' ? `${formatBytes(v.rate ?? 0)}/s` : formatRate(v.rate ?? 0)
      return `${c.cyan(shown.padEnd(7))} ${c.faint(rate)}`
    }
    case 'gauge':
      return `${c.cyan(formatValue(v.value ?? 0, metric.contains, ctx.timeUnit).padEnd(7))} ${c.faint(`min=${formatValue(v.min ?? 0, metric.contains, ctx.timeUnit)}`)} ${c.faint(`max=${formatValue(v.max ?? 0, metric.contains, ctx.timeUnit)}`)}`
    case 'rate': {
      const passes = v.passes ?? 0
      const total = passes + (v.fails ?? 0)
      return `${c.cyan(formatPercent(v.rate ?? 0).padEnd(7))} ${c.faint(`${formatNumber(passes)} out of ${formatNumber(total)}`)}`
    }
    case 'trend':
      return ctx.data.options.summaryTrendStats
        .map((stat) => `${stat}=${c.cyan(formatStat(ctx, metric, stat, v[stat] ?? 0))}`)
        .map((cell) => cell + ' '.repeat(Math.max(1, 14 - visibleLength(cell))))
        .join('')
        .trimEnd()
  }
}

function checksLines (ctx: Context, width: number): string[] {
  const checks = ctx.data.metrics.checks
  const lines: string[] = []
  if (checks !== undefined) {
    const passes = checks.values.passes ?? 0
    const fails = checks.values.fails ?? 0
    const total = passes + fails
    const seconds = ctx.data.state.testRunDurationMs / 1000
    lines.push(
      `  ${dotted(ctx, 'checks_total', width)}: ${ctx.c.cyan(String(total).padEnd(7))} ${ctx.c.faint(formatRate(seconds > 0 ? total / seconds : 0))}`,
      `  ${dotted(ctx, 'checks_succeeded', width)}: ${ctx.c.cyan(formatPercent(total === 0 ? 0 : passes / total).padEnd(7))} ${ctx.c.faint(`${passes} out of ${total}`)}`,
      `  ${dotted(ctx, 'checks_failed', width)}: ${ctx.c.cyan(formatPercent(total === 0 ? 0 : fails / total).padEnd(7))} ${ctx.c.faint(`${fails} out of ${total}`)}`
    )
  }
  const tree = groupLines(ctx, ctx.data.root_group, '  ')
  if (tree.length > 0) lines.push(...(lines.length > 0 ? [''] : []), ...tree)
  return lines
}

function groupLines (ctx: Context, group: GroupNode, pad: string): string[] {
  const lines: string[] = []
  for (const check of group.checks) {
    const total = check.passes + check.fails
    if (check.fails === 0) {
      lines.push(`${pad}${ctx.c.green('✓')} ${check.name}`)
    } else {
      const share = total === 0 ? 0 : Math.floor((check.passes / total) * 100)
      lines.push(`${pad}${ctx.c.red('✗')} ${check.name}`, `${pad}  ${ctx.c.faint(`↳  ${share}% — ✓ ${check.passes} / ✗ ${check.fails}`)}`)
    }
  }
  for (const child of group.groups) {
    lines.push('', `${pad}█ ${child.name}`, ...groupLines(ctx, child, `${pad}  `))
  }
  return lines
}

/** A name built from a URL must not push the numbers off the screen. */
const MAX_NAME_WIDTH = 48

const OPERATION_COLUMNS = ['reqs', 'rps', 'err %', 'p50', 'p95', 'p99', 'max'] as const

function operationsBlock (ctx: Context, maxRows: number): string[] {
  const operations = ctx.data.operations
  if (operations.length === 0) return []
  const shown = operations.slice(0, maxRows)
  const withIntended = shown.some((op) => op.p99Intended !== undefined)
  const header = ['name', ...OPERATION_COLUMNS, ...(withIntended ? ['p99 intended'] : [])]
  const rows = shown.map((op) => operationCells(ctx, op, withIntended))
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)))
  const render = (cells: readonly string[]): string => cells
    .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
    .join('  ')
  const lines = [heading(ctx, 'OPERATIONS (by name tag)'), '', `  ${ctx.c.bold(render(header))}`]
  for (const [i, row] of rows.entries()) {
    const line = render(row)
    lines.push(`  ${(shown[i]?.failed ?? 0) > 0 ? line.replace(/^(\S+)/, ctx.c.red('$1')) : line}`)
  }
  if (operations.length > shown.length) lines.push(`  ${ctx.c.faint(`… ${operations.length - shown.length} more operations in the summary export`)}`)
  return lines
}

function operationCells (ctx: Context, op: OperationSummary, withIntended: boolean): string[] {
  const time = (ms: number): string => formatTime(ms, ctx.timeUnit)
  return [
    op.name.length > MAX_NAME_WIDTH ? `${op.name.slice(0, MAX_NAME_WIDTH - 1)}…` : op.name,
    String(op.requests),
    formatRate(op.rps),
    formatPercent(op.errorRate),
    time(op.p50),
    time(op.p95),
    time(op.p99),
    time(op.max),
    ...(withIntended ? [op.p99Intended === undefined ? '-' : time(op.p99Intended)] : [])
  ]
}

function limitsBlock (ctx: Context): string[] {
  const { operationsOverflow, checksOverflow, clampedValues } = ctx.data.limits
  const notes: string[] = []
  if (operationsOverflow > 0) notes.push(`${operationsOverflow} requests had a name tag beyond the distinct-name cap and are only in the totals`)
  if (checksOverflow > 0) notes.push(`${checksOverflow} check results beyond the distinct-check cap are only in the checks rate`)
  if (clampedValues > 0) notes.push(`${clampedValues} trend values were outside the histogram range and were clamped for percentiles`)
  return notes.length === 0 ? [] : [ctx.c.bold('█ NOTES'), '', ...notes.map((note) => `  ${ctx.c.faint(note)}`)]
}
