/** Every REST route of the gateway, one module per resource. */
import type { FastifyInstance } from 'fastify'
import type { GatewayContext } from '../context.js'
import { registerDataSourceRoutes } from './data-sources.js'
import { registerHealthRoutes } from './health.js'
import { registerIngestionRoutes } from './ingestion.js'
import { registerMarketDataRoutes } from './market-data.js'
import { registerNewsRoutes } from './news.js'

export function registerRoutes (app: FastifyInstance, ctx: GatewayContext): void {
  registerHealthRoutes(app, ctx)
  registerMarketDataRoutes(app, ctx)
  registerNewsRoutes(app, ctx)
  registerIngestionRoutes(app, ctx)
  registerDataSourceRoutes(app, ctx)
}
