// think-time-k6.js with module state that VU code changes (a counter, a session object): as in k6,
// each VU gets its own init context (the k6 transform's init per VU), which this variant measures.
import http from 'k6/http'
import { check, sleep } from 'k6'

export const options = {
  stages: [
    { duration: __ENV.RAMP || '5s', target: Number(__ENV.VUS || '1000') },
    { duration: __ENV.DURATION || '10s', target: Number(__ENV.VUS || '1000') }
  ],
  thresholds: { checks: ['rate>0.99'] }
}

let iterations = 0
const session = { statuses: [] }

export default function () {
  iterations++
  const res = http.get(__ENV.BASE_URL, { tags: { name: 'root' } })
  if (session.statuses.length < 4) session.statuses.push(res.status)
  check(res, { 'status is 200': (r) => r.status === 200 && iterations > 0 })
  sleep(0.1 + Math.random() * 0.5)
}
