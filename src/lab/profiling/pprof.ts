/**
 * Reading pprof profiles without Go: gunzip when needed, decode with
 * pprof-format, and flatten samples into stacks of named frames.
 */
import { readFile } from 'node:fs/promises'
import { gunzipSync } from 'node:zlib'
import { Profile } from 'pprof-format'
import { ProfileDecodeError, SampleIndexError } from './errors.js'

export interface Frame {
  /** Function name as the profiler recorded it. */
  name: string
  file: string
  /** The line of the frame (the function's start line when the profiler aggregates by function). */
  line: number
}

export interface StackSample {
  /** Leaf first, as pprof stores them. */
  frames: Frame[]
  value: number
}

export interface SampleType { type: string, unit: string }

export interface ReadProfile {
  source: string
  profile: Profile
  sampleTypes: SampleType[]
  /** pprof's rule: default_sample_type when set, else the last sample type. */
  defaultSampleIndex: number
  durationNanos: number
  timeNanos: number
  comments: string[]
}

export async function readProfile (file: string): Promise<ReadProfile> {
  let bytes: Buffer
  try {
    bytes = await readFile(file)
  } catch (err) {
    throw new ProfileDecodeError(file, (err as Error).message)
  }
  return decodeProfile(bytes, file)
}

export function decodeProfile (bytes: Uint8Array, source = '<buffer>'): ReadProfile {
  let profile: Profile
  try {
    const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes
    profile = Profile.decode(raw)
  } catch (err) {
    throw new ProfileDecodeError(source, (err as Error).message)
  }
  // A JSON file or random bytes can decode into an empty message; a real profile declares what it samples.
  if (profile.sampleType.length === 0) throw new ProfileDecodeError(source, 'no sample types')
  const str = (i: unknown): string => profile.stringTable.strings[Number(i)] ?? ''
  const sampleTypes = profile.sampleType.map((st) => ({ type: str(st.type), unit: str(st.unit) }))
  const defaultType = Number(profile.defaultSampleType) === 0 ? '' : str(profile.defaultSampleType)
  const byName = sampleTypes.findIndex((st) => st.type === defaultType)
  return {
    source,
    profile,
    sampleTypes,
    defaultSampleIndex: byName === -1 ? sampleTypes.length - 1 : byName,
    durationNanos: Number(profile.durationNanos),
    timeNanos: Number(profile.timeNanos),
    comments: profile.comment.map(str)
  }
}

/** `--sample-index` as pprof takes it: a sample type name (`wall`, `inuse_space`) or an index. */
export function resolveSampleIndex (p: ReadProfile, spec: string | undefined): number {
  if (spec === undefined || spec === '') return p.defaultSampleIndex
  const byName = p.sampleTypes.findIndex((st) => st.type === spec)
  if (byName !== -1) return byName
  const n = Number(spec)
  if (Number.isInteger(n) && n >= 0 && n < p.sampleTypes.length) return n
  throw new SampleIndexError(spec, p.sampleTypes.map((st) => st.type))
}

/** Every sample as a stack of frames (inlined frames expanded) with the chosen value. */
export function stackSamples (p: ReadProfile, sampleIndex: number): StackSample[] {
  const { profile } = p
  const str = (i: unknown): string => profile.stringTable.strings[Number(i)] ?? ''
  const functions = new Map(profile.function.map((f) => [String(f.id), f]))
  const locations = new Map<string, Frame[]>()
  for (const location of profile.location) {
    const frames = location.line.map((line) => {
      const fn = functions.get(String(line.functionId))
      const lineNo = Number(line.line)
      return {
        name: fn === undefined ? `0x${Number(location.address).toString(16)}` : str(fn.name),
        file: fn === undefined ? '' : str(fn.filename),
        line: lineNo > 0 ? lineNo : Number(fn?.startLine ?? 0)
      }
    })
    locations.set(String(location.id), frames.length > 0 ? frames : [{ name: `0x${Number(location.address).toString(16)}`, file: '', line: 0 }])
  }
  const out: StackSample[] = []
  for (const sample of profile.sample) {
    const value = Number(sample.value[sampleIndex] ?? 0)
    if (value === 0) continue
    out.push({ frames: sample.locationId.flatMap((id) => locations.get(String(id)) ?? []), value })
  }
  return out
}

/** How top, flame and diff group frames: a function is its name and its file. */
export function functionKey (frame: Frame): string {
  return `${frame.name}\u0000${frame.file}`
}
