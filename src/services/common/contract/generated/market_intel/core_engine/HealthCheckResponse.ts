// Original file: proto/core_engine.proto

import type { Long } from '@grpc/proto-loader';

export interface HealthCheckResponse {
  'healthy'?: (boolean);
  'status'?: (string);
  'version'?: (string);
  'uptime_ms'?: (number | string | Long);
  'components'?: ({[key: string]: boolean});
}

export interface HealthCheckResponse__Output {
  'healthy': (boolean);
  'status': (string);
  'version': (string);
  'uptime_ms': (number);
  'components': ({[key: string]: boolean});
}
