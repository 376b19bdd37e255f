// Original file: proto/core_engine.proto

import type { DataSourceInfo as _market_intel_core_engine_DataSourceInfo, DataSourceInfo__Output as _market_intel_core_engine_DataSourceInfo__Output } from '../../market_intel/core_engine/DataSourceInfo.js';
import type { Long } from '@grpc/proto-loader';

export interface IngestionStats {
  'active_connections'?: (number);
  'configured_sources'?: (number);
  'market_data_buffer_size'?: (number);
  'news_buffer_size'?: (number);
  'max_buffer_size'?: (number);
  'data_sources'?: ({[key: string]: _market_intel_core_engine_DataSourceInfo});
  'ticks_ingested'?: (number | string | Long);
  'news_ingested'?: (number | string | Long);
  'ticks_per_second'?: (number | string);
  'news_per_second'?: (number | string);
  'errors'?: (number | string | Long);
  'evictions'?: (number | string | Long);
  'uptime_ms'?: (number | string | Long);
  'stream_subscribers'?: (number);
}

export interface IngestionStats__Output {
  'active_connections': (number);
  'configured_sources': (number);
  'market_data_buffer_size': (number);
  'news_buffer_size': (number);
  'max_buffer_size': (number);
  'data_sources': ({[key: string]: _market_intel_core_engine_DataSourceInfo__Output});
  'ticks_ingested': (number);
  'news_ingested': (number);
  'ticks_per_second': (number);
  'news_per_second': (number);
  'errors': (number);
  'evictions': (number);
  'uptime_ms': (number);
  'stream_subscribers': (number);
}
