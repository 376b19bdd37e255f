/**
 * The provider simulator's knobs over its admin API (docs/provider-sim.md,
 * "Knobs"): the simulator is another process, so the workflow speaks HTTP to
 * it like an operator would.
 */
import { request } from 'undici'
import type { KnobsPatch, ProviderSimKnobs } from '../../services/provider-sim/index.js'
import { ChaosInjectionFailedError } from './errors.js'

const TIMEOUT_MS = 5000

export interface ProviderKnobs {
  get: () => Promise<ProviderSimKnobs>
  /** Merges `patch`; resolves with the knobs now in force. */
  set: (patch: KnobsPatch) => Promise<ProviderSimKnobs>
}

export function providerKnobs (providerUrl: string, faultName: string): ProviderKnobs {
  const url = `${providerUrl.replace(/\/+$/, '')}/admin/config`
  const call = async (method: 'GET' | 'PATCH', body?: KnobsPatch): Promise<ProviderSimKnobs> => {
    try {
      const res = await request(url, {
        method,
        headersTimeout: TIMEOUT_MS,
        bodyTimeout: TIMEOUT_MS,
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      })
      const text = await res.body.text()
      if (res.statusCode !== 200) throw new ChaosInjectionFailedError(faultName, `${method} ${url}: ${res.statusCode} ${text.slice(0, 300)}`)
      return JSON.parse(text) as ProviderSimKnobs
    } catch (err) {
      if (err instanceof ChaosInjectionFailedError) throw err
      throw new ChaosInjectionFailedError(faultName, `${method} ${url}: ${(err as Error).message}`)
    }
  }
  return { get: async () => await call('GET'), set: async (patch) => await call('PATCH', patch) }
}
