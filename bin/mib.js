#!/usr/bin/env node
// Thin launcher: runs the compiled CLI, or the TypeScript sources through tsx
// when the project has not been built (a fresh clone during development).
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { dirname, join } from 'node:path'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const built = join(root, 'dist', 'cli', 'main.js')
// MIB_FROM_SOURCE=1 forces the sources (tests use it so a stale dist/ never runs).
if (existsSync(built) && process.env.MIB_FROM_SOURCE !== '1') {
  await import(pathToFileURL(built).href)
} else {
  const { register } = await import('tsx/esm/api')
  register()
  await import(pathToFileURL(join(root, 'src', 'cli', 'main.ts')).href)
}
