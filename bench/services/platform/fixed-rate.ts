/**
 * The Market Intel workload at a fixed arrival rate, for `bench:platform
 * --rate`: each iteration is the script's own `api()` (one request of the mix,
 * then its think time), started RATE times per second. Comparing two builds
 * at the same delivered rate keeps the services' caches equally effective in
 * both — at a VU plateau a build that a busy machine slows down also gets
 * fewer requests per cache lifetime, and so pays more per request.
 *   env RATE (iterations/s), RAMP_S, HOLD_S, MAX_VUS
 */
import { env } from 'market-intel-brain/load'
import { api } from '../../../load-testing/market-intel.js'

const number = (name: string, fallback: number): number => {
  const n = Number(env[name] ?? fallback)
  if (!(n > 0)) throw new Error(`${name} must be a positive number`)
  return n
}
const rate = number('RATE', 500)
const rampS = number('RAMP_S', 8)
const holdS = number('HOLD_S', 30)
const maxVus = number('MAX_VUS', 2000)

export const options = {
  scenarios: {
    api: {
      executor: 'ramping-arrival-rate',
      startRate: 0,
      timeUnit: '1s',
      // Think time U(0.1, 0.6) s: a VU serves ~2.5 iterations/s, so this many VUs hold the rate with room for slow answers.
      preAllocatedVUs: Math.min(maxVus, Math.ceil(rate * 0.6) + 50),
      maxVUs: maxVus,
      stages: [{ target: rate, duration: `${rampS}s` }, { target: rate, duration: `${holdS}s` }]
    }
  }
}

export default api
