// throughput.ts in k6's own synchronous style (k6 modules, __ENV): run unchanged, through the k6 transform.
import http from 'k6/http'
import { check } from 'k6'

export const options = {
  vus: Number(__ENV.VUS || '50'),
  duration: __ENV.DURATION || '5s',
  thresholds: { http_req_duration: ['p(99)<1000'], checks: ['rate>0.99'] }
}

export default function () {
  const res = http.get(__ENV.BASE_URL, { tags: { name: 'root' } })
  check(res, { 'status is 200': (r) => r.status === 200 })
}
