import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { ERROR_AREAS, ERROR_REGISTRY, areaOf, errorSpec } from './error-registry.js'
import { MibError, exitCodeOf } from './errors.js'
import { EXIT, EXIT_MEANINGS } from './exit-codes.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const codes = Object.keys(ERROR_REGISTRY)

async function sourceFiles (dir: string, out: string[] = []): Promise<string[]> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) { if (entry.name !== 'fixtures' && entry.name !== 'generated') await sourceFiles(path, out) } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(path)
  }
  return out
}

/** Every error class exported by a module of src/ that declares one, with the module it came from. */
async function declaredErrorClasses (): Promise<Array<{ code: string, name: string, file: string }>> {
  const found: Array<{ code: string, name: string, file: string }> = []
  for (const file of await sourceFiles(join(root, 'src'))) {
    const text = await readFile(file, 'utf8')
    if (!/defineError\(|extends (MibError|TransportError)\b/.test(text)) continue
    const module = await import(pathToFileURL(file).href) as Record<string, unknown>
    for (const [name, value] of Object.entries(module)) {
      if (typeof value !== 'function' || !(value.prototype instanceof MibError)) continue
      const code = (value as { code?: unknown }).code
      assert.equal(typeof code, 'string', `${relative(root, file)}: ${name} has no static code`)
      found.push({ code: code as string, name, file: relative(root, file) })
    }
  }
  return found
}

test('every error class of src/ has a registered code, and every registered code has exactly one class', async () => {
  const classes = await declaredErrorClasses()
  assert.ok(classes.length >= 120, `${classes.length} error classes found`)
  for (const { code, name, file } of classes) assert.ok(errorSpec(code) !== undefined, `${file}: ${name} throws ${code}, which src/error-registry.ts does not list`)
  const byCode = new Map<string, string[]>()
  for (const { code, name, file } of classes) byCode.set(code, [...(byCode.get(code) ?? []), `${file}: ${name}`])
  for (const code of codes) assert.equal(byCode.get(code)?.length, 1, `${code} is declared by ${JSON.stringify(byCode.get(code) ?? [])}`)
})

test('every MIB_ERR code written in src/ or docs/ is registered (no code thrown, matched or documented outside the registry)', async () => {
  const files = [...await sourceFiles(join(root, 'src')), ...(await readdir(join(root, 'docs'))).filter((f) => f.endsWith('.md')).map((f) => join(root, 'docs', f))]
  for (const file of files) {
    const text = await readFile(file, 'utf8')
    for (const [code] of text.matchAll(/\bMIB_ERR_[A-Z0-9_]*[A-Z0-9]\b/g)) {
      if (file.endsWith('.md') && text.includes(`${code}_*`)) continue // a prefix: MIB_ERR_HTTP_*
      assert.ok(errorSpec(code) !== undefined || codes.some((c) => c.startsWith(`${code}_`)), `${relative(root, file)} names ${code}, which src/error-registry.ts does not list`)
    }
  }
})

test('the component docs\' error tables agree with the registry: the HTTP status and exit code they give a code are its registered ones', async () => {
  let checked = 0
  for (const name of (await readdir(join(root, 'docs'))).filter((f) => f.endsWith('.md'))) {
    const text = await readFile(join(root, 'docs', name), 'utf8')
    for (const [row, code, rest] of text.matchAll(/^\| `(MIB_ERR_[A-Z0-9_]+)` \|(.*)$/gm)) {
      const spec = errorSpec(code ?? '')
      if (spec === undefined || rest === undefined) continue // the test above reports it
      const status = /^\s*(\d{3})\b/.exec(rest)?.[1]
      if (status !== undefined) { checked++; assert.equal(Number(status), spec.status, `docs/${name}: ${row}`) }
      for (const [, exit] of rest.matchAll(/\bexit (?:code )?(\d+)\b/g)) assert.equal(Number(exit), spec.exit ?? EXIT.GENERIC_ERROR, `docs/${name}: ${row}`)
    }
  }
  assert.ok(checked >= 50, `${checked} documented statuses checked`)
})

test('one prefix per area: every code is MIB_ERR_<AREA>_<WHAT> for a declared area', () => {
  for (const code of codes) assert.ok(areaOf(code) !== undefined, `${code} has no area of ${Object.keys(ERROR_AREAS).join(', ')}`)
  assert.equal(areaOf('MIB_ERR_PROVIDER_SIM_KNOBS_INVALID'), 'PROVIDER_SIM')
  assert.equal(areaOf('MIB_ERR_PROFILE_DECODE'), undefined)
  const used = new Set(codes.map(areaOf))
  for (const area of Object.keys(ERROR_AREAS)) assert.ok(used.has(area as keyof typeof ERROR_AREAS), `area ${area} has no code`)
})

test('every registered exit code has a meaning, and each code\'s exit is one of them', () => {
  for (const value of Object.values(EXIT)) assert.equal(typeof EXIT_MEANINGS[value], 'string', `exit ${value}`)
  for (const code of codes) {
    const exit = errorSpec(code)?.exit ?? EXIT.GENERIC_ERROR
    assert.ok(Object.hasOwn(EXIT_MEANINGS, exit), `${code}: exit ${exit}`)
  }
})

test('the load runner\'s errors keep k6\'s exit codes (the one mapping, as `mib load` had them)', async () => {
  const load = await import('./lab/load/errors.js')
  const { ThresholdsInvalidError } = await import('./lab/load/thresholds/errors.js')
  const { OutputInvalidError, OutputUnknownError } = await import('./lab/load/outputs/errors.js')
  const { InvalidOptionsError } = await import('./options.js')
  const expected: Array<[MibError, number]> = [
    [new InvalidOptionsError('options', ['x']), 104], [new ThresholdsInvalidError(['x']), 104], [new load.UnknownPresetError('p', []), 104],
    [new OutputInvalidError('x', 'y'), 104], [new OutputUnknownError('x', 'y'), 104],
    [new load.SetupTimeoutError(1), 100], [new load.TeardownTimeoutError(1), 101], [new load.TestAbortedError('r'), 108],
    [new load.ScriptNotFoundError('s'), 107], [new load.ScriptLoadError('s', 'd'), 107], [new load.ScriptExportError('d'), 107],
    [new load.K6ScriptUnsupportedError('s', 'd'), 107], [new load.SetupFailedError('d'), 107], [new load.SetupDataError('d'), 107],
    [new load.WorkerCrashedError(0, 'd'), 107], [new load.HandleSummaryError('d'), 1], [new load.HttpRequestFailedError('GET', 'u', 'd'), 1]
  ]
  for (const [err, exit] of expected) assert.equal(exitCodeOf(err), exit, err.code)
  // An error rebuilt from its code (a worker thread's failure) maps the same.
  assert.equal(exitCodeOf(new MibError('MIB_ERR_LOAD_SCRIPT_LOAD', 'from a worker')), 107)
  assert.equal(exitCodeOf(new MibError('MIB_ERR_NOT_REGISTERED', 'x')), 1)
  assert.equal(exitCodeOf(new Error('plain')), 1)
})
