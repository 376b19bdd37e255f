// Original file: proto/core_engine.proto


export interface StreamMarketDataRequest {
  'symbols'?: (string)[];
}

export interface StreamMarketDataRequest__Output {
  'symbols': (string)[];
}
