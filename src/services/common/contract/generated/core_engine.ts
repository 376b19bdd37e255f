import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ConnectDataSourceRequest as _market_intel_core_engine_ConnectDataSourceRequest, ConnectDataSourceRequest__Output as _market_intel_core_engine_ConnectDataSourceRequest__Output } from './market_intel/core_engine/ConnectDataSourceRequest.js';
import type { ConnectDataSourceResponse as _market_intel_core_engine_ConnectDataSourceResponse, ConnectDataSourceResponse__Output as _market_intel_core_engine_ConnectDataSourceResponse__Output } from './market_intel/core_engine/ConnectDataSourceResponse.js';
import type { CoreEngineServiceClient as _market_intel_core_engine_CoreEngineServiceClient, CoreEngineServiceDefinition as _market_intel_core_engine_CoreEngineServiceDefinition } from './market_intel/core_engine/CoreEngineService.js';
import type { DataSourceInfo as _market_intel_core_engine_DataSourceInfo, DataSourceInfo__Output as _market_intel_core_engine_DataSourceInfo__Output } from './market_intel/core_engine/DataSourceInfo.js';
import type { FetchMarketDataRequest as _market_intel_core_engine_FetchMarketDataRequest, FetchMarketDataRequest__Output as _market_intel_core_engine_FetchMarketDataRequest__Output } from './market_intel/core_engine/FetchMarketDataRequest.js';
import type { FetchMarketDataResponse as _market_intel_core_engine_FetchMarketDataResponse, FetchMarketDataResponse__Output as _market_intel_core_engine_FetchMarketDataResponse__Output } from './market_intel/core_engine/FetchMarketDataResponse.js';
import type { FetchNewsDataRequest as _market_intel_core_engine_FetchNewsDataRequest, FetchNewsDataRequest__Output as _market_intel_core_engine_FetchNewsDataRequest__Output } from './market_intel/core_engine/FetchNewsDataRequest.js';
import type { FetchNewsDataResponse as _market_intel_core_engine_FetchNewsDataResponse, FetchNewsDataResponse__Output as _market_intel_core_engine_FetchNewsDataResponse__Output } from './market_intel/core_engine/FetchNewsDataResponse.js';
import type { GetIngestionStatsRequest as _market_intel_core_engine_GetIngestionStatsRequest, GetIngestionStatsRequest__Output as _market_intel_core_engine_GetIngestionStatsRequest__Output } from './market_intel/core_engine/GetIngestionStatsRequest.js';
import type { GetIngestionStatsResponse as _market_intel_core_engine_GetIngestionStatsResponse, GetIngestionStatsResponse__Output as _market_intel_core_engine_GetIngestionStatsResponse__Output } from './market_intel/core_engine/GetIngestionStatsResponse.js';
import type { GetMarketDataBufferRequest as _market_intel_core_engine_GetMarketDataBufferRequest, GetMarketDataBufferRequest__Output as _market_intel_core_engine_GetMarketDataBufferRequest__Output } from './market_intel/core_engine/GetMarketDataBufferRequest.js';
import type { GetMarketDataBufferResponse as _market_intel_core_engine_GetMarketDataBufferResponse, GetMarketDataBufferResponse__Output as _market_intel_core_engine_GetMarketDataBufferResponse__Output } from './market_intel/core_engine/GetMarketDataBufferResponse.js';
import type { GetNewsBufferRequest as _market_intel_core_engine_GetNewsBufferRequest, GetNewsBufferRequest__Output as _market_intel_core_engine_GetNewsBufferRequest__Output } from './market_intel/core_engine/GetNewsBufferRequest.js';
import type { GetNewsBufferResponse as _market_intel_core_engine_GetNewsBufferResponse, GetNewsBufferResponse__Output as _market_intel_core_engine_GetNewsBufferResponse__Output } from './market_intel/core_engine/GetNewsBufferResponse.js';
import type { HealthCheckRequest as _market_intel_core_engine_HealthCheckRequest, HealthCheckRequest__Output as _market_intel_core_engine_HealthCheckRequest__Output } from './market_intel/core_engine/HealthCheckRequest.js';
import type { HealthCheckResponse as _market_intel_core_engine_HealthCheckResponse, HealthCheckResponse__Output as _market_intel_core_engine_HealthCheckResponse__Output } from './market_intel/core_engine/HealthCheckResponse.js';
import type { IngestionStats as _market_intel_core_engine_IngestionStats, IngestionStats__Output as _market_intel_core_engine_IngestionStats__Output } from './market_intel/core_engine/IngestionStats.js';
import type { MarketData as _market_intel_core_engine_MarketData, MarketData__Output as _market_intel_core_engine_MarketData__Output } from './market_intel/core_engine/MarketData.js';
import type { NewsItem as _market_intel_core_engine_NewsItem, NewsItem__Output as _market_intel_core_engine_NewsItem__Output } from './market_intel/core_engine/NewsItem.js';
import type { StreamMarketDataRequest as _market_intel_core_engine_StreamMarketDataRequest, StreamMarketDataRequest__Output as _market_intel_core_engine_StreamMarketDataRequest__Output } from './market_intel/core_engine/StreamMarketDataRequest.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  market_intel: {
    core_engine: {
      ConnectDataSourceRequest: MessageTypeDefinition<_market_intel_core_engine_ConnectDataSourceRequest, _market_intel_core_engine_ConnectDataSourceRequest__Output>
      ConnectDataSourceResponse: MessageTypeDefinition<_market_intel_core_engine_ConnectDataSourceResponse, _market_intel_core_engine_ConnectDataSourceResponse__Output>
      CoreEngineService: SubtypeConstructor<typeof grpc.Client, _market_intel_core_engine_CoreEngineServiceClient> & { service: _market_intel_core_engine_CoreEngineServiceDefinition }
      DataSourceInfo: MessageTypeDefinition<_market_intel_core_engine_DataSourceInfo, _market_intel_core_engine_DataSourceInfo__Output>
      FetchMarketDataRequest: MessageTypeDefinition<_market_intel_core_engine_FetchMarketDataRequest, _market_intel_core_engine_FetchMarketDataRequest__Output>
      FetchMarketDataResponse: MessageTypeDefinition<_market_intel_core_engine_FetchMarketDataResponse, _market_intel_core_engine_FetchMarketDataResponse__Output>
      FetchNewsDataRequest: MessageTypeDefinition<_market_intel_core_engine_FetchNewsDataRequest, _market_intel_core_engine_FetchNewsDataRequest__Output>
      FetchNewsDataResponse: MessageTypeDefinition<_market_intel_core_engine_FetchNewsDataResponse, _market_intel_core_engine_FetchNewsDataResponse__Output>
      GetIngestionStatsRequest: MessageTypeDefinition<_market_intel_core_engine_GetIngestionStatsRequest, _market_intel_core_engine_GetIngestionStatsRequest__Output>
      GetIngestionStatsResponse: MessageTypeDefinition<_market_intel_core_engine_GetIngestionStatsResponse, _market_intel_core_engine_GetIngestionStatsResponse__Output>
      GetMarketDataBufferRequest: MessageTypeDefinition<_market_intel_core_engine_GetMarketDataBufferRequest, _market_intel_core_engine_GetMarketDataBufferRequest__Output>
      GetMarketDataBufferResponse: MessageTypeDefinition<_market_intel_core_engine_GetMarketDataBufferResponse, _market_intel_core_engine_GetMarketDataBufferResponse__Output>
      GetNewsBufferRequest: MessageTypeDefinition<_market_intel_core_engine_GetNewsBufferRequest, _market_intel_core_engine_GetNewsBufferRequest__Output>
      GetNewsBufferResponse: MessageTypeDefinition<_market_intel_core_engine_GetNewsBufferResponse, _market_intel_core_engine_GetNewsBufferResponse__Output>
      HealthCheckRequest: MessageTypeDefinition<_market_intel_core_engine_HealthCheckRequest, _market_intel_core_engine_HealthCheckRequest__Output>
      HealthCheckResponse: MessageTypeDefinition<_market_intel_core_engine_HealthCheckResponse, _market_intel_core_engine_HealthCheckResponse__Output>
      IngestionStats: MessageTypeDefinition<_market_intel_core_engine_IngestionStats, _market_intel_core_engine_IngestionStats__Output>
      MarketData: MessageTypeDefinition<_market_intel_core_engine_MarketData, _market_intel_core_engine_MarketData__Output>
      NewsItem: MessageTypeDefinition<_market_intel_core_engine_NewsItem, _market_intel_core_engine_NewsItem__Output>
      StreamMarketDataRequest: MessageTypeDefinition<_market_intel_core_engine_StreamMarketDataRequest, _market_intel_core_engine_StreamMarketDataRequest__Output>
    }
  }
}

