/**
 * The top functions of a CPU profile (pprof, gzipped or not): where the time
 * went at peak. The profiler writes `profiles/<service>-cpu*.pb.gz`; each
 * file becomes one table in the report.
 */
import { readFile, readdir } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { Profile } from 'pprof-format'

export interface TopFunction {
  name: string
  file: string
  /** Value of the samples whose leaf frame is this function. */
  flat: number
  flatPct: number
  /** Value of the samples with this function anywhere on the stack. */
  cum: number
  cumPct: number
}

export interface ProfileTop {
  file: string
  sampleType: string
  unit: string
  total: number
  functions: TopFunction[]
}

/** `profiles/*cpu*.pb.gz` (and .pprof / .pb) in the run directory, sorted by name. */
export async function findCpuProfiles (dir: string): Promise<string[]> {
  let names: string[]
  try {
    names = await readdir(join(dir, 'profiles'))
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw err
  }
  return names.filter((n) => /cpu/i.test(n) && /\.(pb\.gz|pb|pprof)$/.test(n)).sort().map((n) => join(dir, 'profiles', n))
}

export async function topFunctions (file: string, limit = 10): Promise<ProfileTop> {
  const raw = await readFile(file)
  // gzip magic bytes: pprof files are usually, not always, compressed.
  const bytes = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw
  const profile = Profile.decode(bytes)
  const strings = profile.stringTable.strings
  const index = valueIndex(profile, strings)
  const type = profile.sampleType[index]
  const functions = new Map<string, { name: string, file: string }>()
  for (const fn of profile.function) {
    functions.set(String(fn.id), { name: strings[Number(fn.name)] || '(anonymous)', file: strings[Number(fn.filename)] ?? '' })
  }
  const locations = new Map<string, string[]>()
  for (const loc of profile.location) {
    // line[0] is the innermost frame when functions were inlined into this location.
    locations.set(String(loc.id), loc.line.map((l) => String(l.functionId)))
  }
  const flat = new Map<string, number>()
  const cum = new Map<string, number>()
  let total = 0
  for (const sample of profile.sample) {
    const value = Number(sample.value[index] ?? 0)
    if (value === 0) continue
    total += value
    const stack = sample.locationId.flatMap((id) => locations.get(String(id)) ?? [])
    const leaf = stack[0]
    if (leaf !== undefined) flat.set(leaf, (flat.get(leaf) ?? 0) + value)
    for (const fnId of new Set(stack)) cum.set(fnId, (cum.get(fnId) ?? 0) + value)
  }
  const pct = (v: number): number => total === 0 ? 0 : (v / total) * 100
  const rows = [...flat.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([fnId, value]) => {
      const fn = functions.get(fnId) ?? { name: `(function ${fnId})`, file: '' }
      const cumValue = cum.get(fnId) ?? value
      return { name: fn.name, file: fn.file, flat: value, flatPct: pct(value), cum: cumValue, cumPct: pct(cumValue) }
    })
  return {
    file: basename(file),
    sampleType: type === undefined ? 'samples' : strings[Number(type.type)] ?? 'samples',
    unit: type === undefined ? 'count' : strings[Number(type.unit)] ?? 'count',
    total,
    functions: rows
  }
}

/** The profile's default sample type, else CPU time, else wall time, else the last value. */
function valueIndex (profile: Profile, strings: string[]): number {
  const types = profile.sampleType.map((t) => strings[Number(t.type)] ?? '')
  const byDefault = Number(profile.defaultSampleType) > 0 ? types.indexOf(strings[Number(profile.defaultSampleType)] ?? '') : -1
  if (byDefault >= 0) return byDefault
  for (const preferred of ['cpu', 'wall']) {
    const i = types.indexOf(preferred)
    if (i >= 0) return i
  }
  return Math.max(0, types.length - 1)
}
