// Original file: proto/core_engine.proto


export interface GetMarketDataBufferRequest {
  'symbol'?: (string);
  'limit'?: (number);
  'json_items'?: (boolean);
}

export interface GetMarketDataBufferRequest__Output {
  'symbol': (string);
  'limit': (number);
  'json_items': (boolean);
}
