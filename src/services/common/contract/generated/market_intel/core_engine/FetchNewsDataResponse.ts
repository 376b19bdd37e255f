// Original file: proto/core_engine.proto

import type { NewsItem as _market_intel_core_engine_NewsItem, NewsItem__Output as _market_intel_core_engine_NewsItem__Output } from '../../market_intel/core_engine/NewsItem.js';

export interface FetchNewsDataResponse {
  'success'?: (boolean);
  'message'?: (string);
  'news_items'?: (_market_intel_core_engine_NewsItem)[];
  'news_items_json'?: (Buffer | Uint8Array | string);
  'count'?: (number);
  'max_age_ms'?: (number);
}

export interface FetchNewsDataResponse__Output {
  'success': (boolean);
  'message': (string);
  'news_items': (_market_intel_core_engine_NewsItem__Output)[];
  'news_items_json': (Buffer);
  'count': (number);
  'max_age_ms': (number);
}
