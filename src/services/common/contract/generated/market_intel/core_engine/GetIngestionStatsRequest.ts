// Original file: proto/core_engine.proto


export interface GetIngestionStatsRequest {
}

export interface GetIngestionStatsRequest__Output {
}
