import client from 'prom-client'
import type { FastifyInstance } from 'fastify'

type HttpLabels = Record<'method' | 'route' | 'status', string>

/** The HTTP metrics of one method, route and status. */
interface HttpSeries {
  labels: HttpLabels
  /** Requests counted since http_requests_total was last read. */
  unreported: number
  duration: client.Histogram.Internal<'method' | 'route' | 'status'>
}

/**
 * One prom-client registry per service: Node runtime metrics (event-loop delay,
 * heap, GC) plus HTTP request count and duration by route and status.
 * Label values use the route *pattern* (`/api/v1/news/buffer`), never the raw
 * URL, so cardinality stays bounded whatever clients send.
 */
export class ServiceMetrics {
  readonly registry: client.Registry
  readonly httpRequests: client.Counter<'method' | 'route' | 'status'>
  readonly httpDuration: client.Histogram<'method' | 'route' | 'status'>
  /** Requests answered 503 MIB_ERR_HTTP_OVERLOADED before any routing (load-shedder.ts); not in http_requests_total. */
  readonly httpShed: client.Counter<'reason'>
  #inFlight: (() => number) | undefined
  /**
   * One entry per method, route and status, resolved once. Bounded: routes are
   * patterns, statuses few. The request count is a plain number added to the
   * counter when it is read (scrape): prom-client hashes and validates the
   * label object on every inc, even through a labelled child (250 ns a request).
   */
  readonly #httpChildren = new Map<string, HttpSeries>()

  constructor (service: string) {
    this.registry = new client.Registry()
    this.registry.setDefaultLabels({ service })
    client.collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 })
    const children = this.#httpChildren
    this.httpRequests = new client.Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status code',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
      // Read at scrape time (and by get()): the counts since the last read.
      collect () {
        for (const series of children.values()) {
          if (series.unreported === 0) continue
          this.inc(series.labels, series.unreported)
          series.unreported = 0
        }
      }
    })
    this.httpDuration = new client.Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration in seconds, by method, route pattern and status code',
      labelNames: ['method', 'route', 'status'],
      // Seconds; dense below 100 ms where a healthy API lives, up to 10 s for the tail.
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry]
    })
    this.httpShed = new client.Counter({
      name: 'http_requests_shed_total',
      help: 'Requests shed early under overload (503 MIB_ERR_HTTP_OVERLOADED), by reason; they are not in http_requests_total',
      labelNames: ['reason'],
      registers: [this.registry]
    })
    const metrics = this
    // Read at scrape time: the count lives in the load shedder, not in a per-request gauge update.
    new client.Gauge({
      name: 'http_requests_in_flight',
      help: 'HTTP requests in progress (counted by the load shedder; absent without one)',
      registers: [this.registry],
      collect () { if (metrics.#inFlight !== undefined) this.set(metrics.#inFlight()) }
    })
  }

  /** Where http_requests_in_flight reads its value. */
  observeInFlight (read: () => number): void {
    this.#inFlight = read
  }

  #httpChild (method: string, route: string, statusCode: number): HttpSeries {
    const key = `${method} ${statusCode} ${route}`
    let child = this.#httpChildren.get(key)
    if (child === undefined) {
      const labels = { method, route, status: String(statusCode) }
      child = { labels, unreported: 0, duration: this.httpDuration.labels(labels) }
      this.#httpChildren.set(key, child)
    }
    return child
  }

  /** Records every request of `app` and serves `GET /metrics` on it. */
  instrument (app: FastifyInstance): void {
    // A callback hook, not an async one: no promise per request.
    app.addHook('onResponse', (request, reply, done) => {
      // routeOptions.url is the pattern; unmatched requests (404) share one label.
      const route = request.routeOptions.url ?? 'unmatched'
      if (route !== '/metrics') {
        const child = this.#httpChild(request.method, route, reply.statusCode)
        child.unreported++
        child.duration.observe(reply.elapsedTime / 1000)
      }
      done()
    })
    app.get('/metrics', async (_request, reply) => {
      void reply.header('content-type', this.registry.contentType)
      return await this.registry.metrics()
    })
  }
}
