/**
 * HTTP/1.0 and 1.1 response parser for the load runner's transport (RFC 9112),
 * in place of http-parser-js: that one makes a string of every line and runs
 * a RegExp on it, garbage a load generator pays on every response. This one
 * scans bytes where they lie and makes strings only of header names, header
 * values and the reason phrase, reusing recent ones when the bytes match (see
 * interned()); the framing headers are recognised on the bytes, so no name is
 * lowercased.
 *
 * Reads may split anywhere. Whole lines are parsed in the read's buffer; the
 * start of a line cut by the end of a read is copied into a small buffer kept
 * for the parser's life (the read buffer is reused by the next read) and
 * parsed when its LF arrives. Bodies are handed over as views of the read.
 *
 * Lenient like http-parser-js (what this replaces) where it costs nothing and
 * hides no ambiguity: a bare LF ends a line as CRLF does, empty lines before
 * a status line are skipped. Stricter where a response is broken: obs-fold,
 * whitespace before a colon, control characters in a line, a Content-Length
 * that is not digits and a chunk line that is not hex are errors.
 */
import { ResponseParseError, SocketClosedError } from './transport-errors.js'

export interface ResponseHandler {
  /** Final or informational (1xx) response head. rawHeaders is flat [name, value, ...] as received (latin1 strings, value trimmed of surrounding spaces/tabs).
   *  Return true when this response has no body whatever its headers say (the request was HEAD). */
  onHeadersComplete (status: number, statusText: string, rawHeaders: string[], keepAlive: boolean, upgrade: boolean): boolean
  /** A piece of body (after chunked decoding). `chunk` may be a shared buffer overwritten by the next read: the handler copies what it keeps. */
  onBody (chunk: Buffer, offset: number, length: number): void
  onMessageComplete (): void
}

export interface ResponseParserOptions {
  /** Bound on a response head (status line and headers, line ends included), bytes; also on a trailer section and on a chunk-size line. */
  maxHeaderBytes?: number
}

/**
 * 80 KiB: http-parser-js's default, so responses it accepted still pass
 * (Node's own parser stops at 16 KiB, Go's server at 1 MiB).
 */
export const DEFAULT_MAX_HEADER_BYTES = 80 * 1024

// Line states first: `state <= State.ChunkSize` means "reading lines".
const enum State { StatusLine, Header, Trailer, ChunkSize, ChunkData, ChunkDataCr, ChunkDataLf, BodySized, BodyUntilClose, Upgraded }

/** Returned by line parsers: the line's LF is not in this read yet. */
const INCOMPLETE = -1
/** Returned by anything that failed; the error is in #error. */
const FAILED = -2

const LF = 0x0a
const CR = 0x0d
const SP = 0x20
const HTAB = 0x09
const COLON = 0x3a
const COMMA = 0x2c
const SEMICOLON = 0x3b
const DEL = 0x7f

const HTTP_SLASH = bytes('HTTP/')
// Lowercase; compared with `byte | 0x20`, which lowercases letters and leaves
// '-' alone (no other byte of a token or a checked value maps onto these).
const CONNECTION = bytes('connection')
const CONTENT_LENGTH = bytes('content-length')
const TRANSFER_ENCODING = bytes('transfer-encoding')
const CLOSE = bytes('close')
const KEEP_ALIVE = bytes('keep-alive')
const CHUNKED = bytes('chunked')

/** tchar (RFC 9110 §5.6.2): 1 for the bytes a header name may hold. */
const TOKEN = new Uint8Array(256)
for (const c of '!#$%&\'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ') TOKEN[c.charCodeAt(0)] = 1
/** Hex digit values; -1 for other bytes. */
const HEX = new Int8Array(256).fill(-1)
for (let d = 0; d < 16; d++) { HEX[d.toString(16).charCodeAt(0)] = d; HEX[d.toString(16).toUpperCase().charCodeAt(0)] = d }

export class ResponseParser {
  readonly #handler: ResponseHandler
  readonly #maxHeaderBytes: number
  #state = State.StatusLine
  #error: Error | undefined
  /** The start of a line cut by the end of a read; grown on demand, kept for the next responses. */
  #partial = Buffer.alloc(0)
  #partialLength = 0
  /** Bytes of the current head, trailer section or chunk-size line, line ends included. */
  #sectionBytes = 0
  // The response being parsed.
  #status = 0
  #minorVersion = 1
  #reason = ''
  #headers: string[] = []
  #contentLength = -1
  #transferEncoding = false
  #chunked = false
  #connectionClose = false
  #connectionKeepAlive = false
  /** Bytes left of a Content-Length body or of the current chunk. */
  #remaining = 0

  constructor (handler: ResponseHandler, options: ResponseParserOptions = {}) {
    const maxHeaderBytes = options.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES
    if (!Number.isSafeInteger(maxHeaderBytes) || maxHeaderBytes < 1) throw new RangeError(`maxHeaderBytes must be a positive integer (bytes), got ${maxHeaderBytes}`)
    this.#handler = handler
    this.#maxHeaderBytes = maxHeaderBytes
  }

  /**
   * Parses `length` bytes of `data` from `offset`, calling the handler as
   * parts complete. Returns a ResponseParseError on malformed input; the
   * parser then returns that error on every call. After a 101 response the
   * rest belongs to the new protocol and is ignored.
   */
  execute (data: Buffer, offset: number, length: number): Error | undefined {
    if (this.#error !== undefined) return this.#error
    const end = offset + length
    let pos = offset
    while (pos < end) {
      switch (this.#state) {
        case State.BodySized:
        case State.ChunkData: pos = this.#sizedBody(data, pos, end); break
        case State.ChunkDataCr:
        case State.ChunkDataLf: pos = this.#chunkDataEnd(data, pos); break
        case State.BodyUntilClose: this.#handler.onBody(data, pos, end - pos); pos = end; break
        case State.Upgraded: return undefined
        default: pos = this.#lines(data, pos, end)
      }
      if (pos === FAILED) return this.#error
    }
    return undefined
  }

  /**
   * The connection ended: completes a body delimited by the close. Returns a
   * SocketClosedError (as a close mid-response always was) if a response was
   * cut short; nothing if the close fell between responses.
   */
  finish (): Error | undefined {
    if (this.#error !== undefined) return this.#error
    if (this.#state === State.BodyUntilClose) this.#messageComplete()
    if (this.#state === State.Upgraded || (this.#state === State.StatusLine && this.#partialLength === 0)) return undefined
    this.#error = new SocketClosedError('the connection closed before the response ended')
    return this.#error
  }

  /** Reads lines (head, chunk sizes, trailers) until the state is no longer a line state. */
  #lines (data: Buffer, pos: number, end: number): number {
    if (this.#partialLength > 0) {
      let lf = pos
      while (lf < end && data[lf] !== LF) lf++
      if (lf === end) return this.#keepPartial(data, pos, end)
      if (this.#keepPartial(data, pos, lf + 1) === FAILED) return FAILED
      const length = this.#partialLength
      this.#partialLength = 0
      if (this.#line(this.#partial, 0, length) === FAILED) return FAILED
      pos = lf + 1
    }
    while (pos < end && this.#state <= State.ChunkSize) {
      const next = this.#line(data, pos, end)
      if (next === INCOMPLETE) return this.#keepPartial(data, pos, end)
      if (next === FAILED) return FAILED
      pos = next
    }
    return pos
  }

  /** Parses the line at `start`: returns the index after its LF, INCOMPLETE or FAILED. */
  #line (buf: Buffer, start: number, end: number): number {
    if (this.#state === State.StatusLine) return this.#statusLine(buf, start, end)
    if (this.#state === State.ChunkSize) return this.#chunkSizeLine(buf, start, end)
    return this.#headerLine(buf, start, end)
  }

  #statusLine (buf: Buffer, start: number, end: number): number {
    const first = buf[start]
    if (first !== CR && first !== LF) {
      // Fail on the first bytes of a peer that does not speak HTTP (a TLS port, say), not at the size limit.
      for (let i = 0; i < HTTP_SLASH.length && start + i < end; i++) {
        if (buf[start + i] !== HTTP_SLASH[i]) return this.#fail('expected "HTTP/" at the start of a response')
      }
    }
    const lf = this.#lineEnd(buf, start, end, 'the status line')
    if (lf < 0) return lf
    const next = this.#count(start, lf + 1)
    if (next === FAILED) return FAILED
    const lineEnd = lf > start && buf[lf - 1] === CR ? lf - 1 : lf
    if (lineEnd === start) return next // a stray CRLF after a body: skipped, as llhttp does
    if (lineEnd - start < 12) return this.#fail('invalid status line')
    const minor = buf[start + 7]
    if (buf[start + 5] !== 0x31 || buf[start + 6] !== 0x2e || (minor !== 0x30 && minor !== 0x31)) return this.#fail('unsupported HTTP version (only HTTP/1.0 and HTTP/1.1)')
    const d0 = (buf[start + 9] as number) - 0x30
    const d1 = (buf[start + 10] as number) - 0x30
    const d2 = (buf[start + 11] as number) - 0x30
    // "HTTP/1.1 200" without a reason (nor the space before it) is valid; "HTTP/1.1 2000" is not.
    if (buf[start + 8] !== SP || !isDigit(d0) || !isDigit(d1) || !isDigit(d2) || (lineEnd > start + 12 && buf[start + 12] !== SP)) return this.#fail('invalid status line')
    const status = d0 * 100 + d1 * 10 + d2
    if (status < 100) return this.#fail(`invalid status code ${status}`)
    this.#status = status
    this.#minorVersion = minor - 0x30
    this.#reason = reasonPhrase(buf, start + 13, lineEnd)
    this.#headers = []
    this.#contentLength = -1
    this.#transferEncoding = false
    this.#chunked = false
    this.#connectionClose = false
    this.#connectionKeepAlive = false
    this.#state = State.Header
    return next
  }

  /** A header or trailer line, or the empty line that ends the section. Trailers are checked, then dropped. */
  #headerLine (buf: Buffer, start: number, end: number): number {
    const first = buf[start]
    if (first === CR || first === LF) return this.#sectionEnd(buf, start, end)
    // obs-fold: RFC 9112 §5.2 would have a user agent replace it with spaces; servers stopped sending it decades ago, so a load test reports it as broken.
    if (first === SP || first === HTAB) return this.#fail('a header line starts with whitespace (obsolete line folding)')
    let i = start
    while (i < end && TOKEN[buf[i] as number] === 1) i++
    if (i === end) return INCOMPLETE
    if (buf[i] !== COLON || i === start) return this.#fail(headerNameProblem(buf[i] as number, i === start))
    const nameEnd = i++
    while (i < end && (buf[i] === SP || buf[i] === HTAB)) i++
    const valueStart = i
    const lf = this.#lineEnd(buf, i, end, 'a header value')
    if (lf < 0) return lf
    const next = this.#count(start, lf + 1)
    if (next === FAILED || this.#state === State.Trailer) return next
    let valueEnd = lf // #lineEnd let CR through only right before the LF
    while (valueEnd > valueStart && (buf[valueEnd - 1] === SP || buf[valueEnd - 1] === HTAB || buf[valueEnd - 1] === CR)) valueEnd--
    this.#headers.push(interned(buf, start, nameEnd), interned(buf, valueStart, valueEnd))
    return this.#framingHeader(buf, start, nameEnd, valueStart, valueEnd) ?? next
  }

  /** Applies Connection, Content-Length and Transfer-Encoding; returns FAILED on a bad Content-Length. */
  #framingHeader (buf: Buffer, nameStart: number, nameEnd: number, valueStart: number, valueEnd: number): number | undefined {
    const nameLength = nameEnd - nameStart
    if (nameLength === CONNECTION.length && equalsLower(buf, nameStart, CONNECTION)) {
      const tokens = connectionTokens(buf, valueStart, valueEnd)
      this.#connectionClose ||= (tokens & CONNECTION_CLOSE) !== 0
      this.#connectionKeepAlive ||= (tokens & CONNECTION_KEEP_ALIVE) !== 0
    } else if (nameLength === CONTENT_LENGTH.length && equalsLower(buf, nameStart, CONTENT_LENGTH)) {
      const length = contentLength(buf, valueStart, valueEnd)
      if (length === INVALID_LENGTH) return this.#fail('invalid Content-Length')
      if (length === CONFLICTING_LENGTHS || (this.#contentLength !== -1 && length !== this.#contentLength)) return this.#fail('conflicting Content-Length values')
      this.#contentLength = length
    } else if (nameLength === TRANSFER_ENCODING.length && equalsLower(buf, nameStart, TRANSFER_ENCODING)) {
      // Only the last coding matters (RFC 9112 §6.3): chunked framing, or else the body runs until the close.
      this.#transferEncoding = true
      this.#chunked = lastCodingIsChunked(buf, valueStart, valueEnd)
    }
    return undefined
  }

  /** The empty line that ends the head or the trailers. */
  #sectionEnd (buf: Buffer, start: number, end: number): number {
    let next = start + 1
    if (buf[start] === CR) {
      if (next === end) return INCOMPLETE
      if (buf[next] !== LF) return this.#fail('CR not followed by LF')
      next++
    }
    if (this.#count(start, next) === FAILED) return FAILED
    if (this.#state === State.Trailer) this.#messageComplete()
    else this.#headComplete()
    return next
  }

  /** Reports the head and picks the body's framing (RFC 9112 §6.3). */
  #headComplete (): void {
    const status = this.#status
    const bodiless = status < 200 || status === 204 || status === 304
    const untilClose = !bodiless && (this.#transferEncoding ? !this.#chunked : this.#contentLength === -1)
    const persistent = this.#minorVersion === 1 ? !this.#connectionClose : this.#connectionKeepAlive && !this.#connectionClose
    const upgrade = status === 101
    this.#sectionBytes = 0 // chunk-size lines and trailers have bounds of their own
    // keepAlive is decided before the handler says HEAD, as with llhttp: a HEAD response without a length reports false.
    const skipBody = this.#handler.onHeadersComplete(status, this.#reason, this.#headers, persistent && !untilClose, upgrade)
    if (bodiless || skipBody) {
      this.#messageComplete()
      if (upgrade) this.#state = State.Upgraded
    } else if (this.#chunked) {
      this.#state = State.ChunkSize
    } else if (untilClose) {
      this.#state = State.BodyUntilClose
    } else if (this.#contentLength === 0) {
      this.#messageComplete()
    } else {
      this.#remaining = this.#contentLength
      this.#state = State.BodySized
    }
  }

  /** `hex-size [BWS ; extensions]`: extensions are ignored (none is defined). */
  #chunkSizeLine (buf: Buffer, start: number, end: number): number {
    let size = 0
    let i = start
    for (; i < end; i++) {
      const digit = HEX[buf[i] as number] as number
      if (digit < 0) break
      size = size * 16 + digit
      if (size > Number.MAX_SAFE_INTEGER) return this.#fail('chunk size too large')
    }
    const digitsEnd = i
    while (i < end && (buf[i] === SP || buf[i] === HTAB)) i++
    if (i === end) return INCOMPLETE
    const stop = buf[i]
    if (digitsEnd === start || (stop !== SEMICOLON && stop !== CR && stop !== LF)) return this.#fail('invalid chunk size')
    const lf = this.#lineEnd(buf, i, end, 'a chunk extension')
    if (lf < 0) return lf
    const next = this.#count(start, lf + 1)
    if (next === FAILED) return FAILED
    this.#sectionBytes = 0 // the limit is per chunk-size line, and then for the trailers
    if (size === 0) {
      this.#state = State.Trailer
    } else {
      this.#remaining = size
      this.#state = State.ChunkData
    }
    return next
  }

  #sizedBody (data: Buffer, pos: number, end: number): number {
    const length = Math.min(this.#remaining, end - pos)
    this.#remaining -= length
    this.#handler.onBody(data, pos, length)
    if (this.#remaining === 0) {
      if (this.#state === State.ChunkData) this.#state = State.ChunkDataCr
      else this.#messageComplete()
    }
    return pos + length
  }

  /** The CRLF after a chunk's data, one byte at a time (it is often split from the data). */
  #chunkDataEnd (data: Buffer, pos: number): number {
    const c = data[pos]
    if (c === CR && this.#state === State.ChunkDataCr) {
      this.#state = State.ChunkDataLf
    } else if (c === LF) {
      this.#state = State.ChunkSize // a bare LF too, as at the end of lines
    } else {
      return this.#fail('missing CRLF after chunk data')
    }
    return pos + 1
  }

  #messageComplete (): void {
    this.#state = State.StatusLine
    this.#sectionBytes = 0
    this.#handler.onMessageComplete()
  }

  /**
   * The index of the LF ending the line from `i`: the bytes before it must be
   * HTAB, SP, visible or obs-text (RFC 9110 §5.5), a CR only right before it.
   */
  #lineEnd (buf: Buffer, i: number, end: number, what: string): number {
    for (; i < end; i++) {
      const c = buf[i] as number
      if ((c >= SP && c !== DEL) || c === HTAB) continue
      if (c === LF) return i
      // A CR at the end of the read may be followed by the LF in the next.
      if (c !== CR || (i + 1 < end && buf[i + 1] !== LF)) {
        return this.#fail(c === CR ? `CR not followed by LF in ${what}` : `invalid byte 0x${c.toString(16).padStart(2, '0')} in ${what}`)
      }
    }
    return INCOMPLETE
  }

  /** Adds a line to the section's size; fails past the bound. */
  #count (start: number, next: number): number {
    this.#sectionBytes += next - start
    return this.#sectionBytes > this.#maxHeaderBytes ? this.#tooLarge() : next
  }

  /** Copies the start of a cut line (after the bytes already kept); returns `end`, or FAILED past the bound. */
  #keepPartial (data: Buffer, start: number, end: number): number {
    const length = this.#partialLength + end - start
    if (this.#sectionBytes + length > this.#maxHeaderBytes) return this.#tooLarge()
    if (length > this.#partial.length) {
      const grown = Buffer.allocUnsafe(Math.max(length, 2 * this.#partial.length, 256))
      this.#partial.copy(grown, 0, 0, this.#partialLength)
      this.#partial = grown
    }
    data.copy(this.#partial, this.#partialLength, start, end)
    this.#partialLength = length
    return end
  }

  #tooLarge (): number {
    const what = this.#state === State.ChunkSize ? 'chunk-size line' : this.#state === State.Trailer ? 'trailer section' : 'response head'
    return this.#fail(`${what} larger than ${this.#maxHeaderBytes} bytes`)
  }

  #fail (message: string): typeof FAILED {
    this.#error = new ResponseParseError(message)
    return FAILED
  }
}

const CONNECTION_CLOSE = 1
const CONNECTION_KEEP_ALIVE = 2

/** The Connection options this parser acts on, as bits: a comma-separated list of tokens. */
function connectionTokens (buf: Buffer, start: number, end: number): number {
  let found = 0
  let i = start
  while (i < end) {
    while (i < end && (buf[i] === SP || buf[i] === HTAB || buf[i] === COMMA)) i++
    const tokenStart = i
    while (i < end && buf[i] !== COMMA) i++
    let tokenEnd = i
    while (tokenEnd > tokenStart && (buf[tokenEnd - 1] === SP || buf[tokenEnd - 1] === HTAB)) tokenEnd--
    const length = tokenEnd - tokenStart
    if (length === CLOSE.length && equalsLower(buf, tokenStart, CLOSE)) found |= CONNECTION_CLOSE
    else if (length === KEEP_ALIVE.length && equalsLower(buf, tokenStart, KEEP_ALIVE)) found |= CONNECTION_KEEP_ALIVE
  }
  return found
}

const INVALID_LENGTH = -1
const CONFLICTING_LENGTHS = -2

/** Digits, or a list of the same digits ("5, 5": a proxy merged two fields, RFC 9110 §8.6). */
function contentLength (buf: Buffer, start: number, end: number): number {
  let length = -1
  let i = start
  for (;;) {
    const digitsStart = i
    let n = 0
    for (; i < end && isDigit((buf[i] as number) - 0x30); i++) {
      n = n * 10 + (buf[i] as number) - 0x30
      if (n > Number.MAX_SAFE_INTEGER) return INVALID_LENGTH
    }
    if (i === digitsStart) return INVALID_LENGTH
    if (length !== -1 && n !== length) return CONFLICTING_LENGTHS
    length = n
    while (i < end && (buf[i] === SP || buf[i] === HTAB)) i++
    if (i === end) return length
    if (buf[i] !== COMMA) return INVALID_LENGTH
    i++
    while (i < end && (buf[i] === SP || buf[i] === HTAB)) i++
  }
}

function lastCodingIsChunked (buf: Buffer, start: number, end: number): boolean {
  let codingEnd = end
  while (codingEnd > start && (buf[codingEnd - 1] === SP || buf[codingEnd - 1] === HTAB || buf[codingEnd - 1] === COMMA)) codingEnd--
  const codingStart = codingEnd - CHUNKED.length
  if (codingStart < start || !equalsLower(buf, codingStart, CHUNKED)) return false
  const before = buf[codingStart - 1]
  return codingStart === start || before === COMMA || before === SP || before === HTAB
}

function headerNameProblem (stop: number, empty: boolean): string {
  if (stop === COLON && empty) return 'empty header name'
  if (stop === SP || stop === HTAB) return 'whitespace between a header name and its colon'
  if (stop === CR || stop === LF) return 'header line without a colon'
  return `invalid byte 0x${stop.toString(16).padStart(2, '0')} in a header name`
}

function reasonPhrase (buf: Buffer, start: number, end: number): string {
  if (end <= start) return ''
  // Nearly every response says OK: no string to make.
  if (end - start === 2 && buf[start] === 0x4f && buf[start + 1] === 0x4b) return 'OK'
  return latin1(buf, start, end)
}

/** Compares `lower.length` bytes at `start` case-insensitively with `lower` (lowercase letters and '-'). */
function equalsLower (buf: Buffer, start: number, lower: Uint8Array): boolean {
  for (let i = 0; i < lower.length; i++) {
    if (((buf[start + i] as number) | 0x20) !== lower[i]) return false
  }
  return true
}

function isDigit (d: number): boolean {
  return d >= 0 && d <= 9
}

function bytes (text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0))
}

/**
 * Recent short header strings, by a hash of their bytes. A load test reads
 * the same names, and mostly the same values, response after response:
 * comparing the bytes with a copy kept beside the string costs a fraction of
 * making a new string (a call into C++) and leaves no garbage. Per thread
 * (module state, 32 KiB), shared by its connections; strings are immutable,
 * so sharing them is safe. Two slots per hash, so that two strings that
 * collide do not keep evicting each other.
 */
const INTERNED_PAIRS_LOG2 = 8
const INTERNED_MAX_LENGTH = 64
const INTERNED: string[] = new Array<string>(2 << INTERNED_PAIRS_LOG2).fill('')
/** The bytes of INTERNED[slot] at slot * INTERNED_MAX_LENGTH (comparing with a string's charCodeAt is ~3x slower). */
const INTERNED_BYTES = new Uint8Array(INTERNED.length * INTERNED_MAX_LENGTH)
/** Per pair, the slot the next miss replaces (round robin). */
const INTERNED_VICTIM = new Uint8Array(1 << INTERNED_PAIRS_LOG2)

function interned (buf: Buffer, start: number, end: number): string {
  const length = end - start
  if (length === 0) return ''
  if (length > INTERNED_MAX_LENGTH) return latin1(buf, start, end)
  const key = length | (buf[start] as number) << 8 | (buf[start + (length >> 1)] as number) << 16 | (buf[end - 1] as number) << 24
  const pair = Math.imul(key, 0x9e3779b1) >>> (32 - INTERNED_PAIRS_LOG2) // Fibonacci hashing: the top bits mix all four bytes
  const slot = pair << 1
  if (internedAt(slot, buf, start, length)) return INTERNED[slot] as string
  if (internedAt(slot + 1, buf, start, length)) return INTERNED[slot + 1] as string
  const victim = slot + (INTERNED_VICTIM[pair] as number)
  INTERNED_VICTIM[pair] = (victim - slot) ^ 1
  const made = latin1(buf, start, end)
  INTERNED[victim] = made
  const base = victim * INTERNED_MAX_LENGTH
  for (let i = 0; i < length; i++) INTERNED_BYTES[base + i] = buf[start + i] as number
  return made
}

function internedAt (slot: number, buf: Buffer, start: number, length: number): boolean {
  if ((INTERNED[slot] as string).length !== length) return false
  const base = slot * INTERNED_MAX_LENGTH
  for (let i = 0; i < length; i++) {
    if (INTERNED_BYTES[base + i] !== buf[start + i]) return false
  }
  return true
}

/**
 * Buffer#latin1Slice: what toString('latin1', start, end) ends in, without
 * its argument checks and encoding lookup (not in @types/node).
 */
interface Latin1Slicer { latin1Slice: (start: number, end: number) => string }
function latin1 (buf: Buffer, start: number, end: number): string {
  return (buf as unknown as Latin1Slicer).latin1Slice(start, end)
}
