/**
 * The gRPC server of the CoreEngineService contract (insecure: it listens on
 * loopback by default, behind the gateway).
 */
import { Server, ServerCredentials } from '@grpc/grpc-js'
import { coreEngineService, type CoreEngineServiceHandlers } from '../../common/contract/index.js'
import type { EngineContext } from '../context.js'
import { healthAndStatsHandlers } from './handlers/health.js'
import { marketDataHandlers } from './handlers/market-data.js'
import { newsHandlers } from './handlers/news.js'
import { sourceHandlers } from './handlers/sources.js'
import { streamHandlers } from './handlers/stream.js'

/** Requests are a few symbols or keywords; anything near this is not a client of ours. */
const MAX_REQUEST_BYTES = 64 * 1024

export function engineHandlers (ctx: EngineContext): CoreEngineServiceHandlers {
  return {
    ...healthAndStatsHandlers(ctx),
    ...marketDataHandlers(ctx),
    ...newsHandlers(ctx),
    ...sourceHandlers(ctx),
    ...streamHandlers(ctx)
  }
}

export interface BoundGrpcServer {
  server: Server
  /** host:port actually bound (port 0 resolved). */
  address: string
}

export async function startGrpcServer (ctx: EngineContext, host: string, port: number): Promise<BoundGrpcServer> {
  const server = new Server({
    'grpc.max_receive_message_length': MAX_REQUEST_BYTES,
    // Lets the gateway keep its channel warm with pings while idle.
    'grpc.keepalive_permit_without_calls': 1,
    // channelz bookkeeping costs ~10% of a small call and nothing here reads it.
    'grpc.enable_channelz': 0
  })
  server.addService(coreEngineService(), engineHandlers(ctx))
  const hostPart = host.includes(':') ? `[${host}]` : host
  const boundPort = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${hostPart}:${port}`, ServerCredentials.createInsecure(), (err, actual) => {
      if (err !== null) reject(err)
      else resolve(actual)
    })
  })
  return { server, address: `${hostPart}:${boundPort}` }
}

/** Graceful: in-flight calls finish; after `timeoutMs` the rest are cut (forceShutdown). */
export async function stopGrpcServer (server: Server, timeoutMs: number): Promise<'graceful' | 'forced'> {
  return await new Promise((resolve) => {
    const force = setTimeout(() => {
      server.forceShutdown()
      resolve('forced')
    }, timeoutMs)
    server.tryShutdown(() => {
      clearTimeout(force)
      resolve('graceful')
    })
  })
}
