/**
 * The gRPC contract between gateway and engine, loaded from proto/core_engine.proto.
 * Both services import only this module to speak to each other.
 */
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'
import * as grpc from '@grpc/grpc-js'
import * as protoLoader from '@grpc/proto-loader'
import type { ProtoGrpcType } from './generated/core_engine.js'

export type { CoreEngineServiceClient, CoreEngineServiceHandlers } from './generated/market_intel/core_engine/CoreEngineService.js'
export type { MarketData, MarketData__Output } from './generated/market_intel/core_engine/MarketData.js'
export type { NewsItem, NewsItem__Output } from './generated/market_intel/core_engine/NewsItem.js'
export type { IngestionStats, IngestionStats__Output } from './generated/market_intel/core_engine/IngestionStats.js'
export type { DataSourceInfo, DataSourceInfo__Output } from './generated/market_intel/core_engine/DataSourceInfo.js'
export type { HealthCheckResponse, HealthCheckResponse__Output } from './generated/market_intel/core_engine/HealthCheckResponse.js'
export type { FetchMarketDataResponse__Output } from './generated/market_intel/core_engine/FetchMarketDataResponse.js'
export type { FetchNewsDataResponse__Output } from './generated/market_intel/core_engine/FetchNewsDataResponse.js'
export type { GetMarketDataBufferResponse__Output } from './generated/market_intel/core_engine/GetMarketDataBufferResponse.js'
export type { GetNewsBufferResponse__Output } from './generated/market_intel/core_engine/GetNewsBufferResponse.js'

// The path works from src/ (tsx) and from dist/ (compiled): both sit two levels below the root.
export const PROTO_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'proto', 'core_engine.proto')

/** keepCase keeps snake_case field names; longs as Number (timestamps in ms fit in 2^53). */
export const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true, longs: Number, enums: String, defaults: true, oneofs: true
}

let cached: ProtoGrpcType | undefined

export function loadContract (): ProtoGrpcType {
  cached ??= grpc.loadPackageDefinition(protoLoader.loadSync(PROTO_PATH, LOADER_OPTIONS)) as unknown as ProtoGrpcType
  return cached
}

export function coreEngineService (): grpc.ServiceDefinition {
  return loadContract().market_intel.core_engine.CoreEngineService.service
}
