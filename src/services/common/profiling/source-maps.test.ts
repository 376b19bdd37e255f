import { test, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { compiledFileMaps, LayeredSourceMapper } from './source-maps.js'

const SOURCE = [
  'export const before = 1',
  '',
  '/** the function a profile would name */',
  'export function compiledHotPath (n: number): number {',
  '  let x: number = 0',
  '  for (let i = 0; i < n; i++) x += Math.sqrt(i)',
  '  return x',
  '}',
  ''
].join('\n')
const DECLARED_LINE = 4

/** A tiny compiled build: src/hot.ts → dist/hot.js with a map (external or inline), as tsc or esbuild write it. */
async function compiledBuild (t: TestContext, sourcemap: 'external' | 'inline' | 'linked' | false): Promise<{ root: string, dist: string, source: string, generated: string }> {
  const root = await mkdtemp(join(tmpdir(), 'mib-source-maps-'))
  t.after(async () => { await rm(root, { recursive: true, force: true }) })
  await mkdir(join(root, 'src'))
  const source = join(root, 'src', 'hot.ts')
  await writeFile(source, SOURCE)
  const dist = join(root, 'dist')
  await build({ entryPoints: [source], outdir: dist, format: 'esm', platform: 'node', sourcemap, logLevel: 'silent' })
  return { root, dist, source, generated: join(dist, 'hot.js') }
}

/** Where V8 would place the function in the generated file (1-based, as profiles report it). */
async function generatedPosition (file: string): Promise<{ line: number, column: number }> {
  const lines = (await readFile(file, 'utf8')).split('\n')
  const index = lines.findIndex((l) => l.includes('function compiledHotPath'))
  assert.ok(index >= 0, 'compiledHotPath not in the generated file')
  return { line: index + 1, column: (lines[index] ?? '').indexOf('function') + 1 }
}

const quiet = { warn () {} }

for (const sourcemap of ['linked', 'inline'] as const) {
  test(`a compiled ES module named by file:// URL maps back to its TypeScript line (${sourcemap} map)`, async (t) => {
    const b = await compiledBuild(t, sourcemap)
    const mapper = new LayeredSourceMapper([compiledFileMaps([b.dist], quiet)])
    const at = await generatedPosition(b.generated)
    // V8 names ES modules by URL: the mapper used before this one compared plain paths and mapped nothing.
    for (const file of [pathToFileURL(b.generated).href, b.generated]) {
      const mapped = mapper.mappingInfo({ file, ...at, name: 'compiledHotPath' })
      assert.equal(mapped.file, b.source, file)
      assert.equal(mapped.line, DECLARED_LINE, file)
      assert.equal(mapped.name, 'compiledHotPath')
    }
  })
}

test('a map next to the file is found without a sourceMappingURL comment', async (t) => {
  const b = await compiledBuild(t, 'external')
  const mapper = new LayeredSourceMapper([compiledFileMaps([b.dist], quiet)])
  const mapped = mapper.mappingInfo({ file: pathToFileURL(b.generated).href, ...(await generatedPosition(b.generated)), name: 'compiledHotPath' })
  assert.equal(mapped.file, b.source)
  assert.equal(mapped.line, DECLARED_LINE)
})

test('positions outside the compiled roots, without a map, past the mapped lines or with a broken map stay as they are', async (t) => {
  const b = await compiledBuild(t, 'linked')
  const warnings: unknown[] = []
  const mapper = new LayeredSourceMapper([compiledFileMaps([b.dist], { warn: (...args: unknown[]) => { warnings.push(args) } })])
  const at = await generatedPosition(b.generated)
  const outside = { file: join(b.root, 'src', 'hot.ts'), ...at, name: 'x' }
  assert.deepEqual(mapper.mappingInfo(outside), outside)
  const pastTheEnd = { file: b.generated, line: 10_000, column: 1, name: 'x' }
  assert.deepEqual(mapper.mappingInfo(pastTheEnd), pastTheEnd, 'no mapping on that line: not the last mapping of an earlier one')
  const plain = join(b.dist, 'plain.js')
  await writeFile(plain, 'export const plain = 1\n')
  assert.deepEqual(mapper.mappingInfo({ file: plain, line: 1, column: 1, name: 'x' }), { file: plain, line: 1, column: 1, name: 'x' })
  assert.equal(warnings.length, 0, 'a file compiled without a map is not a problem')
  const broken = join(b.dist, 'broken.js')
  await writeFile(broken, 'export const broken = 1\n//# sourceMappingURL=broken.js.map\n')
  await writeFile(`${broken}.map`, '{ not json')
  assert.deepEqual(mapper.mappingInfo({ file: broken, line: 1, column: 1, name: 'x' }), { file: broken, line: 1, column: 1, name: 'x' })
  assert.equal(warnings.length, 1, 'a broken map is reported once')
})
