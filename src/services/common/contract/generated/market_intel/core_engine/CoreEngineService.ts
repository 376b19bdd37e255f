// Original file: proto/core_engine.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ConnectDataSourceRequest as _market_intel_core_engine_ConnectDataSourceRequest, ConnectDataSourceRequest__Output as _market_intel_core_engine_ConnectDataSourceRequest__Output } from '../../market_intel/core_engine/ConnectDataSourceRequest.js';
import type { ConnectDataSourceResponse as _market_intel_core_engine_ConnectDataSourceResponse, ConnectDataSourceResponse__Output as _market_intel_core_engine_ConnectDataSourceResponse__Output } from '../../market_intel/core_engine/ConnectDataSourceResponse.js';
import type { FetchMarketDataRequest as _market_intel_core_engine_FetchMarketDataRequest, FetchMarketDataRequest__Output as _market_intel_core_engine_FetchMarketDataRequest__Output } from '../../market_intel/core_engine/FetchMarketDataRequest.js';
import type { FetchMarketDataResponse as _market_intel_core_engine_FetchMarketDataResponse, FetchMarketDataResponse__Output as _market_intel_core_engine_FetchMarketDataResponse__Output } from '../../market_intel/core_engine/FetchMarketDataResponse.js';
import type { FetchNewsDataRequest as _market_intel_core_engine_FetchNewsDataRequest, FetchNewsDataRequest__Output as _market_intel_core_engine_FetchNewsDataRequest__Output } from '../../market_intel/core_engine/FetchNewsDataRequest.js';
import type { FetchNewsDataResponse as _market_intel_core_engine_FetchNewsDataResponse, FetchNewsDataResponse__Output as _market_intel_core_engine_FetchNewsDataResponse__Output } from '../../market_intel/core_engine/FetchNewsDataResponse.js';
import type { GetIngestionStatsRequest as _market_intel_core_engine_GetIngestionStatsRequest, GetIngestionStatsRequest__Output as _market_intel_core_engine_GetIngestionStatsRequest__Output } from '../../market_intel/core_engine/GetIngestionStatsRequest.js';
import type { GetIngestionStatsResponse as _market_intel_core_engine_GetIngestionStatsResponse, GetIngestionStatsResponse__Output as _market_intel_core_engine_GetIngestionStatsResponse__Output } from '../../market_intel/core_engine/GetIngestionStatsResponse.js';
import type { GetMarketDataBufferRequest as _market_intel_core_engine_GetMarketDataBufferRequest, GetMarketDataBufferRequest__Output as _market_intel_core_engine_GetMarketDataBufferRequest__Output } from '../../market_intel/core_engine/GetMarketDataBufferRequest.js';
import type { GetMarketDataBufferResponse as _market_intel_core_engine_GetMarketDataBufferResponse, GetMarketDataBufferResponse__Output as _market_intel_core_engine_GetMarketDataBufferResponse__Output } from '../../market_intel/core_engine/GetMarketDataBufferResponse.js';
import type { GetNewsBufferRequest as _market_intel_core_engine_GetNewsBufferRequest, GetNewsBufferRequest__Output as _market_intel_core_engine_GetNewsBufferRequest__Output } from '../../market_intel/core_engine/GetNewsBufferRequest.js';
import type { GetNewsBufferResponse as _market_intel_core_engine_GetNewsBufferResponse, GetNewsBufferResponse__Output as _market_intel_core_engine_GetNewsBufferResponse__Output } from '../../market_intel/core_engine/GetNewsBufferResponse.js';
import type { HealthCheckRequest as _market_intel_core_engine_HealthCheckRequest, HealthCheckRequest__Output as _market_intel_core_engine_HealthCheckRequest__Output } from '../../market_intel/core_engine/HealthCheckRequest.js';
import type { HealthCheckResponse as _market_intel_core_engine_HealthCheckResponse, HealthCheckResponse__Output as _market_intel_core_engine_HealthCheckResponse__Output } from '../../market_intel/core_engine/HealthCheckResponse.js';
import type { MarketData as _market_intel_core_engine_MarketData, MarketData__Output as _market_intel_core_engine_MarketData__Output } from '../../market_intel/core_engine/MarketData.js';
import type { StreamMarketDataRequest as _market_intel_core_engine_StreamMarketDataRequest, StreamMarketDataRequest__Output as _market_intel_core_engine_StreamMarketDataRequest__Output } from '../../market_intel/core_engine/StreamMarketDataRequest.js';

export interface CoreEngineServiceClient extends grpc.Client {
  ConnectDataSource(argument: _market_intel_core_engine_ConnectDataSourceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_market_intel_core_engine_ConnectDataSourceResponse__Output>): grpc.ClientUnaryCall;
  ConnectDataSource(argument: _market_intel_core_engine_ConnectDataSourceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_market_intel_core_engine_ConnectDataSourceResponse__Output>): grpc.ClientUnaryCall;
  ConnectDataSource(argument: _market_intel_core_engine_ConnectDataSourceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_market_intel_core_engine_ConnectDataSourceResponse__Output>): grpc.ClientUnaryCall;
  ConnectDataSource(argument: _market_intel_core_engine_ConnectDataSourceRequest, callback: grpc.requestCallback<_market_intel_core_engine_ConnectDataSourceResponse__Output>): grpc.ClientUnaryCall;
  connectDataSource(argument: _market_intel_core_engine_ConnectDataSourceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_market_intel_core_engine_ConnectDataSourceResponse__Output>): grpc.ClientUnaryCall;
  connectDataSource(argument: _market_intel_core_engine_ConnectDataSourceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_market_intel_core_engine_ConnectDataSourceResponse__Output>): grpc.ClientUnaryCall;
  connectDataSource(argument: _market_intel_core_engine_ConnectDataSourceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_market_intel_core_engine_ConnectDataSourceResponse__Output>): grpc.ClientUnaryCall;
  connectDataSource(argument: _market_intel_core_engine_ConnectDataSourceRequest, callback: grpc.requestCallback<_market_intel_core_engine_ConnectDataSourceResponse__Output>): grpc.ClientUnaryCall;
  
  FetchMarketData(argument: _market_intel_core_engine_FetchMarketDataRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_market_intel_core_engine_FetchMarketDataResponse__Output>): grpc.ClientUnaryCall;
  FetchMarketData(argument: _market_intel_core_engine_FetchMarketDataRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_market_intel_core_engine_FetchMarketDataResponse__Output>): grpc.ClientUnaryCall;
  FetchMarketData(argument: _market_intel_core_engine_FetchMarketDataRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_market_intel_core_engine_FetchMarketDataResponse__Output>): grpc.ClientUnaryCall;
  FetchMarketData(argument: _market_intel_core_engine_FetchMarketDataRequest, callback: grpc.requestCallback<_market_intel_core_engine_FetchMarketDataResponse__Output>): grpc.ClientUnaryCall;
  fetchMarketData(argument: _market_intel_core_engine_FetchMarketDataRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_market_intel_core_engine_FetchMarketDataResponse__Output>): grpc.ClientUnaryCall;
  fetchMarketData(argument: _market_intel_core_engine_FetchMarketDataRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_market_intel_core_engine_FetchMarketDataResponse__Output>): grpc.ClientUnaryCall;
  fetchMarketData(argument: _market_intel_core_engine_FetchMarketDataRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_market_intel_core_engine_FetchMarketDataResponse__Output>): grpc.ClientUnaryCall;
  fetchMarketData(argument: _market_intel_core_engine_FetchMarketDataRequest, callback: grpc.requestCallback<_market_intel_core_engine_FetchMarketDataResponse__Output>): grpc.ClientUnaryCall;
  
  FetchNewsData(argument: _market_intel_core_engine_FetchNewsDataRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_market_intel_core_engine_FetchNewsDataResponse__Output>): grpc.ClientUnaryCall;
  FetchNewsData(argument: _market_intel_core_engine_FetchNewsDataRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_market_intel_core_engine_FetchNewsDataResponse__Output>): grpc.ClientUnaryCall;
  FetchNewsData(argument: _market_intel_core_engine_FetchNewsDataRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_market_intel_core_engine_FetchNewsDataResponse__Output>): grpc.ClientUnaryCall;
  FetchNewsData(argument: _market_intel_core_engine_FetchNewsDataRequest, callback: grpc.requestCallback<_market_intel_core_engine_FetchNewsDataResponse__Output>): grpc.ClientUnaryCall;
  fetchNewsData(argument: _market_intel_core_engine_FetchNewsDataRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_market_intel_core_engine_FetchNewsDataResponse__Output>): grpc.ClientUnaryCall;
  fetchNewsData(argument: _market_intel_core_engine_FetchNewsDataRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_market_intel_core_engine_FetchNewsDataResponse__Output>): grpc.ClientUnaryCall;
  fetchNewsData(argument: _market_intel_core_engine_FetchNewsDataRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_market_intel_core_engine_FetchNewsDataResponse__Output>): grpc.ClientUnaryCall;
  fetchNewsData(argument: _market_intel_core_engine_FetchNewsDataRequest, callback: grpc.requestCallback<_market_intel_core_engine_FetchNewsDataResponse__Output>): grpc.ClientUnaryCall;
  
  GetIngestionStats(argument: _market_intel_core_engine_GetIngestionStatsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_market_intel_core_engine_GetIngestionStatsResponse__Output>): grpc.ClientUnaryCall;
  GetIngestionStats(argument: _market_intel_core_engine_GetIngestionStatsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_market_intel_core_engine_GetIngestionStatsResponse__Output>): grpc.ClientUnaryCall;
  GetIngestionStats(argument: _market_intel_core_engine_GetIngestionStatsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_market_intel_core_engine_GetIngestionStatsResponse__Output>): grpc.ClientUnaryCall;
  GetIngestionStats(argument: _market_intel_core_engine_GetIngestionStatsRequest, callback: grpc.requestCallback<_market_intel_core_engine_GetIngestionStatsResponse__Output>): grpc.ClientUnaryCall;
  getIngestionStats(argument: _market_intel_core_engine_GetIngestionStatsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_market_intel_core_engine_GetIngestionStatsResponse__Output>): grpc.ClientUnaryCall;
  getIngestionStats(argument: _market_intel_core_engine_GetIngestionStatsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_market_intel_core_engine_GetIngestionStatsResponse__Output>): grpc.ClientUnaryCall;
  getIngestionStats(argument: _market_intel_core_engine_GetIngestionStatsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_market_intel_core_engine_GetIngestionStatsResponse__Output>): grpc.ClientUnaryCall;
  getIngestionStats(argument: _market_intel_core_engine_GetIngestionStatsRequest, callback: grpc.requestCallback<_market_intel_core_engine_GetIngestionStatsResponse__Output>): grpc.ClientUnaryCall;
  
  GetMarketDataBuffer(argument: _market_intel_core_engine_GetMarketDataBufferRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_market_intel_core_engine_GetMarketDataBufferResponse__Output>): grpc.ClientUnaryCall;
  GetMarketDataBuffer(argument: _market_intel_core_engine_GetMarketDataBufferRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_market_intel_core_engine_GetMarketDataBufferResponse__Output>): grpc.ClientUnaryCall;
  GetMarketDataBuffer(argument: _market_intel_core_engine_GetMarketDataBufferRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_market_intel_core_engine_GetMarketDataBufferResponse__Output>): grpc.ClientUnaryCall;
  GetMarketDataBuffer(argument: _market_intel_core_engine_GetMarketDataBufferRequest, callback: grpc.requestCallback<_market_intel_core_engine_GetMarketDataBufferResponse__Output>): grpc.ClientUnaryCall;
  getMarketDataBuffer(argument: _market_intel_core_engine_GetMarketDataBufferRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_market_intel_core_engine_GetMarketDataBufferResponse__Output>): grpc.ClientUnaryCall;
  getMarketDataBuffer(argument: _market_intel_core_engine_GetMarketDataBufferRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_market_intel_core_engine_GetMarketDataBufferResponse__Output>): grpc.ClientUnaryCall;
  getMarketDataBuffer(argument: _market_intel_core_engine_GetMarketDataBufferRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_market_intel_core_engine_GetMarketDataBufferResponse__Output>): grpc.ClientUnaryCall;
  getMarketDataBuffer(argument: _market_intel_core_engine_GetMarketDataBufferRequest, callback: grpc.requestCallback<_market_intel_core_engine_GetMarketDataBufferResponse__Output>): grpc.ClientUnaryCall;
  
  GetNewsBuffer(argument: _market_intel_core_engine_GetNewsBufferRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_market_intel_core_engine_GetNewsBufferResponse__Output>): grpc.ClientUnaryCall;
  GetNewsBuffer(argument: _market_intel_core_engine_GetNewsBufferRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_market_intel_core_engine_GetNewsBufferResponse__Output>): grpc.ClientUnaryCall;
  GetNewsBuffer(argument: _market_intel_core_engine_GetNewsBufferRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_market_intel_core_engine_GetNewsBufferResponse__Output>): grpc.ClientUnaryCall;
  GetNewsBuffer(argument: _market_intel_core_engine_GetNewsBufferRequest, callback: grpc.requestCallback<_market_intel_core_engine_GetNewsBufferResponse__Output>): grpc.ClientUnaryCall;
  getNewsBuffer(argument: _market_intel_core_engine_GetNewsBufferRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_market_intel_core_engine_GetNewsBufferResponse__Output>): grpc.ClientUnaryCall;
  getNewsBuffer(argument: _market_intel_core_engine_GetNewsBufferRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_market_intel_core_engine_GetNewsBufferResponse__Output>): grpc.ClientUnaryCall;
  getNewsBuffer(argument: _market_intel_core_engine_GetNewsBufferRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_market_intel_core_engine_GetNewsBufferResponse__Output>): grpc.ClientUnaryCall;
  getNewsBuffer(argument: _market_intel_core_engine_GetNewsBufferRequest, callback: grpc.requestCallback<_market_intel_core_engine_GetNewsBufferResponse__Output>): grpc.ClientUnaryCall;
  
  HealthCheck(argument: _market_intel_core_engine_HealthCheckRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_market_intel_core_engine_HealthCheckResponse__Output>): grpc.ClientUnaryCall;
  HealthCheck(argument: _market_intel_core_engine_HealthCheckRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_market_intel_core_engine_HealthCheckResponse__Output>): grpc.ClientUnaryCall;
  HealthCheck(argument: _market_intel_core_engine_HealthCheckRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_market_intel_core_engine_HealthCheckResponse__Output>): grpc.ClientUnaryCall;
  HealthCheck(argument: _market_intel_core_engine_HealthCheckRequest, callback: grpc.requestCallback<_market_intel_core_engine_HealthCheckResponse__Output>): grpc.ClientUnaryCall;
  healthCheck(argument: _market_intel_core_engine_HealthCheckRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_market_intel_core_engine_HealthCheckResponse__Output>): grpc.ClientUnaryCall;
  healthCheck(argument: _market_intel_core_engine_HealthCheckRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_market_intel_core_engine_HealthCheckResponse__Output>): grpc.ClientUnaryCall;
  healthCheck(argument: _market_intel_core_engine_HealthCheckRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_market_intel_core_engine_HealthCheckResponse__Output>): grpc.ClientUnaryCall;
  healthCheck(argument: _market_intel_core_engine_HealthCheckRequest, callback: grpc.requestCallback<_market_intel_core_engine_HealthCheckResponse__Output>): grpc.ClientUnaryCall;
  
  StreamMarketData(argument: _market_intel_core_engine_StreamMarketDataRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_market_intel_core_engine_MarketData__Output>;
  StreamMarketData(argument: _market_intel_core_engine_StreamMarketDataRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_market_intel_core_engine_MarketData__Output>;
  streamMarketData(argument: _market_intel_core_engine_StreamMarketDataRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_market_intel_core_engine_MarketData__Output>;
  streamMarketData(argument: _market_intel_core_engine_StreamMarketDataRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_market_intel_core_engine_MarketData__Output>;
  
}

export interface CoreEngineServiceHandlers extends grpc.UntypedServiceImplementation {
  ConnectDataSource: grpc.handleUnaryCall<_market_intel_core_engine_ConnectDataSourceRequest__Output, _market_intel_core_engine_ConnectDataSourceResponse>;
  
  FetchMarketData: grpc.handleUnaryCall<_market_intel_core_engine_FetchMarketDataRequest__Output, _market_intel_core_engine_FetchMarketDataResponse>;
  
  FetchNewsData: grpc.handleUnaryCall<_market_intel_core_engine_FetchNewsDataRequest__Output, _market_intel_core_engine_FetchNewsDataResponse>;
  
  GetIngestionStats: grpc.handleUnaryCall<_market_intel_core_engine_GetIngestionStatsRequest__Output, _market_intel_core_engine_GetIngestionStatsResponse>;
  
  GetMarketDataBuffer: grpc.handleUnaryCall<_market_intel_core_engine_GetMarketDataBufferRequest__Output, _market_intel_core_engine_GetMarketDataBufferResponse>;
  
  GetNewsBuffer: grpc.handleUnaryCall<_market_intel_core_engine_GetNewsBufferRequest__Output, _market_intel_core_engine_GetNewsBufferResponse>;
  
  HealthCheck: grpc.handleUnaryCall<_market_intel_core_engine_HealthCheckRequest__Output, _market_intel_core_engine_HealthCheckResponse>;
  
  StreamMarketData: grpc.handleServerStreamingCall<_market_intel_core_engine_StreamMarketDataRequest__Output, _market_intel_core_engine_MarketData>;
  
}

export interface CoreEngineServiceDefinition extends grpc.ServiceDefinition {
  ConnectDataSource: MethodDefinition<_market_intel_core_engine_ConnectDataSourceRequest, _market_intel_core_engine_ConnectDataSourceResponse, _market_intel_core_engine_ConnectDataSourceRequest__Output, _market_intel_core_engine_ConnectDataSourceResponse__Output>
  FetchMarketData: MethodDefinition<_market_intel_core_engine_FetchMarketDataRequest, _market_intel_core_engine_FetchMarketDataResponse, _market_intel_core_engine_FetchMarketDataRequest__Output, _market_intel_core_engine_FetchMarketDataResponse__Output>
  FetchNewsData: MethodDefinition<_market_intel_core_engine_FetchNewsDataRequest, _market_intel_core_engine_FetchNewsDataResponse, _market_intel_core_engine_FetchNewsDataRequest__Output, _market_intel_core_engine_FetchNewsDataResponse__Output>
  GetIngestionStats: MethodDefinition<_market_intel_core_engine_GetIngestionStatsRequest, _market_intel_core_engine_GetIngestionStatsResponse, _market_intel_core_engine_GetIngestionStatsRequest__Output, _market_intel_core_engine_GetIngestionStatsResponse__Output>
  GetMarketDataBuffer: MethodDefinition<_market_intel_core_engine_GetMarketDataBufferRequest, _market_intel_core_engine_GetMarketDataBufferResponse, _market_intel_core_engine_GetMarketDataBufferRequest__Output, _market_intel_core_engine_GetMarketDataBufferResponse__Output>
  GetNewsBuffer: MethodDefinition<_market_intel_core_engine_GetNewsBufferRequest, _market_intel_core_engine_GetNewsBufferResponse, _market_intel_core_engine_GetNewsBufferRequest__Output, _market_intel_core_engine_GetNewsBufferResponse__Output>
  HealthCheck: MethodDefinition<_market_intel_core_engine_HealthCheckRequest, _market_intel_core_engine_HealthCheckResponse, _market_intel_core_engine_HealthCheckRequest__Output, _market_intel_core_engine_HealthCheckResponse__Output>
  StreamMarketData: MethodDefinition<_market_intel_core_engine_StreamMarketDataRequest, _market_intel_core_engine_MarketData, _market_intel_core_engine_StreamMarketDataRequest__Output, _market_intel_core_engine_MarketData__Output>
}
