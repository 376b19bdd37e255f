// think-time.ts in k6's own synchronous style (k6 modules, __ENV): run unchanged, through the k6 transform.
import http from 'k6/http'
import { check, sleep } from 'k6'

export const options = {
  stages: [
    { duration: __ENV.RAMP || '5s', target: Number(__ENV.VUS || '1000') },
    { duration: __ENV.DURATION || '10s', target: Number(__ENV.VUS || '1000') }
  ],
  thresholds: { checks: ['rate>0.99'] }
}

export default function () {
  const res = http.get(__ENV.BASE_URL, { tags: { name: 'root' } })
  check(res, { 'status is 200': (r) => r.status === 200 })
  sleep(0.1 + Math.random() * 0.5)
}
