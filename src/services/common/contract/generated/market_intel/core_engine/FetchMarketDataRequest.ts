// Original file: proto/core_engine.proto


export interface FetchMarketDataRequest {
  'symbols'?: (string)[];
  'source_id'?: (string);
  'json_items'?: (boolean);
}

export interface FetchMarketDataRequest__Output {
  'symbols': (string)[];
  'source_id': (string);
  'json_items': (boolean);
}
