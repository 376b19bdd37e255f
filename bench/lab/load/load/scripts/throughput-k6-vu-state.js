// throughput-k6.js with module state that VU code changes (a counter, a session object): as in k6,
// each VU gets its own init context (the k6 transform's init per VU), which this variant measures.
import http from 'k6/http'
import { check } from 'k6'

export const options = {
  vus: Number(__ENV.VUS || '50'),
  duration: __ENV.DURATION || '5s',
  thresholds: { http_req_duration: ['p(99)<1000'], checks: ['rate>0.99'] }
}

let iterations = 0
const session = { statuses: [] }

export default function () {
  iterations++
  const res = http.get(__ENV.BASE_URL, { tags: { name: 'root' } })
  if (session.statuses.length < 4) session.statuses.push(res.status)
  check(res, { 'status is 200': (r) => r.status === 200 && iterations > 0 })
}
