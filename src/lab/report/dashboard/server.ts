/**
 * The live dashboard: an HTTP server with the page, uPlot's assets (from
 * node_modules: works offline), `/events` (server-sent events: the bounded
 * history first, then each published event) and `/report.html` (a
 * self-contained snapshot to keep). On close it can write that snapshot into
 * the run directory.
 *
 * Plain node:http on purpose: four routes, and the SSE stream must not be
 * buffered or compressed by a framework's reply pipeline.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { writeFile } from 'node:fs/promises'
import { parseOptionInput } from '../../../option-table/index.js'
import { DashboardClosedError, DashboardPortInUseError } from '../errors.js'
import { loadUplotAssets } from '../render/html/uplot-assets.js'
import { EventHistory } from './history.js'
import { ASSET_PATHS, renderDashboardPage } from './page.js'
import { DASHBOARD_OPTIONS, type DashboardOptions } from './options.js'
import type { DashboardEvent } from './events.js'

export type { DashboardOptions }

/** Unsent bytes allowed per client: about a minute of events for a busy test. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024

export interface Dashboard {
  /** http://host:port/ of the page. */
  url: string
  publish: (event: DashboardEvent) => void
  /** The self-contained page with every kept event, as written on close. */
  snapshot: () => Promise<string>
  /** Ends the streams, writes the snapshot (if `snapshotFile`), and stops the server. */
  close: () => Promise<void>
}

export async function startDashboard (input: DashboardOptions = {}): Promise<Dashboard> {
  const options = parseOptionInput(DASHBOARD_OPTIONS, input)
  const uplot = await loadUplotAssets()
  const history = new EventHistory<DashboardEvent>(options.historyLimit)
  const clients = new Set<ServerResponse>()
  let closed = false

  const snapshot = async (): Promise<string> =>
    renderDashboardPage(options.title, { kind: 'snapshot', uplot, events: history.events() })

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void | Promise<void>> = {
    '/': (_req, res) => send(res, 'text/html; charset=utf-8', renderDashboardPage(options.title, { kind: 'live' })),
    [`/${ASSET_PATHS.uplotJs}`]: (_req, res) => send(res, 'text/javascript; charset=utf-8', uplot.js, 'public, max-age=3600'),
    [`/${ASSET_PATHS.uplotCss}`]: (_req, res) => send(res, 'text/css; charset=utf-8', uplot.css, 'public, max-age=3600'),
    '/events': (req, res) => openStream(req, res),
    '/report.html': async (_req, res) => {
      res.setHeader('content-disposition', 'attachment; filename="dashboard.html"')
      send(res, 'text/html; charset=utf-8', await snapshot())
    }
  }

  function openStream (req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no'
    })
    res.write('retry: 2000\n\n')
    const lastSeen = Number(req.headers['last-event-id'] ?? 0)
    for (const item of history.since(Number.isFinite(lastSeen) ? lastSeen : 0)) res.write(frame(item.seq, item.event))
    clients.add(res)
    req.on('close', () => clients.delete(res))
  }

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://dashboard').pathname
    const route = req.method === 'GET' || req.method === 'HEAD' ? routes[path] : undefined
    if (route === undefined) {
      send(res, 'text/plain; charset=utf-8', 'not found\n', undefined, 404)
      return
    }
    Promise.resolve(route(req, res)).catch((err: unknown) => {
      if (!res.headersSent) send(res, 'text/plain; charset=utf-8', `dashboard error: ${(err as Error).message}\n`, undefined, 500)
      else res.destroy(err as Error)
    })
  })
  const keepAlive = setInterval(() => { for (const res of clients) res.write(': keep-alive\n\n') }, options.keepAliveMs)
  keepAlive.unref()

  await listen(server, options.host, options.port)
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address

  return {
    url: `http://${host}:${address.port}/`,
    publish (event) {
      if (closed) throw new DashboardClosedError()
      const item = history.push(event)
      const text = frame(item.seq, event)
      for (const res of clients) {
        // A client that stopped reading would make us buffer without bound: drop it. Its EventSource
        // reconnects with Last-Event-ID and catches up from the history.
        if (res.writableLength > MAX_BUFFERED_BYTES) {
          clients.delete(res)
          res.destroy()
        } else {
          res.write(text)
        }
      }
    },
    snapshot,
    async close () {
      if (closed) return
      closed = true
      clearInterval(keepAlive)
      if (options.snapshotFile !== undefined) await writeFile(options.snapshotFile, await snapshot())
      for (const res of clients) res.end()
      clients.clear()
      await new Promise<void>((resolve, reject) => {
        server.close((err) => { if (err) reject(err); else resolve() })
        server.closeAllConnections()
      })
    }
  }
}

function frame (seq: number, event: DashboardEvent): string {
  return `id: ${seq}\ndata: ${JSON.stringify(event)}\n\n`
}

function send (res: ServerResponse, type: string, body: string, cache = 'no-store', status = 200): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': cache, 'content-length': Buffer.byteLength(body) })
  res.end(res.req.method === 'HEAD' ? undefined : body)
}

function listen (server: ReturnType<typeof createServer>, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      reject(err.code === 'EADDRINUSE' ? new DashboardPortInUseError(host, port) : err)
    }
    server.once('error', onError)
    server.listen(port, host, () => {
      server.off('error', onError)
      resolve()
    })
  })
}
