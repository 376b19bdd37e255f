/** Starts bench/services/gateway/serve.ts roles as child processes and stops them (by pid) at the end. */
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const SERVE = fileURLToPath(new URL('./serve.ts', import.meta.url))
const READY_TIMEOUT_MS = 60_000

export interface Child {
  urls: Record<string, string>
  pid: number
  stop: () => Promise<void>
}

export async function startChild (...args: string[]): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVE, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
  const urls = await readyLine(child, args.join(' '))
  return { urls, pid: child.pid ?? 0, stop: async () => { await stopChild(child) } }
}

async function readyLine (child: ChildProcess, what: string): Promise<Record<string, string>> {
  return await new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${what}: not ready within ${READY_TIMEOUT_MS} ms`)) }, READY_TIMEOUT_MS)
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const line = /^READY (.*)$/m.exec(out)
      if (line?.[1] === undefined) return
      clearTimeout(timer)
      resolve(JSON.parse(line[1]) as Record<string, string>)
    })
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${what}: exited with ${String(code)} before READY`)) })
  })
}

async function stopChild (child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return
  const exited = new Promise<void>((resolve) => { child.once('exit', () => { resolve() }) })
  child.kill('SIGTERM')
  const timer = setTimeout(() => { child.kill('SIGKILL') }, 15_000)
  await exited
  clearTimeout(timer)
}
