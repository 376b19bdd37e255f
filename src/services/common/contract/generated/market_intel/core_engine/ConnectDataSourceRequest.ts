// Original file: proto/core_engine.proto


export interface ConnectDataSourceRequest {
  'source_id'?: (string);
  'api_key'?: (string);
}

export interface ConnectDataSourceRequest__Output {
  'source_id': (string);
  'api_key': (string);
}
