// Original file: proto/core_engine.proto

import type { NewsItem as _market_intel_core_engine_NewsItem, NewsItem__Output as _market_intel_core_engine_NewsItem__Output } from '../../market_intel/core_engine/NewsItem.js';

export interface GetNewsBufferResponse {
  'success'?: (boolean);
  'message'?: (string);
  'news_items'?: (_market_intel_core_engine_NewsItem)[];
  'news_items_json'?: (Buffer | Uint8Array | string);
  'count'?: (number);
}

export interface GetNewsBufferResponse__Output {
  'success': (boolean);
  'message': (string);
  'news_items': (_market_intel_core_engine_NewsItem__Output)[];
  'news_items_json': (Buffer);
  'count': (number);
}
