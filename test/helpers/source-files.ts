/**
 * The repository's text files under some folders (paths relative to the
 * repository root, as the tests run there), for tests that check a rule on the
 * source text: a value written once, a name never used, a path that exists.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'results'])

/** Every file under `dirs` whose name matches `names` (default: TypeScript and JavaScript sources). */
export function sourceFiles (dirs: readonly string[], names: RegExp = /\.(ts|mjs|js)$/): string[] {
  const found: string[] = []
  const visit = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      if (SKIPPED_FOLDERS.has(name)) continue
      const path = join(dir, name)
      if (statSync(path).isDirectory()) visit(path)
      else if (names.test(name)) found.push(path)
    }
  }
  for (const dir of dirs) visit(dir)
  return found
}

/** The files under `dirs` whose text contains `needle` (or matches it). */
export function filesContaining (dirs: readonly string[], needle: string | RegExp, names?: RegExp): string[] {
  return sourceFiles(dirs, names).filter((file) => {
    const text = readFileSync(file, 'utf8')
    return typeof needle === 'string' ? text.includes(needle) : needle.test(text)
  })
}
