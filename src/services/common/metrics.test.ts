import { test } from 'node:test'
import assert from 'node:assert/strict'
import Fastify from 'fastify'
import { ServiceMetrics } from './metrics.js'

/** The value of http_requests_total for `route` and `status` in a scrape. */
function requestsOf (text: string, route: string, status: number): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith('http_requests_total{') && l.includes(`route="${route}"`) && l.includes(`status="${status}"`))
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1))
}

test('http_requests_total counts every request once, whenever and however often it is read (counts are added at scrape time)', async (t) => {
  const metrics = new ServiceMetrics('metrics-test')
  const app = Fastify()
  metrics.instrument(app)
  app.get('/a', async () => ({ ok: true }))
  t.after(async () => { await app.close() })
  const scrape = async (): Promise<string> => (await app.inject('/metrics')).body

  for (let i = 0; i < 3; i++) await app.inject('/a')
  await app.inject('/nowhere')
  let text = await scrape()
  assert.equal(requestsOf(text, '/a', 200), 3)
  assert.equal(requestsOf(text, 'unmatched', 404), 1)
  assert.equal(requestsOf(await scrape(), '/a', 200), 3, 'a second scrape adds nothing')

  for (let i = 0; i < 2; i++) await app.inject('/a')
  const counted = (await metrics.httpRequests.get()).values.find((v) => v.labels.route === '/a')
  assert.equal(counted?.value, 5, 'get() on the counter reads the pending counts too')
  text = await scrape()
  assert.equal(requestsOf(text, '/a', 200), 5)
  assert.match(text, /http_request_duration_seconds_count\{[^}]*route="\/a"[^}]*status="200"[^}]*\} 5/, 'the histogram counts the same requests')
})
