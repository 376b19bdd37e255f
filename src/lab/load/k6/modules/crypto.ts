/** k6/crypto: the common hashes, HMAC and random bytes, over node:crypto. */
import './globals.js'
import { createHash as nodeHash, createHmac as nodeHmac, randomBytes as nodeRandomBytes, type BinaryLike } from 'node:crypto'

type Data = string | ArrayBuffer | Uint8Array
type OutputEncoding = 'hex' | 'base64' | 'base64url' | 'base64rawurl' | 'binary'

const ALGORITHMS: Readonly<Record<string, string>> = {
  md4: 'md4', md5: 'md5', sha1: 'sha1', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512',
  sha512_224: 'sha512-224', sha512_256: 'sha512-256', ripemd160: 'ripemd160'
}

function algorithm (name: string): string {
  const found = ALGORITHMS[name]
  if (found === undefined) throw new TypeError(`k6/crypto: unknown hash "${name}" (known: ${Object.keys(ALGORITHMS).join(', ')})`)
  return found
}

function input (data: Data): BinaryLike {
  if (typeof data === 'string') return data
  return data instanceof Uint8Array ? data : new Uint8Array(data)
}

function encode (digest: Buffer, encoding: OutputEncoding | undefined): string | ArrayBuffer {
  switch (encoding ?? 'binary') {
    case 'hex': return digest.toString('hex')
    case 'base64': return digest.toString('base64')
    case 'base64url': { const t = digest.toString('base64url'); return t + '='.repeat((4 - (t.length % 4)) % 4) }
    case 'base64rawurl': return digest.toString('base64url')
    default: return digest.buffer.slice(digest.byteOffset, digest.byteOffset + digest.byteLength) as ArrayBuffer
  }
}

/** A running hash or HMAC (k6's Hasher): update() any number of times, then digest(encoding). */
export class Hasher {
  readonly #hash: { update: (data: BinaryLike) => unknown, digest: () => Buffer }
  constructor (hash: { update: (data: BinaryLike) => unknown, digest: () => Buffer }) { this.#hash = hash }
  update (data: Data): void { this.#hash.update(input(data)) }
  digest (encoding?: OutputEncoding): string | ArrayBuffer { return encode(this.#hash.digest(), encoding) }
}

export const createHash = (name: string): Hasher => new Hasher(nodeHash(algorithm(name)))
export const createHMAC = (name: string, secret: Data): Hasher => new Hasher(nodeHmac(algorithm(name), input(secret)))
export const hmac = (name: string, secret: Data, data: Data, encoding: OutputEncoding): string | ArrayBuffer => encode(nodeHmac(algorithm(name), input(secret)).update(input(data)).digest(), encoding)
const digestOf = (name: string) => (data: Data, encoding: OutputEncoding): string | ArrayBuffer => encode(nodeHash(algorithm(name)).update(input(data)).digest(), encoding)
export const md4 = digestOf('md4')
export const md5 = digestOf('md5')
export const sha1 = digestOf('sha1')
export const sha256 = digestOf('sha256')
export const sha384 = digestOf('sha384')
export const sha512 = digestOf('sha512')
export const sha512_224 = digestOf('sha512_224')
export const sha512_256 = digestOf('sha512_256')
export const ripemd160 = digestOf('ripemd160')
export function randomBytes (size: number): ArrayBuffer {
  const bytes = nodeRandomBytes(size)
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
}

export default { createHash, createHMAC, hmac, md4, md5, sha1, sha256, sha384, sha512, sha512_224, sha512_256, ripemd160, randomBytes }
