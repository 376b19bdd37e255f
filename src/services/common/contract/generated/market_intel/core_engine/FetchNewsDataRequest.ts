// Original file: proto/core_engine.proto


export interface FetchNewsDataRequest {
  'keywords'?: (string)[];
  'source_id'?: (string);
  'hours_back'?: (number);
  'json_items'?: (boolean);
}

export interface FetchNewsDataRequest__Output {
  'keywords': (string)[];
  'source_id': (string);
  'hours_back': (number);
  'json_items': (boolean);
}
