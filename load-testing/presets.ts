/**
 * Load shapes (presets) and pass/fail criteria (thresholds) of the Market
 * Intel workload, shared by both runners. Each preset has an HTTP scenario
 * (`api`) and a WebSocket scenario (`websocket`, about 2% of the VUs).
 */

type Stage = { duration: string, target: number }

const api = (shape: Record<string, unknown>): Record<string, unknown> => ({ exec: 'api', ...shape })
const websocket = (shape: Record<string, unknown>): Record<string, unknown> => ({ exec: 'websocket', ...shape })

/** The seed's ramp: 30s→100, 1m→500, 2m@500, 1m→1000, 5m@1000, 1m→500, 2m@500, 30s→0 (13 min). */
export const STANDARD_STAGES: Stage[] = [
  { duration: '30s', target: 100 },
  { duration: '1m', target: 500 },
  { duration: '2m', target: 500 },
  { duration: '1m', target: 1000 },
  { duration: '5m', target: 1000 },
  { duration: '1m', target: 500 },
  { duration: '2m', target: 500 },
  { duration: '30s', target: 0 }
]

const wsShare = (vus: number): number => vus === 0 ? 0 : Math.max(1, Math.round(vus / 50))

function constant (vus: number, duration: string): Record<string, unknown> {
  return {
    scenarios: {
      api: api({ executor: 'constant-vus', vus, duration }),
      websocket: websocket({ executor: 'constant-vus', vus: wsShare(vus), duration })
    }
  }
}

export const PRESETS: Record<string, Record<string, unknown>> = {
  smoke: constant(10, '30s'),
  light: constant(100, '5m'),
  standard: {
    scenarios: {
      api: api({ executor: 'ramping-vus', startVUs: 0, stages: STANDARD_STAGES }),
      websocket: websocket({ executor: 'ramping-vus', startVUs: 0, stages: STANDARD_STAGES.map((s) => ({ duration: s.duration, target: wsShare(s.target) })) })
    }
  },
  heavy: constant(2000, '10m')
}

export const PRESET_NAMES = Object.keys(PRESETS)

export const THRESHOLDS: Record<string, string[]> = {
  http_req_duration: ['p(95)<500', 'p(99)<1000'],
  http_req_failed: ['rate<0.01'],
  errors: ['rate<0.01'],
  market_data_fetch_success: ['rate>0.95'],
  news_fetch_success: ['rate>0.95'],
  buffer_fetch_success: ['rate>0.95'],
  stats_fetch_success: ['rate>0.95'],
  websocket_connect_success: ['rate>0.90']
}
