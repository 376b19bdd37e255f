/**
 * The top functions of a CPU profile (pprof, gzipped or not): where the time
 * went at peak. The profiler writes `profiles/<service>-cpu*.pb.gz`; each
 * file becomes one table in the report.
 */
import { readdir } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { readProfile, topReport } from '../../profiling/index.js'

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

/** The profiling component decodes the file and ranks functions (pprof's rules); the report keeps the top few. */
export async function topFunctions (file: string, limit = 10): Promise<ProfileTop> {
  const report = topReport(await readProfile(file))
  const pct = (v: number): number => report.total === 0 ? 0 : (v / report.total) * 100
  return {
    file: basename(file),
    sampleType: report.sampleType,
    unit: report.unit,
    total: report.total,
    functions: report.functions.slice(0, limit).map((f) => ({
      name: f.name === '' ? '(anonymous)' : f.name,
      file: f.file,
      flat: f.flat,
      flatPct: pct(f.flat),
      cum: f.cum,
      cumPct: pct(f.cum)
    }))
  }
}
