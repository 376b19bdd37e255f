/** Health of one service: GET its health URL; healthy means a 2xx answer within the timeout. */
import { httpGet, describeFailure } from './http-get.js'

export interface HealthResult {
  ok: boolean
  /** Absent when no HTTP answer came (refused, timed out). */
  statusCode: number | undefined
  latencyMs: number | undefined
  /** Why it is unhealthy. */
  detail: string | undefined
}

/** The bound: a health endpoint slower than this counts as down. */
export const HEALTH_TIMEOUT_MS = 2000

export async function checkHealth (url: string, timeoutMs = HEALTH_TIMEOUT_MS): Promise<HealthResult> {
  try {
    // Health bodies are small; a cap keeps a misbehaving endpoint from costing memory.
    const response = await httpGet(url, { timeoutMs, maxBodyBytes: 1024 * 1024 })
    const ok = response.statusCode >= 200 && response.statusCode < 300
    return { ok, statusCode: response.statusCode, latencyMs: response.latencyMs, detail: ok ? undefined : `HTTP ${response.statusCode}` }
  } catch (err) {
    return { ok: false, statusCode: undefined, latencyMs: undefined, detail: describeFailure(err, timeoutMs) }
  }
}
