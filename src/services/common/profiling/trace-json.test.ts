import assert from 'node:assert/strict'
import { test } from 'node:test'
import { jsonSlices, jsonStream } from './trace-json.js'

async function joined (value: object, perSlice: number): Promise<string> {
  let text = ''
  for await (const piece of jsonSlices(value, 'traceEvents', perSlice)) text += piece
  return text
}

function sampleTrace (events: number): object {
  return {
    traceEvents: Array.from({ length: events }, (_, i) => ({ name: `e"${i}\u2028`, ph: i % 2 === 0 ? 'X' : 'C', ts: i * 10, pid: 1, tid: 1, dur: i % 3 === 0 ? undefined : 5, args: { value: i / 3, nested: [i, null, 'ü'] } })),
    displayTimeUnit: 'ms',
    skipped: undefined,
    metadata: { service: 'svc', source: 'inspector', categories: ['node.perf', 'v8'], seconds: 5, truncated: false }
  }
}

test('the sliced trace JSON is byte for byte what JSON.stringify writes, for any slice size', async () => {
  for (const events of [0, 1, 999, 1000, 1001, 2500]) {
    const trace = sampleTrace(events)
    for (const perSlice of [1, 7, 1000]) {
      assert.equal(await joined(trace, perSlice), JSON.stringify(trace), `${events} events, ${perSlice} per slice`)
    }
  }
})

test('the sliced trace JSON yields to the event loop between slices (no single long stringify)', async () => {
  const trace = sampleTrace(5000)
  let turns = 0
  const ticker = setInterval(() => { turns++ }, 0)
  const pieces: string[] = []
  try {
    for await (const piece of jsonSlices(trace, 'traceEvents', 500)) pieces.push(piece)
  } finally {
    clearInterval(ticker)
  }
  assert.ok(pieces.length >= 10, `${pieces.length} pieces`)
  assert.ok(turns >= 1, 'timers ran while the trace was being written')
})

test('the trace stream hands on the same bytes and reports their count at the end', async () => {
  const trace = sampleTrace(2345)
  let reported = -1
  const chunks: Buffer[] = []
  for await (const chunk of jsonStream(trace, 'traceEvents', (bytes) => { reported = bytes })) chunks.push(chunk as Buffer)
  const body = Buffer.concat(chunks)
  assert.equal(body.toString('utf8'), JSON.stringify(trace))
  assert.equal(reported, body.length)
})
