// Original file: proto/core_engine.proto


export interface HealthCheckRequest {
}

export interface HealthCheckRequest__Output {
}
