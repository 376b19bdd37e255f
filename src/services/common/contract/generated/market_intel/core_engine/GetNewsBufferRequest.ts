// Original file: proto/core_engine.proto


export interface GetNewsBufferRequest {
  'keywords'?: (string)[];
  'limit'?: (number);
}

export interface GetNewsBufferRequest__Output {
  'keywords': (string)[];
  'limit': (number);
}
