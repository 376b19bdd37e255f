/**
 * The Market Intel workload in k6's own synchronous style: it runs unchanged on
 * `mib load` (a test checks it gives the same results as market-intel.ts) and on
 * the k6 binary (k6 ≥ 0.57 runs TypeScript), for
 * k6 users and distributed runs with the k6-operator:
 *
 *   k6 run -e BASE_URL=http://host:8080 -e PRESET=standard load-testing/k6-load-test.ts
 *
 * Same operations, presets and thresholds as market-intel.ts (operations.ts,
 * presets.ts); written against k6's synchronous APIs.
 */
import http from 'k6/http'
import ws from 'k6/ws'
import { check, sleep } from 'k6'
import { Rate } from 'k6/metrics'
import type { Options } from 'k6/options'
import {
  CLEAN_REFUSALS, DEFAULT_BASE_URL, TICK_WAIT_MS, isCleanRefusal, isTick, marketDataSocketUrl, operationChecks, operationSucceeded,
  parseJson, pickOperation, subscribeMessage, thinkTimeS, type SuccessRate
} from './operations.ts'
import { PRESETS, THRESHOLDS } from './presets.ts'

const BASE_URL = (__ENV.BASE_URL ?? DEFAULT_BASE_URL).replace(/\/+$/, '')
const PRESET = __ENV.PRESET ?? 'smoke'

const errors = new Rate('errors')
const successRates: Record<SuccessRate, Rate> = {
  market_data_fetch_success: new Rate('market_data_fetch_success'),
  news_fetch_success: new Rate('news_fetch_success'),
  buffer_fetch_success: new Rate('buffer_fetch_success'),
  stats_fetch_success: new Rate('stats_fetch_success')
}
const websocketConnectSuccess = new Rate('websocket_connect_success')
const cleanRefusals = new Rate(CLEAN_REFUSALS)

const preset = PRESETS[PRESET]
if (preset === undefined) throw new Error(`unknown PRESET "${PRESET}" (known: ${Object.keys(PRESETS).join(', ')})`)

export const options: Options = {
  ...(preset as Options),
  thresholds: THRESHOLDS,
  summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)']
}

const JSON_HEADERS = { 'Content-Type': 'application/json' }

export function api (): void {
  const op = pickOperation(Math.random)
  const request = op.build(Math.random)
  const params = { tags: { name: op.name }, headers: JSON_HEADERS }
  const res = request.method === 'GET'
    ? http.get(`${BASE_URL}${request.path}`, params)
    : http.post(`${BASE_URL}${request.path}`, request.body, params)
  const json = parseJson(res.body)
  const passed = check(res, operationChecks(op, json))
  errors.add(!passed, { name: op.name })
  if (op.successRate !== undefined) successRates[op.successRate].add(operationSucceeded(op, res.status, json), { name: op.name })
  if (res.status === 503) cleanRefusals.add(isCleanRefusal(res.status, res.headers, json), { name: op.name })
  sleep(thinkTimeS(Math.random))
}

export function websocket (): void {
  let gotTick = false
  const res = ws.connect(marketDataSocketUrl(BASE_URL), { tags: { name: 'market_data_ws' } }, (socket) => {
    socket.on('open', () => { socket.send(subscribeMessage(Math.random)) })
    socket.on('message', (data: string) => {
      if (!gotTick && isTick(data)) {
        gotTick = true
        socket.close()
      }
    })
    socket.setTimeout(() => { socket.close() }, TICK_WAIT_MS)
  })
  const connected = check(res, {
    'websocket: upgraded (101)': (r) => r !== null && r.status === 101,
    [`websocket: a tick within ${TICK_WAIT_MS}ms`]: () => gotTick
  }, { name: 'market_data_ws' })
  websocketConnectSuccess.add(connected)
  sleep(thinkTimeS(Math.random))
}

export default api
