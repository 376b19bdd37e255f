import { request } from 'undici'

export interface HealthResult {
  name: string
  url: string
  healthy: boolean
  statusCode?: number
  latencyMs: number
  error?: string
}

/** One GET of a health URL, bounded by `timeoutMs`; 200 means healthy. */
export async function checkHealth (name: string, url: string, timeoutMs = 2000): Promise<HealthResult> {
  const started = performance.now()
  try {
    const res = await request(url, { headersTimeout: timeoutMs, bodyTimeout: timeoutMs, signal: AbortSignal.timeout(timeoutMs) })
    await res.body.dump()
    return { name, url, healthy: res.statusCode === 200, statusCode: res.statusCode, latencyMs: performance.now() - started }
  } catch (err) {
    return { name, url, healthy: false, latencyMs: performance.now() - started, error: describe(err) }
  }
}

/** Polls until healthy or the deadline passes; resolves with the last result. */
export async function waitHealthy (name: string, url: string, timeoutMs: number, isAlive: () => boolean = () => true): Promise<HealthResult> {
  const deadline = Date.now() + timeoutMs
  let last = await checkHealth(name, url)
  while (!last.healthy && Date.now() < deadline && isAlive()) {
    await new Promise((resolve) => setTimeout(resolve, 200))
    last = await checkHealth(name, url)
  }
  return last
}

function describe (err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code ?? (err.cause as NodeJS.ErrnoException | undefined)?.code
    return code === undefined ? err.message : `${code}: ${err.message}`
  }
  return String(err)
}
