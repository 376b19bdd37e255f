/**
 * The Market Intel workload for `mib load` (see docs/load.md):
 *
 *   node bin/mib.js load load-testing/market-intel.ts --preset smoke|light|standard|heavy [--time-scale 0.05]
 *   BASE_URL=http://host:8080 (env, or -e BASE_URL=...), default http://127.0.0.1:8080
 *
 * The same traffic runs on the k6 binary with k6-load-test.ts (shared definitions
 * in operations.ts and presets.ts).
 */
import { http, check, sleep, env, ws, Rate } from 'market-intel-brain/load'
import {
  CLEAN_REFUSALS, DEFAULT_BASE_URL, TICK_WAIT_MS, isCleanRefusal, isTick, marketDataSocketUrl, operationChecks, operationSucceeded,
  parseJson, pickOperation, subscribeMessage, thinkTimeS, type SuccessRate
} from './operations.js'
import { PRESETS, THRESHOLDS } from './presets.js'

const BASE_URL = (env.BASE_URL ?? DEFAULT_BASE_URL).replace(/\/+$/, '')

const errors = new Rate('errors')
const successRates: Record<SuccessRate, Rate> = {
  market_data_fetch_success: new Rate('market_data_fetch_success'),
  news_fetch_success: new Rate('news_fetch_success'),
  buffer_fetch_success: new Rate('buffer_fetch_success'),
  stats_fetch_success: new Rate('stats_fetch_success')
}
const websocketConnectSuccess = new Rate('websocket_connect_success')
const cleanRefusals = new Rate(CLEAN_REFUSALS)

/** Picked with --preset NAME (or env PRESET); without one, the smoke shape. */
export const presets = PRESETS

export const options = {
  ...PRESETS.smoke,
  thresholds: THRESHOLDS,
  summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)']
}

const JSON_HEADERS = { 'Content-Type': 'application/json' }

/** One HTTP operation, drawn by the traffic mix, then think time. */
export async function api (): Promise<void> {
  const op = pickOperation(Math.random)
  const request = op.build(Math.random)
  const params = { tags: { name: op.name }, headers: JSON_HEADERS }
  const res = request.method === 'GET'
    ? await http.get(`${BASE_URL}${request.path}`, params)
    : await http.post(`${BASE_URL}${request.path}`, request.body, params)
  const json = parseJson(res.body)
  const passed = check(res, operationChecks(op, json))
  errors.add(!passed, { name: op.name })
  if (op.successRate !== undefined) successRates[op.successRate].add(operationSucceeded(op, res.status, json), { name: op.name })
  if (res.status === 503) cleanRefusals.add(isCleanRefusal(res.status, res.headers, json), { name: op.name })
  await sleep(thinkTimeS(Math.random))
}

/** A WebSocket session: subscribe, receive one tick within TICK_WAIT_MS, close. */
export async function websocket (): Promise<void> {
  let gotTick = false
  const res = await ws.connect(marketDataSocketUrl(BASE_URL), { tags: { name: 'market_data_ws' } }, (socket) => {
    socket.on('open', () => { socket.send(subscribeMessage(Math.random)) })
    socket.on('message', (data) => {
      if (!gotTick && isTick(data)) {
        gotTick = true
        socket.close()
      }
    })
    socket.setTimeout(() => { socket.close() }, TICK_WAIT_MS)
  })
  const connected = check(res, {
    'websocket: upgraded (101)': (r) => r.status === 101,
    [`websocket: a tick within ${TICK_WAIT_MS}ms`]: () => gotTick
  }, { name: 'market_data_ws' })
  websocketConnectSuccess.add(connected)
  await sleep(thinkTimeS(Math.random))
}

export default api
