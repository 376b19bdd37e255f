// Original file: proto/core_engine.proto


export interface ConnectDataSourceResponse {
  'success'?: (boolean);
  'message'?: (string);
  'connected'?: (boolean);
  'source_id'?: (string);
  'already_connected'?: (boolean);
}

export interface ConnectDataSourceResponse__Output {
  'success': (boolean);
  'message': (string);
  'connected': (boolean);
  'source_id': (string);
  'already_connected': (boolean);
}
