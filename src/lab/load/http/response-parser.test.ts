/**
 * The transport's HTTP/1.x response parser, on exact bytes: framings, 1xx,
 * HEAD, keep-alive rules, limits and malformed input. Every response is fed
 * whole, byte by byte and cut at every position, through one reused read
 * buffer as the connection does, and must give the same callbacks each time.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { DEFAULT_MAX_HEADER_BYTES, ResponseParser, type ResponseHandler, type ResponseParserOptions } from './response-parser.js'

type Event =
  | ['head', number, string, string[], boolean, boolean]
  | ['body', string]
  | ['done']

/** Records callbacks; consecutive body pieces are joined, so any cutting of the reads gives the same events. */
class Recorder implements ResponseHandler {
  readonly events: Event[] = []
  /** Answer "no body" for final responses, as the connection does for HEAD. */
  readonly head: boolean
  constructor (head: boolean) { this.head = head }

  onHeadersComplete (status: number, statusText: string, rawHeaders: string[], keepAlive: boolean, upgrade: boolean): boolean {
    this.events.push(['head', status, statusText, rawHeaders, keepAlive, upgrade])
    return this.head && status >= 200
  }

  onBody (chunk: Buffer, offset: number, length: number): void {
    assert.ok(length > 0, 'an empty body piece')
    const text = chunk.toString('latin1', offset, offset + length)
    const last = this.events.at(-1)
    if (last?.[0] === 'body') last[1] += text
    else this.events.push(['body', text])
  }

  onMessageComplete (): void { this.events.push(['done']) }
}

interface Outcome {
  events: Event[]
  /** `code: message` of what execute() returned, if anything. */
  error?: string
  /** `code: message` of what finish() returned (called when execute() did not fail). */
  finished?: string
}

/**
 * Reads land at an offset in one buffer whose bytes around them are refilled
 * with LFs before each read: a parser that reads past a read's end, or keeps
 * a view of an earlier read, gets wrong bytes.
 */
let readBuffer = Buffer.alloc(8 * 1024)
const READ_OFFSET = 7
const READ_SLACK = 256

function run (reads: Buffer[], options: ResponseParserOptions = {}, head = false): Outcome {
  const recorder = new Recorder(head)
  const parser = new ResponseParser(recorder, options)
  const outcome: Outcome = { events: recorder.events }
  for (const read of reads) {
    const used = READ_OFFSET + read.length + READ_SLACK
    if (used > readBuffer.length) readBuffer = Buffer.alloc(used)
    readBuffer.fill(0x0a, 0, used)
    read.copy(readBuffer, READ_OFFSET)
    const error = parser.execute(readBuffer, READ_OFFSET, read.length)
    if (error !== undefined) { outcome.error = describe(error); return outcome }
  }
  const finished = parser.finish()
  if (finished !== undefined) outcome.finished = describe(finished)
  return outcome
}

function describe (error: Error): string {
  return `${(error as Error & { code?: string }).code ?? 'no code'}: ${error.message}`
}

/** The same bytes as one read, one read per byte, and two reads cut at every position. */
function cuttings (response: string): Array<{ how: string, reads: Buffer[] }> {
  const bytes = Buffer.from(response, 'latin1')
  const ways = [
    { how: 'whole', reads: [bytes] },
    { how: 'byte by byte', reads: Array.from(bytes, (b) => Buffer.from([b])) }
  ]
  for (let cut = 1; cut < bytes.length; cut++) ways.push({ how: `cut at ${cut}`, reads: [bytes.subarray(0, cut), bytes.subarray(cut)] })
  return ways
}

function assertEveryCutting (response: string, expected: Outcome, options: ResponseParserOptions = {}, head = false): void {
  for (const { how, reads } of cuttings(response)) assert.deepEqual(run(reads, options, head), expected, how)
}

/** For malformed input: the given error, and the same events, however the bytes are cut. */
function assertFailsEveryCutting (response: string, error: string, options: ResponseParserOptions = {}): void {
  const whole = run([Buffer.from(response, 'latin1')], options)
  assert.equal(whole.error, error)
  for (const { how, reads } of cuttings(response)) assert.deepEqual(run(reads, options), whole, how)
}

const PARSE = 'MIB_ERR_LOAD_HTTP_RESPONSE_PARSE: invalid HTTP response: '
const CLOSED = 'MIB_ERR_LOAD_HTTP_SOCKET_CLOSED: the connection closed before the response ended'

const NODE_HELLO = 'HTTP/1.1 200 OK\r\nDate: Mon, 01 Jan 2024 00:00:00 GMT\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\nContent-Length: 2\r\n\r\nok'
const NODE_HELLO_HEADERS = ['Date', 'Mon, 01 Jan 2024 00:00:00 GMT', 'Connection', 'keep-alive', 'Keep-Alive', 'timeout=5', 'Content-Length', '2']

test('a bare Node server\'s response gives its head, its body and its end, however the reads cut it', () => {
  assertEveryCutting(NODE_HELLO, { events: [['head', 200, 'OK', NODE_HELLO_HEADERS, true, false], ['body', 'ok'], ['done']] })
})

test('a chunked body is decoded; chunk extensions and trailers are dropped', () => {
  const response = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n' +
    '5;name=value\r\nhello\r\n6 ; x="y"\r\n world\r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\nX-Other: u\r\n\r\n'
  assertEveryCutting(response, { events: [['head', 200, 'OK', ['Transfer-Encoding', 'chunked'], true, false], ['body', 'hello world0123456789'], ['done']] })
})

test('100 Continue and 103 Early Hints come as heads without bodies, then the final response', () => {
  const response = 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc'
  assertEveryCutting(response, {
    events: [
      ['head', 100, 'Continue', [], true, false], ['done'],
      ['head', 103, 'Early Hints', ['Link', '</a.css>; rel=preload'], true, false], ['done'],
      ['head', 200, 'OK', ['Content-Length', '3'], true, false], ['body', 'abc'], ['done']
    ]
  })
})

test('several responses in one read are all parsed (Content-Length, chunked, 204, then close-delimited)', () => {
  const response = 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na' +
    'HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nb\r\n0\r\n\r\n' +
    'HTTP/1.1 204 No Content\r\n\r\n' +
    'HTTP/1.1 200 OK\r\n\r\nrest'
  assertEveryCutting(response, {
    events: [
      ['head', 200, 'OK', ['Content-Length', '1'], true, false], ['body', 'a'], ['done'],
      ['head', 201, 'Created', ['Transfer-Encoding', 'chunked'], true, false], ['body', 'b'], ['done'],
      ['head', 204, 'No Content', [], true, false], ['done'],
      ['head', 200, 'OK', [], false, false], ['body', 'rest'], ['done']
    ]
  })
})

test('HEAD: when the handler says "no body", Content-Length and chunked are ignored and the next response follows', () => {
  const response = 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'
  assertEveryCutting(response, {
    events: [
      ['head', 200, 'OK', ['Content-Length', '5'], true, false], ['done'],
      ['head', 200, 'OK', ['Transfer-Encoding', 'chunked'], true, false], ['done']
    ]
  }, {}, true)
})

test('204 and 304 have no body whatever Content-Length or Transfer-Encoding say', () => {
  const response = 'HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\nHTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'
  assertEveryCutting(response, {
    events: [
      ['head', 204, 'No Content', ['Content-Length', '5'], true, false], ['done'],
      ['head', 304, 'Not Modified', ['Transfer-Encoding', 'chunked'], true, false], ['done'],
      ['head', 200, 'OK', ['Content-Length', '0'], true, false], ['done']
    ]
  })
})

test('without Content-Length or chunked the body runs until the close: keepAlive is false and finish() ends it', () => {
  assertEveryCutting('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of\r\nthis', {
    events: [['head', 200, 'OK', ['Content-Type', 'text/plain'], false, false], ['body', 'all of\r\nthis'], ['done']]
  })
  // An empty close-delimited body still ends.
  assertEveryCutting('HTTP/1.0 200 OK\r\n\r\n', { events: [['head', 200, 'OK', [], false, false], ['done']] })
})

test('Transfer-Encoding: the last coding decides (chunked, or a body until the close); chunked wins over Content-Length', () => {
  const body = '\r\n\r\n3\r\nabc\r\n0\r\n\r\n'
  const cases: Array<[string, string[], boolean]> = [
    ['Transfer-Encoding: gzip, chunked', ['Transfer-Encoding', 'gzip, chunked'], true],
    ['transfer-encoding: CHUNKED', ['transfer-encoding', 'CHUNKED'], true],
    ['Content-Length: 100\r\nTransfer-Encoding: chunked', ['Content-Length', '100', 'Transfer-Encoding', 'chunked'], true],
    ['Transfer-Encoding: chunked, gzip', ['Transfer-Encoding', 'chunked, gzip'], false],
    ['Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip', ['Transfer-Encoding', 'chunked', 'Transfer-Encoding', 'gzip'], false],
    ['Transfer-Encoding: xchunked', ['Transfer-Encoding', 'xchunked'], false]
  ]
  for (const [headers, raw, chunked] of cases) {
    assertEveryCutting(`HTTP/1.1 200 OK\r\n${headers}${body}`, {
      events: [['head', 200, 'OK', raw, chunked, false], ['body', chunked ? 'abc' : '3\r\nabc\r\n0\r\n\r\n'], ['done']]
    })
  }
})

test('Content-Length repeated with the same value, or listed as "5, 5", is one length', () => {
  const response = 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\ncontent-length: 5\r\nCONTENT-LENGTH: 5 ,5\r\n\r\nhelloHTTP/1.1 204 No Content\r\n\r\n'
  assertEveryCutting(response, {
    events: [
      ['head', 200, 'OK', ['Content-Length', '5', 'content-length', '5', 'CONTENT-LENGTH', '5 ,5'], true, false], ['body', 'hello'], ['done'],
      ['head', 204, 'No Content', [], true, false], ['done']
    ]
  })
})

test('keepAlive: HTTP/1.1 unless Connection has the token close; HTTP/1.0 only with keep-alive', () => {
  const cases: Array<[string, string, boolean]> = [
    ['1.1', '', true],
    ['1.1', 'Connection: close\r\n', false],
    ['1.1', 'Connection: Upgrade, CLOSE\r\n', false],
    ['1.1', 'Connection: closed\r\n', true], // a token, not a substring
    ['1.1', 'Connection: keep-alive\r\nConnection: close\r\n', false],
    ['1.0', '', false],
    ['1.0', 'Connection: keep-alive\r\n', true],
    ['1.0', 'Connection: foo,Keep-Alive\r\n', true],
    ['1.0', 'Connection: keep-alive, close\r\n', false]
  ]
  for (const [version, connection, keepAlive] of cases) {
    const outcome = run([Buffer.from(`HTTP/${version} 200 OK\r\n${connection}Content-Length: 0\r\n\r\n`, 'latin1')])
    assert.equal(outcome.events[0]?.[4], keepAlive, `HTTP/${version} ${JSON.stringify(connection)}`)
    assert.deepEqual(outcome.events[1], ['done'])
  }
})

test('101 Switching Protocols: upgrade, the end of the message, and nothing parsed after it', () => {
  const response = 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n\x81\x05hello'
  assertEveryCutting(response, {
    events: [['head', 101, 'Switching Protocols', ['Upgrade', 'websocket', 'Connection', 'Upgrade'], true, true], ['done']]
  })
  // Even bytes that look like a response belong to the new protocol.
  const outcome = run([Buffer.from(response, 'latin1'), Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n')])
  assert.equal(outcome.events.length, 2)
})

test('status lines: an empty reason, no space before it, spaces and obs-text in it', () => {
  const cases: Array<[string, number, string]> = [
    ['HTTP/1.1 200', 200, ''],
    ['HTTP/1.1 404 ', 404, ''],
    ['HTTP/1.1 404 Not  Found\there ', 404, 'Not  Found\there '],
    ['HTTP/1.0 599 \xe9t\xe9', 599, '\xe9t\xe9']
  ]
  for (const [line, status, reason] of cases) {
    assertEveryCutting(`${line}\r\nContent-Length: 0\r\n\r\n`, { events: [['head', status, reason, ['Content-Length', '0'], !line.startsWith('HTTP/1.0'), false], ['done']] })
  }
})

test('header values are trimmed of spaces and tabs, empty values kept, names and obs-text as received', () => {
  const response = 'HTTP/1.1 200 OK\r\nX-A:  a  b \t\r\nX-Empty:\r\nX-Blank:   \r\nx-lower:\tv\r\nX-Latin: caf\xe9\r\nContent-Length: 0\r\n\r\n'
  assertEveryCutting(response, {
    events: [['head', 200, 'OK', ['X-A', 'a  b', 'X-Empty', '', 'X-Blank', '', 'x-lower', 'v', 'X-Latin', 'caf\xe9', 'Content-Length', '0'], true, false], ['done']]
  })
})

test('header strings reused across responses are never confused when their bytes share a hash', () => {
  // Same length, first, middle and last bytes: the same hash, so the same pair of slots (and a third that evicts).
  const response = 'HTTP/1.1 200 OK\r\nX-1: abcde\r\nX-2: aXcYe\r\nX-3: aZcZe\r\nContent-Length: 0\r\n\r\n'
  const headers = ['X-1', 'abcde', 'X-2', 'aXcYe', 'X-3', 'aZcZe', 'Content-Length', '0']
  assertEveryCutting(response + response, { events: [['head', 200, 'OK', headers, true, false], ['done'], ['head', 200, 'OK', headers, true, false], ['done']] })
})

test('bare LF line ends are accepted (as http-parser-js did), in the head, chunk lines and trailers', () => {
  const response = 'HTTP/1.1 200 OK\nContent-Length: 2\n\nokHTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n2\nab\n0\nX-T: 1\n\n'
  assertEveryCutting(response, {
    events: [
      ['head', 200, 'OK', ['Content-Length', '2'], true, false], ['body', 'ok'], ['done'],
      ['head', 200, 'OK', ['Transfer-Encoding', 'chunked'], true, false], ['body', 'ab'], ['done']
    ]
  })
})

test('empty lines before a status line (a stray CRLF after a body) are skipped', () => {
  assertEveryCutting('HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n', {
    events: [['head', 200, 'OK', ['Content-Length', '1'], true, false], ['body', 'a'], ['done'], ['head', 204, 'No Content', [], true, false], ['done']]
  })
})

test('finish(): nothing between responses; a SocketClosedError when a response was cut short', () => {
  assert.deepEqual(run([]), { events: [] })
  assert.deepEqual(run([Buffer.from(NODE_HELLO)]).finished, undefined)
  const head = 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n'
  const chunked = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'
  for (const cut of ['H', 'HTTP/1.1 20', head, `${head}\r`, `${head}\r\nab`, `${chunked}5\r\nhel`, `${chunked}5\r\nhello`, `${chunked}5\r\nhello\r\n0\r\n`, `${chunked}0\r\nX-T: 1\r\n`]) {
    const outcome = run([Buffer.from(cut)])
    assert.equal(outcome.finished, CLOSED, JSON.stringify(cut))
    assert.ok(!outcome.events.some((e) => e[0] === 'done'), JSON.stringify(cut))
  }
  assert.deepEqual(run([Buffer.from(`${head}\r\nab`)]).events, [['head', 200, 'OK', ['Content-Length', '5'], true, false], ['body', 'ab']])
})

test('malformed responses are ResponseParseErrors, however the reads cut them', () => {
  const ok = 'HTTP/1.1 200 OK\r\n'
  const chunked = `${ok}Transfer-Encoding: chunked\r\n\r\n`
  const cases: Array<[string, string]> = [
    ['SSH-2.0-OpenSSH_9.6\r\n', 'expected "HTTP/" at the start of a response'],
    ['\x16\x03\x01\x00\x02\x02\x0a', 'expected "HTTP/" at the start of a response'],
    ['http/1.1 200 OK\r\n\r\n', 'expected "HTTP/" at the start of a response'],
    ['HTTP/2.0 200 OK\r\n\r\n', 'unsupported HTTP version (only HTTP/1.0 and HTTP/1.1)'],
    ['HTTP/1.2 200 OK\r\n\r\n', 'unsupported HTTP version (only HTTP/1.0 and HTTP/1.1)'],
    ['HTTP/1.1 20 OK\r\n\r\n', 'invalid status line'],
    ['HTTP/1.1 2000 OK\r\n\r\n', 'invalid status line'],
    ['HTTP/1.1  200 OK\r\n\r\n', 'invalid status line'],
    ['HTTP/1.1 099 Low\r\n\r\n', 'invalid status code 99'],
    ['HTTP/1.1 200 OK\r\r\n\r\n', 'CR not followed by LF in the status line'],
    ['HTTP/1.1 200 O\x00K\r\n\r\n', 'invalid byte 0x00 in the status line'],
    [`${ok}NoColon\r\n\r\n`, 'header line without a colon'],
    [`${ok}Name : v\r\n\r\n`, 'whitespace between a header name and its colon'],
    [`${ok}X-A: a\r\n  b\r\n\r\n`, 'a header line starts with whitespace (obsolete line folding)'],
    [`${ok}: v\r\n\r\n`, 'empty header name'],
    [`${ok}X(A): v\r\n\r\n`, 'invalid byte 0x28 in a header name'],
    [`${ok}X: a\x00b\r\n\r\n`, 'invalid byte 0x00 in a header value'],
    [`${ok}X: a\x7f\r\n\r\n`, 'invalid byte 0x7f in a header value'],
    [`${ok}X: a\rb\r\n\r\n`, 'CR not followed by LF in a header value'],
    [`${ok}X: a\r\n\rb\r\n`, 'CR not followed by LF'],
    [`${ok}Content-Length: abc\r\n\r\n`, 'invalid Content-Length'],
    [`${ok}Content-Length: -1\r\n\r\n`, 'invalid Content-Length'],
    [`${ok}Content-Length: 1 2\r\n\r\n`, 'invalid Content-Length'],
    [`${ok}Content-Length:\r\n\r\n`, 'invalid Content-Length'],
    [`${ok}Content-Length: 5,\r\n\r\n`, 'invalid Content-Length'],
    [`${ok}Content-Length: 99999999999999999999\r\n\r\n`, 'invalid Content-Length'],
    [`${ok}Content-Length: 1\r\nContent-Length: 2\r\n\r\n`, 'conflicting Content-Length values'],
    [`${ok}Content-Length: 1, 2\r\n\r\n`, 'conflicting Content-Length values'],
    [`${chunked}zz\r\n`, 'invalid chunk size'],
    [`${chunked}\r\n`, 'invalid chunk size'],
    [`${chunked} 5\r\n`, 'invalid chunk size'],
    [`${chunked}-1\r\n`, 'invalid chunk size'],
    [`${chunked}5x\r\n`, 'invalid chunk size'],
    [`${chunked}fffffffffffffffff\r\n`, 'chunk size too large'],
    [`${chunked}2\r\nabc\r\n0\r\n\r\n`, 'missing CRLF after chunk data'],
    [`${chunked}2\r\nab\rX`, 'missing CRLF after chunk data'],
    [`${chunked}2\r\nab\r\r\n0\r\n\r\n`, 'missing CRLF after chunk data'],
    [`${chunked}2;a\x01\r\nab\r\n`, 'invalid byte 0x01 in a chunk extension'],
    [`${chunked}0\r\nNoColon\r\n\r\n`, 'header line without a colon']
  ]
  for (const [response, message] of cases) assertFailsEveryCutting(response, PARSE + message)
})

test('after an error the parser stays failed: execute() and finish() return the same error', () => {
  const parser = new ResponseParser(new Recorder(false))
  const error = parser.execute(Buffer.from('HTTP/1.1 200 OK\r\nNoColon\r\n\r\n'), 0, 28)
  assert.ok(error instanceof Error)
  assert.equal(parser.execute(Buffer.from(NODE_HELLO), 0, NODE_HELLO.length), error)
  assert.equal(parser.finish(), error)
})

test('maxHeaderBytes bounds the head (line ends included), the trailers and a chunk-size line, even before the line ends', () => {
  const head = 'HTTP/1.1 200 OK\r\nX-Pad: 0123456789\r\nContent-Length: 0\r\n\r\n'
  assertEveryCutting(head, { events: [['head', 200, 'OK', ['X-Pad', '0123456789', 'Content-Length', '0'], true, false], ['done']] }, { maxHeaderBytes: head.length })
  assertFailsEveryCutting(head, `${PARSE}response head larger than ${head.length - 1} bytes`, { maxHeaderBytes: head.length - 1 })
  // A line without an end is refused once it passes the bound, not buffered until its LF.
  assertFailsEveryCutting(`HTTP/1.1 200 OK\r\nX: ${'a'.repeat(100)}`, `${PARSE}response head larger than 64 bytes`, { maxHeaderBytes: 64 })
  const chunked = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'
  assertFailsEveryCutting(`${chunked}1;${'e'.repeat(70)}\r\na\r\n0\r\n\r\n`, `${PARSE}chunk-size line larger than 64 bytes`, { maxHeaderBytes: 64 })
  assertFailsEveryCutting(`${chunked}0\r\nX-T: ${'t'.repeat(70)}\r\n\r\n`, `${PARSE}trailer section larger than 64 bytes`, { maxHeaderBytes: 64 })
  // Each chunk-size line has the whole bound, apart from the head and from each other.
  const chunkedHead = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'
  assertEveryCutting(`${chunkedHead}${'1\r\na\r\n'.repeat(30)}0\r\n\r\n`, {
    events: [['head', 200, 'OK', ['Transfer-Encoding', 'chunked'], true, false], ['body', 'a'.repeat(30)], ['done']]
  }, { maxHeaderBytes: chunkedHead.length })
  // The bound is per response: many responses in a row each get the whole of it.
  assertEveryCutting(head + head + head, { events: Array.from({ length: 3 }, () => [['head', 200, 'OK', ['X-Pad', '0123456789', 'Content-Length', '0'], true, false], ['done']] as Event[]).flat() }, { maxHeaderBytes: head.length })
})

test('the default bound is 80 KiB, like http-parser-js\'s; a bound that is not a positive integer is refused', () => {
  assert.equal(DEFAULT_MAX_HEADER_BYTES, 80 * 1024)
  const big = `HTTP/1.1 200 OK\r\nX: ${'a'.repeat(DEFAULT_MAX_HEADER_BYTES)}\r\n\r\n`
  assert.equal(run([Buffer.from(big)]).error, `${PARSE}response head larger than 81920 bytes`)
  assert.throws(() => new ResponseParser(new Recorder(false), { maxHeaderBytes: 0 }), RangeError)
  assert.throws(() => new ResponseParser(new Recorder(false), { maxHeaderBytes: 1.5 }), RangeError)
})

test('bodies are handed over as views of the read buffer, not copies', () => {
  const read = Buffer.from(NODE_HELLO)
  const pieces: Array<[Buffer, number, number]> = []
  const parser = new ResponseParser({ onHeadersComplete: () => false, onBody: (chunk, offset, length) => { pieces.push([chunk, offset, length]) }, onMessageComplete: () => {} })
  assert.equal(parser.execute(read, 0, read.length), undefined)
  assert.deepEqual(pieces.map(([chunk, offset, length]) => [chunk === read, offset, length]), [[true, read.length - 2, 2]])
})
