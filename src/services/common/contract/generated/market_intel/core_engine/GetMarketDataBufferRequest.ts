// Original file: proto/core_engine.proto


export interface GetMarketDataBufferRequest {
  'symbol'?: (string);
  'limit'?: (number);
}

export interface GetMarketDataBufferRequest__Output {
  'symbol': (string);
  'limit': (number);
}
