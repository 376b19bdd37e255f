// Original file: proto/core_engine.proto


export interface DataSourceInfo {
  'type'?: (string);
  'enabled'?: (boolean);
  'connected'?: (boolean);
  'circuit_state'?: (string);
  'base_url'?: (string);
}

export interface DataSourceInfo__Output {
  'type': (string);
  'enabled': (boolean);
  'connected': (boolean);
  'circuit_state': (string);
  'base_url': (string);
}
