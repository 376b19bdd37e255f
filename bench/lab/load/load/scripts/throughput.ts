// Closed loop, no think time: as many requests as the VUs can make (env VUS, DURATION, BASE_URL).
import { http, check, env } from 'market-intel-brain/load'

export const options = {
  vus: Number(env.VUS ?? '50'),
  duration: env.DURATION ?? '5s',
  thresholds: { http_req_duration: ['p(99)<1000'], checks: ['rate>0.99'] }
}

export default async function (): Promise<void> {
  const res = await http.get(env.BASE_URL ?? '', { tags: { name: 'root' } })
  check(res, { 'status is 200': (r) => r.status === 200 })
}
