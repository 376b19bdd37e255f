// Many VUs with think time U(0.1, 0.6) s, like the Market Intel workload (env VUS, DURATION, RAMP, BASE_URL).
import { http, check, sleep, env } from 'market-intel-brain/load'

export const options = {
  stages: [
    { duration: env.RAMP ?? '5s', target: Number(env.VUS ?? '1000') },
    { duration: env.DURATION ?? '10s', target: Number(env.VUS ?? '1000') }
  ],
  thresholds: { checks: ['rate>0.99'] }
}

export default async function (): Promise<void> {
  const res = await http.get(env.BASE_URL ?? '', { tags: { name: 'root' } })
  check(res, { 'status is 200': (r) => r.status === 200 })
  await sleep(0.1 + Math.random() * 0.5)
}
