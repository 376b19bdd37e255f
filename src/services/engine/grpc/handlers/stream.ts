/**
 * StreamMarketData: live ticks for the requested symbols until the client
 * cancels or the engine shuts down. Backpressure and bounds: streaming/subscriber.ts.
 */
import { status as GrpcStatus } from '@grpc/grpc-js'
import type { CoreEngineServiceHandlers } from '../../../common/contract/index.js'
import type { EngineContext } from '../../context.js'
import { ShuttingDownError } from '../../errors.js'
import type { Subscriber } from '../../streaming/subscriber.js'
import { optionalSymbols } from '../../validation.js'
import { statusName, toServiceError } from '../status.js'

export function streamHandlers (ctx: EngineContext): Pick<CoreEngineServiceHandlers, 'StreamMarketData'> {
  return {
    StreamMarketData: (call) => {
      const started = performance.now()
      const record = (code: GrpcStatus): void => ctx.metrics.grpcCall('StreamMarketData', 'server_stream', statusName(code), (performance.now() - started) / 1000)
      let subscriber: Subscriber
      try {
        if (ctx.isClosing()) throw new ShuttingDownError()
        subscriber = ctx.ingestion.hub.subscribe(call, optionalSymbols(call.request.symbols))
      } catch (err) {
        const error = toServiceError(err)
        record(error.code ?? GrpcStatus.UNKNOWN)
        call.emit('error', error)
        return
      }
      let done = false
      const cleanUp = (code: GrpcStatus): void => {
        if (done) return
        done = true
        ctx.ingestion.hub.unsubscribe(subscriber)
        record(code)
      }
      call.on('cancelled', () => cleanUp(GrpcStatus.CANCELLED))
      call.on('error', () => cleanUp(GrpcStatus.UNKNOWN))
      call.on('finish', () => cleanUp(GrpcStatus.OK))
      call.on('close', () => cleanUp(GrpcStatus.CANCELLED))
      // The client may have gone before the listeners were attached.
      if (call.cancelled) cleanUp(GrpcStatus.CANCELLED)
    }
  }
}
