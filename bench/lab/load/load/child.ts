/** Runs a bench child (node --import tsx FILE ARGS, or bare node for compiled .mjs) and reads the JSON line it prints. */
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'

export interface Child<T> { process: ChildProcess, first: Promise<T>, exited: Promise<number | null> }

export function startChild<T> (file: string, args: string[], env: Record<string, string> = {}, runner: 'tsx' | 'node' = 'tsx'): Child<T> {
  const child = spawn(process.execPath, [...(runner === 'tsx' ? ['--import', 'tsx'] : []), file, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, MIB_FROM_SOURCE: '1', ...env }
  })
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const first = new Promise<T>((resolve, reject) => {
    lines.on('line', (line) => {
      if (line.startsWith('{')) resolve(JSON.parse(line) as T)
    })
    void exited.then((code) => { reject(new Error(`${file} exited (${String(code)}) before reporting`)) })
  })
  return { process: child, first, exited }
}
