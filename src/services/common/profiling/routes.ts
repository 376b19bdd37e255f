import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify'
import type { Logger } from '../logger.js'
import { DEFAULT_BLOCK_SECONDS, DEFAULT_CPU_HZ, DEFAULT_CPU_SECONDS, DEFAULT_TRACE_SECONDS, MAX_CPU_HZ } from './catalogue.js'
import { collectBlockReport } from './block.js'
import { collectCpuProfile } from './cpu-profile.js'
import { MutexNotApplicableError } from './errors.js'
import { formatActiveResources, inspectActiveResources } from './goroutine.js'
import { ALLOCS_NOTE, collectHeapProfile, streamHeapSnapshot } from './heap-profile.js'
import { indexHtml, indexJson } from './index-page.js'
import { parseChoice, parseIntParam, parseList, parseSecondsMs, wantsText, type Query } from './params.js'
import { commandLine, runtimeReport } from './runtime-info.js'
import { sourceMapper } from './source-maps.js'
import { DEFAULT_TRACE_CATEGORIES, TRACE_CATEGORIES, TRACE_SOURCES, collectTrace } from './trace.js'
import { jsonStream } from './trace-json.js'

export const PPROF_PREFIX = '/debug/pprof/'

export interface RouteContext {
  service: string
  logger: Logger
  /** Aborted when the listener closes: windows in progress end early so shutdown is not held up. */
  closing: AbortSignal
}

/** The /debug/pprof routes, in an encapsulated plugin so their headers never touch the host app's routes. */
export function registerProfilingRoutes (app: FastifyInstance, ctx: RouteContext): void {
  void app.register(async (scope) => {
    scope.addHook('onSend', async (_request, reply) => {
      // Profiles describe this very moment: never cache them anywhere.
      void reply.header('cache-control', 'no-store')
      void reply.header('x-content-type-options', 'nosniff')
      // A profile cut short by shutdown must not leave a keep-alive socket holding server.close() open.
      if (ctx.closing.aborted) void reply.header('connection', 'close')
    })
    // No automatic HEAD routes: a link checker's HEAD must not start a 30 s CPU profile.
    const get = (path: string, handler: RouteHandlerMethod): void => { scope.route({ method: 'GET', url: path, exposeHeadRoute: false, handler }) }
    get('/debug/pprof', async (_request, reply) => await reply.redirect(PPROF_PREFIX, 301))
    get(PPROF_PREFIX, async (request, reply) => {
      if (wantsJson(request)) return indexJson(ctx.service, PPROF_PREFIX)
      return await reply.type('text/html; charset=utf-8').send(indexHtml(ctx.service))
    })
    get(`${PPROF_PREFIX}profile`, async (request, reply) => {
      const q = query(request)
      const durationMs = parseSecondsMs(q, DEFAULT_CPU_SECONDS)
      const hz = parseIntParam(q, 'hz', DEFAULT_CPU_HZ, 1, MAX_CPU_HZ)
      const body = await collectCpuProfile({ durationMs, hz, signal: requestSignal(reply, ctx.closing), sourceMapper: sourceMapper(ctx.logger) })
      logCollected(ctx, 'cpu', body.length, durationMs)
      return await sendArtefact(reply, body, 'application/octet-stream', fileName(ctx.service, 'cpu', 'pb.gz'))
    })
    for (const kind of ['heap', 'allocs'] as const) {
      get(`${PPROF_PREFIX}${kind}`, async (_request, reply) => {
        const body = await collectHeapProfile({ ...(kind === 'allocs' ? { note: ALLOCS_NOTE } : {}), sourceMapper: sourceMapper(ctx.logger) })
        logCollected(ctx, kind, body.length)
        return await sendArtefact(reply, body, 'application/octet-stream', fileName(ctx.service, kind, 'pb.gz'))
      })
    }
    get(`${PPROF_PREFIX}heapsnapshot`, async (_request, reply) => {
      ctx.logger.warn('writing a V8 heap snapshot: the process pauses until it is taken')
      const stream = streamHeapSnapshot()
      return await sendArtefact(reply, stream, 'application/json', fileName(ctx.service, 'heap', 'heapsnapshot'))
    })
    get(`${PPROF_PREFIX}goroutine`, async (request, reply) => {
      const resources = inspectActiveResources()
      if (wantsText(query(request))) return await reply.type('text/plain; charset=utf-8').send(formatActiveResources(resources))
      return resources
    })
    get(`${PPROF_PREFIX}trace`, async (request, reply) => {
      const q = query(request)
      const durationMs = parseSecondsMs(q, DEFAULT_TRACE_SECONDS)
      const categories = parseList(q, 'categories', TRACE_CATEGORIES) ?? DEFAULT_TRACE_CATEGORIES
      const source = parseChoice(q, 'source', TRACE_SOURCES, 'inspector')
      const trace = await collectTrace({ service: ctx.service, durationMs, categories, source, signal: requestSignal(reply, ctx.closing) })
      // Written in slices, not one JSON.stringify: that stalled the service (see trace-json.ts).
      const body = jsonStream(trace, 'traceEvents', (bytes) => logCollected(ctx, 'trace', bytes, durationMs))
      return await sendArtefact(reply, body, 'application/json', fileName(ctx.service, 'trace', 'json'))
    })
    get(`${PPROF_PREFIX}block`, async (request, reply) => {
      const durationMs = parseSecondsMs(query(request), DEFAULT_BLOCK_SECONDS)
      return await collectBlockReport(durationMs, requestSignal(reply, ctx.closing))
    })
    get(`${PPROF_PREFIX}mutex`, async () => { throw new MutexNotApplicableError() })
    get(`${PPROF_PREFIX}cmdline`, async (_request, reply) => await reply.type('text/plain; charset=utf-8').send(commandLine()))
    get(`${PPROF_PREFIX}runtime`, async () => runtimeReport())
  })
}

function query (request: FastifyRequest): Query {
  return request.query as Query
}

function wantsJson (request: FastifyRequest): boolean {
  const format = query(request).format
  if (format !== undefined) return format === 'json'
  const accept = request.headers.accept ?? ''
  return accept.includes('application/json') && !accept.includes('text/html')
}

/**
 * Aborts when the client goes away before the answer is written (Go's pprof
 * stops on context cancellation too) or when the listener is closing.
 */
function requestSignal (reply: FastifyReply, closing: AbortSignal): AbortSignal {
  const controller = new AbortController()
  const abort = (): void => controller.abort()
  if (closing.aborted) abort()
  closing.addEventListener('abort', abort, { once: true })
  reply.raw.once('close', () => {
    closing.removeEventListener('abort', abort)
    if (!reply.raw.writableFinished) abort()
  })
  return controller.signal
}

async function sendArtefact (reply: FastifyReply, body: unknown, contentType: string, filename: string): Promise<FastifyReply> {
  return await reply.type(contentType).header('content-disposition', `attachment; filename="${filename}"`).send(body)
}

/** `gateway-cpu-20261128T001500Z.pb.gz`: the same names `mib profile` writes. */
export function fileName (service: string, kind: string, extension: string, at = new Date()): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')
  return `${service.replace(/[^\w.-]/g, '_')}-${kind}-${stamp}.${extension}`
}

function logCollected (ctx: RouteContext, profile: string, bytes: number, durationMs?: number): void {
  ctx.logger.info({ profile, bytes, ...(durationMs === undefined ? {} : { seconds: durationMs / 1000 }) }, 'profile collected')
}
