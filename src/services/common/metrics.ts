import client from 'prom-client'
import type { FastifyInstance } from 'fastify'

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

  constructor (service: string) {
    this.registry = new client.Registry()
    this.registry.setDefaultLabels({ service })
    client.collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 })
    this.httpRequests = new client.Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status code',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry]
    })
    this.httpDuration = new client.Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration in seconds, by method, route pattern and status code',
      labelNames: ['method', 'route', 'status'],
      // Seconds; dense below 100 ms where a healthy API lives, up to 10 s for the tail.
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry]
    })
  }

  /** Records every request of `app` and serves `GET /metrics` on it. */
  instrument (app: FastifyInstance): void {
    app.addHook('onResponse', async (request, reply) => {
      // routeOptions.url is the pattern; unmatched requests (404) share one label.
      const route = request.routeOptions.url ?? 'unmatched'
      if (route === '/metrics') return
      const labels = { method: request.method, route, status: String(reply.statusCode) }
      this.httpRequests.inc(labels)
      this.httpDuration.observe(labels, reply.elapsedTime / 1000)
    })
    app.get('/metrics', async (_request, reply) => {
      void reply.header('content-type', this.registry.contentType)
      return await this.registry.metrics()
    })
  }
}
