/** The endpoints measured, each with the bare-Fastify route that returns a body of the same size. */
import { DEFAULT_SYMBOLS } from '../../../src/services/common/defaults.js'

export interface BenchRequest {
  method: 'GET' | 'POST'
  path: string
  body?: string
  headers?: Record<string, string>
}

export interface Endpoint {
  name: string
  /** Requests each connection sends in turn (several = a realistic mix of keys). */
  requests: BenchRequest[]
  /** Ratio to bare Fastify the gateway should reach on this 2-core class of machine, if any. */
  target?: number
}

const json = { 'content-type': 'application/json' }

export const ENDPOINTS: Endpoint[] = [
  { name: 'health', requests: [{ method: 'GET', path: '/api/v1/health' }], target: 0.8 },
  {
    name: 'market-data-buffer',
    // Rotating over the ten symbols, so coalescing only helps as much as real traffic would let it.
    requests: DEFAULT_SYMBOLS.map((s) => ({ method: 'GET', path: `/api/v1/market-data/buffer?symbol=${s}&limit=50` })),
    target: 0.5
  },
  { name: 'ingestion-stats', requests: [{ method: 'GET', path: '/api/v1/ingestion/stats' }], target: 0.5 },
  { name: 'news-buffer', requests: [{ method: 'GET', path: '/api/v1/news/buffer?keywords=stock,market&limit=20' }] },
  {
    name: 'market-data-fetch',
    requests: [{ method: 'POST', path: '/api/v1/market-data/fetch', body: JSON.stringify({ symbols: ['AAPL', 'MSFT'], source_id: 'yahoo_finance' }), headers: json }]
  }
]
