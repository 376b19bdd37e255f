// The class's own module plus the encoder, not the package index (which also
// loads a WebAssembly build and the log writer the runner does not use).
import int32Histogram from 'hdr-histogram-js/dist/Int32Histogram.js'
// Installs encodeIntoCompressedBase64 on JsHistogram (the library's V2 compressed encoding), and decodes it.
import encoding from 'hdr-histogram-js/dist/JsHistogram.encoding.js'
import { bucketsOf, hdrScaleOf, type EncodedHistogram, type ValueType } from '../../metrics/index.js'

const Int32Histogram = int32Histogram.default
type JsHistogram = InstanceType<typeof Int32Histogram>
type Encodable = JsHistogram & { encodeIntoCompressedBase64: () => string }

/**
 * Encodes a window's buckets in HdrHistogram's V2 compressed base64 format, so
 * any HdrHistogram library (Java, Go, Rust, JS…) reads them. One scratch
 * histogram per unit and precision is reused: a window costs a reset and
 * one call per non-empty bucket.
 */
export class HdrEncoder {
  readonly #scratch = new Map<string, Encodable>()

  encode (histogram: EncodedHistogram, contains: ValueType): string {
    const scratch = this.#scratchFor(contains, histogram.digits)
    scratch.reset()
    const { values, counts } = histogram
    for (let i = 0; i < values.length; i++) scratch.recordValueWithCount(values[i] as number, counts[i] as number)
    return scratch.encodeIntoCompressedBase64()
  }

  #scratchFor (contains: ValueType, digits: number): Encodable {
    const key = `${contains}/${digits}`
    let scratch = this.#scratch.get(key)
    if (scratch === undefined) {
      // The same bounds as the runner's trend histograms (trend-histogram.ts): buckets map one to one.
      scratch = new Int32Histogram(1, hdrScaleOf(contains).highest, digits) as Encodable
      scratch.autoResize = false
      this.#scratch.set(key, scratch)
    }
    return scratch
  }
}

/**
 * Reads a histogram HdrEncoder wrote (HdrHistogram's V2 compressed base64)
 * back into the runner's plain form: the aggregate file's reader (lab/report)
 * adds it to its TrendHistogram exactly as the runner merges a worker's.
 * Throws on text that is not such a histogram.
 */
export function decodeHistogram (base64: string): EncodedHistogram {
  const hist = encoding.doDecode(encoding.decompress(Buffer.from(base64, 'base64')))
  const digits = hist.numberOfSignificantValueDigits
  if (digits !== 2 && digits !== 3) throw new Error(`a histogram of ${digits} significant digits (the format writes 2 or 3)`)
  return bucketsOf(hist, digits)
}
