// Original file: proto/core_engine.proto

import type { IngestionStats as _market_intel_core_engine_IngestionStats, IngestionStats__Output as _market_intel_core_engine_IngestionStats__Output } from '../../market_intel/core_engine/IngestionStats.js';

export interface GetIngestionStatsResponse {
  'success'?: (boolean);
  'message'?: (string);
  'stats'?: (_market_intel_core_engine_IngestionStats | null);
}

export interface GetIngestionStatsResponse__Output {
  'success': (boolean);
  'message': (string);
  'stats': (_market_intel_core_engine_IngestionStats__Output | null);
}
