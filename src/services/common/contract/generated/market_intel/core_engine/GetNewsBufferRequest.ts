// Original file: proto/core_engine.proto


export interface GetNewsBufferRequest {
  'keywords'?: (string)[];
  'limit'?: (number);
  'json_items'?: (boolean);
}

export interface GetNewsBufferRequest__Output {
  'keywords': (string)[];
  'limit': (number);
  'json_items': (boolean);
}
