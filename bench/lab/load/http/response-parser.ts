/**
 * `npm run bench:load-parser`: the load transport's response
 * parser (src/lab/load/http/response-parser.ts) against http-parser-js, the
 * parser it replaces, driven as connection.ts drives it, on the same bytes in
 * the same run. Each parser reads a keep-alive sequence of one kind of
 * response, one response per read, from one reused buffer (as the transport's
 * shared read buffer); handlers do the same small work for both. Rounds are
 * interleaved (and which parser goes first alternates), so a shared machine's
 * noise moves both; the verdict per kind is the median of the rounds' paired
 * ratios. Not a test: numbers depend on the machine; record them in BENCHMARKS.md.
 *   --rounds <n>        interleaved rounds (default 7)
 *   --duration-ms <n>   measured time per parser, kind and round (default 150)
 */
import { cpus } from 'node:os'
import { parseArgs } from 'node:util'
import { HTTPParser, type OnHeadersCompleteParser } from 'http-parser-js'
import { ResponseParser, type ResponseHandler } from '../../../../src/lab/load/http/response-parser.js'

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '7' }, 'duration-ms': { type: 'string', default: '150' } } })
const rounds = Number(values.rounds)
const durationMs = Number(values['duration-ms'])
if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a positive integer')
if (!(durationMs > 0)) throw new Error('--duration-ms must be a positive number')

/** Responses parsed between clock reads: reading the clock costs nothing measurable. */
const BATCH = 1000
const DATE = 'Date: Sat, 28 Nov 2026 04:33:12 GMT'

interface Kind { name: string, reads: Buffer[] }

function kinds (): Kind[] {
  const hello = `HTTP/1.1 200 OK\r\n${DATE}\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\nContent-Length: 2\r\n\r\nok`
  const items = Array.from({ length: 24 }, (_, i) => ({ symbol: `SYM${i}`, price: 100 + i * 1.25, volume: 1000 * i, ts: 1_795_000_000_000 + i }))
  const json = JSON.stringify({ items, next: null }).padEnd(2048, ' ')
  const jsonHead = 'HTTP/1.1 200 OK\r\ncontent-type: application/json; charset=utf-8\r\n' +
    `content-length: ${Buffer.byteLength(json)}\r\nx-request-id: 6f1c2a9e-5b7d-4e21-9a3c-0d8e7f6a5b4c\r\ncache-control: no-store\r\n` +
    `vary: Accept-Encoding\r\n${DATE.toLowerCase()}\r\nconnection: keep-alive\r\nkeep-alive: timeout=72\r\n\r\n`
  const piece = 'x'.repeat(200)
  const chunked = `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n${DATE}\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\nTransfer-Encoding: chunked\r\n\r\n` +
    `c8\r\n${piece}\r\nc8\r\n${piece}\r\nc8\r\n${piece}\r\n0\r\n\r\n`
  const jsonBytes = Buffer.from(jsonHead + json, 'latin1')
  return [
    { name: 'bare Node server "ok" (5 headers)', reads: [Buffer.from(hello, 'latin1')] },
    { name: 'JSON ~2 KB (8 headers)', reads: [jsonBytes] },
    { name: 'chunked, 3 × 200 B (6 headers)', reads: [Buffer.from(chunked, 'latin1')] },
    // The slow path: the head cut in the middle of a line, its start copied aside.
    { name: 'JSON ~2 KB, head cut in two reads', reads: [jsonBytes.subarray(0, 150), jsonBytes.subarray(150)] }
  ]
}

/** What both handlers count: enough to keep the work observable, the same for both. */
interface Tally { responses: number, headerChars: number, bodyBytes: number, keepAlive: number }
const newTally = (): Tally => ({ responses: 0, headerChars: 0, bodyBytes: 0, keepAlive: 0 })

function countHead (tally: Tally, headers: string[], keepAlive: boolean): void {
  for (let i = 0; i < headers.length; i++) tally.headerChars += (headers[i] as string).length
  if (keepAlive) tally.keepAlive++
}

interface Subject { tally: Tally, execute: (data: Buffer, length: number) => void }

function ours (): Subject {
  const tally = newTally()
  const handler: ResponseHandler = {
    onHeadersComplete: (_status, _text, headers, keepAlive) => { countHead(tally, headers, keepAlive); return false },
    onBody: (_chunk, _offset, length) => { tally.bodyBytes += length },
    onMessageComplete: () => { tally.responses++ }
  }
  const parser = new ResponseParser(handler)
  return {
    tally,
    execute: (data, length) => {
      const error = parser.execute(data, 0, length)
      if (error !== undefined) throw error
    }
  }
}

interface HeadInfo { headers: string[], shouldKeepAlive: boolean }

function httpParserJs (): Subject {
  const tally = newTally()
  const parser = new HTTPParser(HTTPParser.RESPONSE)
  parser[HTTPParser.kOnHeadersComplete] = ((info: HeadInfo) => { countHead(tally, info.headers, info.shouldKeepAlive); return 0 }) as OnHeadersCompleteParser
  parser[HTTPParser.kOnBody] = (_chunk: Buffer, _offset: number, length: number) => { tally.bodyBytes += length }
  parser[HTTPParser.kOnMessageComplete] = () => { tally.responses++ }
  return {
    tally,
    execute: (data, length) => {
      const result = parser.execute(data, 0, length)
      if (result instanceof Error) throw result
    }
  }
}

/** One reused read buffer, as the transport's: each read is copied into it first (the same copy for both parsers). */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024)

function feed (subject: Subject, reads: Buffer[]): void {
  for (const read of reads) {
    read.copy(READ_BUFFER, 0)
    subject.execute(READ_BUFFER, read.length)
  }
}

/** ns per response over about durationMs. */
function measure (subject: Subject, reads: Buffer[]): number {
  let responses = 0
  const start = process.hrtime.bigint()
  const deadline = start + BigInt(Math.round(durationMs * 1e6))
  let now = start
  while (now < deadline) {
    for (let i = 0; i < BATCH; i++) feed(subject, reads)
    responses += BATCH
    now = process.hrtime.bigint()
  }
  return Number(now - start) / responses
}

/** Both parsers must see the same responses before their speed means anything. */
function checkSame (kind: Kind): void {
  const a = ours()
  const b = httpParserJs()
  for (let i = 0; i < 3; i++) { feed(a, kind.reads); feed(b, kind.reads) }
  const same = JSON.stringify(a.tally) === JSON.stringify(b.tally) && a.tally.responses === 3
  if (!same) throw new Error(`the parsers disagree on "${kind.name}": ours ${JSON.stringify(a.tally)}, http-parser-js ${JSON.stringify(b.tally)}`)
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((x, y) => x - y)
  const mid = s.length >> 1
  return s.length % 2 === 1 ? s[mid] as number : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

const all = kinds()
for (const kind of all) checkSame(kind)
const subjects = all.map(() => ({ ours: ours(), theirs: httpParserJs() }))
// Warm-up: let the JIT settle on both before anything counts.
for (const [k, kind] of all.entries()) {
  const s = subjects[k] as { ours: Subject, theirs: Subject }
  measure(s.ours, kind.reads)
  measure(s.theirs, kind.reads)
}
const results = all.map(() => ({ ours: [] as number[], theirs: [] as number[], ratios: [] as number[] }))
for (let round = 0; round < rounds; round++) {
  for (const [k, kind] of all.entries()) {
    const s = subjects[k] as { ours: Subject, theirs: Subject }
    const r = results[k] as { ours: number[], theirs: number[], ratios: number[] }
    let oursNs: number
    let theirsNs: number
    if (round % 2 === 0) { oursNs = measure(s.ours, kind.reads); theirsNs = measure(s.theirs, kind.reads) } else { theirsNs = measure(s.theirs, kind.reads); oursNs = measure(s.ours, kind.reads) }
    r.ours.push(oursNs)
    r.theirs.push(theirsNs)
    r.ratios.push(oursNs / theirsNs)
  }
}

const model = cpus()[0]?.model ?? 'unknown CPU'
console.log(`Machine: ${model}, ${cpus().length} cores, Node ${process.version}. ${rounds} interleaved rounds, ${durationMs} ms per parser, kind and round, ${new Date().toISOString().slice(0, 10)}.`)
console.log('')
console.log('| response | ours ns/response | http-parser-js ns/response | ours / http-parser-js (median of rounds) | rounds\' ratios |')
console.log('| --- | ---: | ---: | ---: | --- |')
for (const [k, kind] of all.entries()) {
  const r = results[k] as { ours: number[], theirs: number[], ratios: number[] }
  const spread = `${Math.min(...r.ratios).toFixed(2)}–${Math.max(...r.ratios).toFixed(2)}`
  console.log(`| ${kind.name} | ${median(r.ours).toFixed(0)} | ${median(r.theirs).toFixed(0)} | ${median(r.ratios).toFixed(2)}x | ${spread} |`)
}
