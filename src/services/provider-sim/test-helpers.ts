/** Shared by this folder's tests: a simulator on a free port, a stream client, polling. */
import type { TestContext } from 'node:test'
import { WebSocket, type ClientOptions } from 'ws'
import { request } from 'undici'
import { startProviderSim, type RunningProviderSim } from './service.js'
import type { ProviderSimOptionsInput } from './options.js'

/** A simulator on 127.0.0.1:0, silent, profiling off unless asked; closed when the test ends. */
export async function startTestSim (t: TestContext, options: ProviderSimOptionsInput = {}): Promise<RunningProviderSim> {
  const sim = await startProviderSim({ port: 0, env: 'test', profiling: { mode: 'off', adminPort: 0 }, ...options })
  t.after(async () => { await sim.close() })
  return sim
}

export interface JsonResponse<T = unknown> {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: T
}

export async function getJson<T = unknown> (url: string, headers: Record<string, string> = {}): Promise<JsonResponse<T>> {
  const res = await request(url, { headers })
  return { status: res.statusCode, headers: res.headers, body: await res.body.json() as T }
}

export async function sendJson<T = unknown> (url: string, method: 'PATCH' | 'POST', body: unknown): Promise<JsonResponse<T>> {
  const res = await request(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  return { status: res.statusCode, headers: res.headers, body: await res.body.json() as T }
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T> (check: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = check()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** Polls an async `check` until it returns true, or fails after `timeoutMs`. */
export async function eventually (check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

export interface StreamMessage { type: string, [key: string]: unknown }

/** A stream client that records every JSON frame it receives. */
export class StreamClient {
  readonly socket: WebSocket
  readonly messages: StreamMessage[] = []
  closeCode: number | undefined

  private constructor (socket: WebSocket) {
    this.socket = socket
    socket.on('message', (data) => { this.messages.push(JSON.parse(String(data)) as StreamMessage) })
    socket.on('close', (code) => { this.closeCode = code })
  }

  static async connect (t: TestContext, url: string, options: ClientOptions = {}): Promise<StreamClient> {
    const socket = new WebSocket(url, options)
    const client = new StreamClient(socket)
    t.after(() => { socket.terminate() })
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => { resolve() })
      socket.once('error', reject)
    })
    return client
  }

  send (message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message))
  }

  /** Waits for the first message after index `from` that satisfies `match`. */
  async next (match: (m: StreamMessage) => boolean, what: string, from = 0): Promise<StreamMessage> {
    return await waitFor(() => this.messages.slice(from).find(match), what)
  }

  ofType (type: string): StreamMessage[] {
    return this.messages.filter((m) => m.type === type)
  }

  async closed (): Promise<number> {
    return await waitFor(() => this.closeCode, 'the socket to close')
  }
}
