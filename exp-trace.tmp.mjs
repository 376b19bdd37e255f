import { Session } from 'node:inspector'
import { monitorEventLoopDelay } from 'node:perf_hooks'
const keep = []
for (let i = 0; i < 1.0e6; i++) keep.push({ a: i, b: 'x' + i, c: [i] })
let junk = []
setInterval(() => { for (let i = 0; i < 20000; i++) junk.push({ i, s: 'y' + i }); if (junk.length > 200000) junk = [] }, 5)
const cats = process.argv[2].split(',')
const h = monitorEventLoopDelay({ resolution: 5 }); h.enable()
await new Promise(r => setTimeout(r, 1500)); h.reset()
const s = new Session(); s.connect()
let n = 0; s.on('NodeTracing.dataCollected', (m) => { n += m.params.value.length })
const done = new Promise(r => s.once('NodeTracing.tracingComplete', r))
let t = performance.now()
await new Promise((res, rej) => s.post('NodeTracing.start', { traceConfig: { recordMode: 'recordAsMuchAsPossible', includedCategories: cats } }, (e) => e ? rej(e) : res()))
console.log('start', (performance.now() - t).toFixed(0), 'max delay', (h.max / 1e6).toFixed(0)); h.reset()
await new Promise(r => setTimeout(r, 3000))
console.log('during max delay', (h.max / 1e6).toFixed(0)); h.reset()
t = performance.now()
await new Promise((res) => s.post('NodeTracing.stop', () => res()))
await done
console.log('stop', (performance.now() - t).toFixed(0), 'events', n)
await new Promise(r => setTimeout(r, 300))
console.log('stop max delay', (h.max / 1e6).toFixed(0))
process.exit(0)
