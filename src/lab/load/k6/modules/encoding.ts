/** k6/encoding: b64encode / b64decode with k6's four alphabets (std, rawstd, url, rawurl). */
import './globals.js'

type Alphabet = 'std' | 'rawstd' | 'url' | 'rawurl'

function bytesOf (input: string | ArrayBuffer | Uint8Array): Buffer {
  if (typeof input === 'string') return Buffer.from(input, 'utf8')
  return input instanceof Uint8Array ? Buffer.from(input.buffer, input.byteOffset, input.byteLength) : Buffer.from(input)
}

export function b64encode (input: string | ArrayBuffer | Uint8Array, encoding: Alphabet = 'std'): string {
  const bytes = bytesOf(input)
  const url = encoding === 'url' || encoding === 'rawurl'
  let text = bytes.toString(url ? 'base64url' : 'base64')
  if (encoding === 'url') text += '='.repeat((4 - (text.length % 4)) % 4)
  if (encoding === 'rawstd') text = text.replace(/=+$/, '')
  return text
}

/** Returns an ArrayBuffer, or a string with format "s" (as k6). */
export function b64decode (input: string, encoding: Alphabet = 'std', format?: 's'): ArrayBuffer | string {
  const url = encoding === 'url' || encoding === 'rawurl'
  const bytes = Buffer.from(input, url ? 'base64url' : 'base64')
  if (format === 's') return bytes.toString('utf8')
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
}

export default { b64encode, b64decode }
