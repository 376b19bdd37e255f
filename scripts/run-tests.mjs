#!/usr/bin/env node
// Runs every *.test.ts under src/, test/, load-testing/ and bench/ (benchmarks' pure helpers) with Node's test runner
// through tsx. Node 20's runner has no glob support, so the files are listed here.
// Usage: node scripts/run-tests.mjs [substring ...]  (only files whose path contains one)
import { readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { spawn } from 'node:child_process'

const roots = ['src', 'test', 'load-testing', 'bench']
const skip = new Set(['node_modules', 'dist', 'fixtures', 'results'])

function collect (dir, out) {
  let entries
  try { entries = readdirSync(dir) } catch { return out }
  for (const name of entries) {
    if (skip.has(name)) continue
    const path = join(dir, name)
    if (statSync(path).isDirectory()) collect(path, out)
    else if (name.endsWith('.test.ts')) out.push(relative(process.cwd(), path))
  }
  return out
}

const filters = process.argv.slice(2)
const files = roots.flatMap((root) => collect(root, []))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort()
if (files.length === 0) {
  console.error('no test files matched')
  process.exit(1)
}

const concurrency = process.env.TEST_CONCURRENCY ?? '2'
const child = spawn(process.execPath, [
  '--import', 'tsx', '--test', `--test-concurrency=${concurrency}`,
  '--test-timeout=180000', ...files
], { stdio: 'inherit', env: { ...process.env, MIB_FROM_SOURCE: '1', NODE_ENV: 'test' } })
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
