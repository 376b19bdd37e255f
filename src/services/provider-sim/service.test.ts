import { test } from 'node:test'
import assert from 'node:assert/strict'
import { request } from 'undici'
import { startProviderSim } from './service.js'
import { startTestSim, StreamClient } from './fixtures/test-sim.js'
import { waitFor } from '../../../test/helpers/wait.js'

/** Handles that would keep a process alive: servers, sockets and timers. */
function liveHandles (): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap' || r === 'TCPSocketWrap' || r === 'Timeout').length
}

test('close() stops the ticker, closes stream clients with 1001 and leaves no open handles', async (t) => {
  const baseline = liveHandles()
  const sim = await startProviderSim({ port: 0, env: 'test', knobs: { tickRateHz: 50 } })
  const client = await StreamClient.connect(t, `${sim.urls.ws}?symbols=*`)
  await client.next((m) => m.type === 'trade', 'a trade')
  await sim.close()
  assert.equal(await client.closed(), 1001)
  await waitFor(() => liveHandles() <= baseline ? true : undefined, `handles back to ${baseline} (now ${process.getActiveResourcesInfo().join(', ')})`)
})

test('close() does not wait for injected delays and can be called twice', { timeout: 45_000 }, async () => {
  const sim = await startProviderSim({ port: 0, env: 'test', profiling: { mode: 'off', adminPort: 0 }, knobs: { tickRateHz: 0, latencyMedianMs: 60_000 } })
  const pending = request(`${sim.urls.http}/v7/finance/quote?symbols=AAPL`, { reset: true }).then(async (res) => { await res.body.dump(); return res.statusCode }, () => 'reset')
  // The delay is observed (in /metrics) as it starts: then the request is waiting in it.
  const delaying = async (): Promise<boolean> => {
    const text = await (await request(`${sim.urls.http}/metrics`, { reset: true })).body.text()
    return /provider_sim_injected_delay_seconds_count\{[^}]*api="yahoo_quote"[^}]*\} 1/.test(text)
  }
  await waitFor(delaying, 'the request to be delayed')
  await Promise.all([sim.close(), sim.close()])
  await pending
})

test('a port in use fails start() with the listen error and leaks nothing', async (t) => {
  const first = await startTestSim(t, { knobs: { tickRateHz: 0 } })
  const port = Number(new URL(first.urls.http).port)
  const baseline = liveHandles()
  await assert.rejects(startProviderSim({ port, env: 'test', profiling: { mode: 'off', adminPort: 0 } }), /EADDRINUSE/)
  await waitFor(() => liveHandles() <= baseline ? true : undefined, 'handles back to the baseline')
})

test('invalid options fail start() before anything listens', async () => {
  await assert.rejects(startProviderSim({ port: -1, knobs: { errorRate: 5 } } as never), (err: unknown) => {
    assert.equal((err as { code?: string }).code, 'MIB_ERR_OPTIONS_INVALID')
    assert.match(String((err as Error).message), /port/)
    assert.match(String((err as Error).message), /knobs\.errorRate/)
    return true
  })
})

test('profiling is mounted on the main port by default outside production', async (t) => {
  const sim = await startProviderSim({ port: 0, env: 'test', knobs: { tickRateHz: 0 } })
  t.after(async () => { await sim.close() })
  const res = await request(`${sim.urls.http}/debug/pprof/`, { reset: true })
  await res.body.dump()
  assert.notEqual(res.statusCode, 404)
})
