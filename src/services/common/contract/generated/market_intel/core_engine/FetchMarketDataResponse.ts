// Original file: proto/core_engine.proto

import type { MarketData as _market_intel_core_engine_MarketData, MarketData__Output as _market_intel_core_engine_MarketData__Output } from '../../market_intel/core_engine/MarketData.js';

export interface FetchMarketDataResponse {
  'success'?: (boolean);
  'message'?: (string);
  'market_data'?: (_market_intel_core_engine_MarketData)[];
  'market_data_json'?: (Buffer | Uint8Array | string)[];
  'max_age_ms'?: (number);
  'quote_max_age_ms'?: (number)[];
}

export interface FetchMarketDataResponse__Output {
  'success': (boolean);
  'message': (string);
  'market_data': (_market_intel_core_engine_MarketData__Output)[];
  'market_data_json': (Buffer)[];
  'max_age_ms': (number);
  'quote_max_age_ms': (number)[];
}
