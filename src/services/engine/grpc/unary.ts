/**
 * Wraps a unary handler: times it, answers errors per grpc/status.ts, records
 * the call in the metrics and logs unexpected failures. Synchronous handlers
 * (the buffer reads, stats, health) answer without a promise in between.
 */
import { status as GrpcStatus, type handleUnaryCall, type ServerUnaryCall } from '@grpc/grpc-js'
import type { EngineContext } from '../context.js'
import { isCancellation, statusName, toServiceError } from './status.js'

export type UnaryHandler<Req, Res> = (request: Req, call: ServerUnaryCall<Req, Res>) => Res | Promise<Res>

export function unary<Req, Res> (method: string, ctx: EngineContext, handler: UnaryHandler<Req, Res>): handleUnaryCall<Req, Res> {
  return (call, callback) => {
    const started = performance.now()
    const finish = (code: GrpcStatus): void => ctx.metrics.grpcCall(method, 'unary', statusName(code), (performance.now() - started) / 1000)
    const fail = (err: unknown): void => {
      const error = toServiceError(err)
      if (error.code === GrpcStatus.INTERNAL && !isCancellation(err)) ctx.logger.error({ err, method }, 'rpc failed unexpectedly')
      finish(error.code ?? GrpcStatus.UNKNOWN)
      callback(error)
    }
    let result: Res | Promise<Res>
    try {
      result = handler(call.request, call)
    } catch (err) {
      fail(err)
      return
    }
    if (result instanceof Promise) {
      result.then((value) => { finish(GrpcStatus.OK); callback(null, value) }, fail)
    } else {
      finish(GrpcStatus.OK)
      callback(null, result)
    }
  }
}
