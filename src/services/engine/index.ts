/**
 * The core engine's public face: start it, configure it. See docs/engine.md.
 * Other services talk to it only over gRPC (src/services/common/contract).
 */
export { startEngine, SERVICE_NAME, type RunningEngine, type EngineDependencies } from './service.js'
export { engineOptionsSchema, parseEngineOptions, type EngineOptions, type EngineOptionsInput } from './config.js'
export { ENGINE_OPTIONS, engineOptionsFromCli, engineOptionsFromEnv, type EngineFlags } from './cli-options.js'
export { TRAILER, grpcStatusForHttp } from './grpc/status.js'
export { LIMITS } from './validation.js'
export * as engineErrors from './errors.js'
