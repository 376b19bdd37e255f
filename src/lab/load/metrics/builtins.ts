import type { MetricType, ValueType } from './types.js'

interface BuiltinMetric { readonly name: string, readonly type: MetricType, readonly contains: ValueType }

const time = (name: string): BuiltinMetric => ({ name, type: 'trend', contains: 'time' })
const counter = (name: string, contains: ValueType = 'default'): BuiltinMetric => ({ name, type: 'counter', contains })

/** Every k6 built-in metric, with k6's types, plus the coordinated-omission-corrected trends. */
export const BUILTIN_METRICS: readonly BuiltinMetric[] = [
  counter('http_reqs'),
  time('http_req_duration'),
  time('http_req_blocked'),
  time('http_req_connecting'),
  time('http_req_tls_handshaking'),
  time('http_req_sending'),
  time('http_req_waiting'),
  time('http_req_receiving'),
  { name: 'http_req_failed', type: 'rate', contains: 'default' },
  counter('iterations'),
  time('iteration_duration'),
  counter('dropped_iterations'),
  { name: 'vus', type: 'gauge', contains: 'default' },
  { name: 'vus_max', type: 'gauge', contains: 'default' },
  counter('data_sent', 'data'),
  counter('data_received', 'data'),
  { name: 'checks', type: 'rate', contains: 'default' },
  time('group_duration'),
  counter('ws_sessions'),
  time('ws_connecting'),
  time('ws_session_duration'),
  counter('ws_msgs_sent'),
  counter('ws_msgs_received'),
  time('ws_ping'),
  // Recorded by arrival-rate executors: latency measured from each iteration's
  // intended start, so a stalled system cannot hide its queueing delay
  // (coordinated omission). k6 has no equivalent.
  time('http_req_duration_intended'),
  time('iteration_duration_intended')
]

/**
 * Metrics that get a per-tag-value breakdown (by default per `name` tag): the
 * per-operation table. Other metrics keep only whole-metric and declared
 * sub-metric sinks, so a high-cardinality tag cannot blow up memory.
 */
export const BREAKDOWN_METRICS: ReadonlySet<string> = new Set([
  'http_reqs', 'http_req_duration', 'http_req_failed', 'checks', 'http_req_duration_intended'
])

/** k6's system tags, for documentation and for outputs that filter tags. */
export const SYSTEM_TAGS = [
  'method', 'name', 'url', 'status', 'scenario', 'group', 'expected_response', 'error_code', 'check'
] as const

const NAME_RULE = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/

/** k6's metric name rule: up to 128 ASCII letters, digits or underscores, not starting with a digit. */
export function isValidMetricName (name: string): boolean {
  return NAME_RULE.test(name)
}
