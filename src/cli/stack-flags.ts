import type { Command } from 'commander'

/** The port flags shared by `mib start` and `mib perf-test`. */
const PORT_FLAGS = [
  ['--gateway-port <port>', 'gateway HTTP port (default 8080)', 'gatewayPort'],
  ['--engine-grpc-port <port>', 'engine gRPC port (default 50051)', 'engineGrpcPort'],
  ['--engine-admin-port <port>', 'engine admin HTTP port (default 8081)', 'engineAdminPort'],
  ['--provider-port <port>', 'provider simulator port (default 8090)', 'providerPort'],
  ['--gateway-profiling-port <port>', 'production profiling listener of the gateway (default 6060)', 'gatewayProfilingPort'],
  ['--engine-profiling-port <port>', 'production profiling listener of the engine (default 6061)', 'engineProfilingPort'],
  ['--provider-profiling-port <port>', 'production profiling listener of the simulator (default 6062)', 'providerProfilingPort']
] as const

export type StackPortKey = typeof PORT_FLAGS[number][2]

export function addStackPortOptions (command: Command): Command {
  for (const [flag, description] of PORT_FLAGS) command.option(flag, description)
  return command
}

/** The port flags given, as numbers keyed like the stack options (validated there). */
export function stackPortsFromFlags (flags: Partial<Record<StackPortKey, string>>): Partial<Record<StackPortKey, number>> {
  const ports: Partial<Record<StackPortKey, number>> = {}
  for (const [, , key] of PORT_FLAGS) {
    const value = flags[key]
    if (value !== undefined) ports[key] = Number(value)
  }
  return ports
}
