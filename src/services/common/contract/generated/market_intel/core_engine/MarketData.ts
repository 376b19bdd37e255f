// Original file: proto/core_engine.proto

import type { Long } from '@grpc/proto-loader';

export interface MarketData {
  'symbol'?: (string);
  'price'?: (number | string);
  'volume'?: (number | string);
  'timestamp'?: (number | string | Long);
  'source'?: (string);
  'additional_data'?: ({[key: string]: number | string});
}

export interface MarketData__Output {
  'symbol': (string);
  'price': (number);
  'volume': (number);
  'timestamp': (number);
  'source': (string);
  'additional_data': ({[key: string]: number});
}
