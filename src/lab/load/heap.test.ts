import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Worker } from 'node:worker_threads'
import { autoHeapGrowingPercent, autoSemiSpaceMb, tuneHeapForLoad } from './heap.js'

// The largest new-space capacity a fresh worker reaches while churning objects that survive scavenges.
async function workerNewSpaceMaxBytes (): Promise<number> {
  const source = `
    const v8 = require('node:v8')
    const keep = []
    let max = 0
    for (let i = 0; i < 1e6; i++) {
      keep.push({ i, s: 'x' + i })
      if (keep.length > 100000) keep.splice(0, 50000)
      if (i % 1000 === 0) max = Math.max(max, v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size)
    }
    require('node:worker_threads').parentPort.postMessage(max)`
  const worker = new Worker(source, { eval: true })
  try {
    return await new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject) })
  } finally {
    await worker.terminate()
  }
}

test('worker threads created while the heap is tuned keep their young generation within the cap', async () => {
  const heap = tuneHeapForLoad(2)
  try {
    // Two semi-spaces of 2 MB.
    assert.ok(await workerNewSpaceMaxBytes() <= 4 * 1024 * 1024)
  } finally {
    heap.release()
  }
})

test('a tuning started while another is active is a no-op: releasing it keeps the first one', async () => {
  const first = tuneHeapForLoad(2)
  try {
    tuneHeapForLoad(8).release()
    tuneHeapForLoad(0).release()
    assert.ok(await workerNewSpaceMaxBytes() <= 4 * 1024 * 1024)
  } finally {
    first.release()
  }
})

test('resize() gives worker threads created afterwards the new cap', async () => {
  const heap = tuneHeapForLoad(2)
  try {
    heap.resize(4)
    const max = await workerNewSpaceMaxBytes()
    assert.ok(max > 4 * 1024 * 1024, `new space ${max} B: still the first cap`)
    assert.ok(max <= 8 * 1024 * 1024, `new space ${max} B: over the new cap`)
  } finally {
    heap.release()
  }
})

test('auto: 4 MB per 1,250 VUs of a thread, from 4 to 16 MB', () => {
  assert.deepEqual([1, 1000, 1250, 1251, 2500, 3000, 5000, 20_000].map(autoSemiSpaceMb), [4, 4, 4, 8, 8, 12, 16, 16])
})

test('auto growing percent: a thread of up to 2,500 VUs lets the old generation grow to 2.5x its live size, more VUs 1.5x', () => {
  assert.deepEqual([1, 1000, 2500, 2501, 5000].map(autoHeapGrowingPercent), [150, 150, 150, 50, 50])
})
