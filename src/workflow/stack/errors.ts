import { defineError } from '../../errors.js'

export const AlreadyRunningError = defineError('MIB_ERR_STACK_ALREADY_RUNNING',
  (names: string, dir: string) => `services already running (${names}) per ${dir}; stop them with \`mib stop\` first`)
export const ServiceExitedError = defineError('MIB_ERR_STACK_SERVICE_EXITED',
  (name: string, code: string, logTail: string) => `${name} exited during start-up (${code})${logTail === '' ? '' : `; last output:\n${logTail}`}`)
export const NotReadyError = defineError('MIB_ERR_STACK_NOT_READY',
  (names: string, timeoutS: number) => `not healthy after ${timeoutS} s: ${names}`)
export const PortInUseError = defineError('MIB_ERR_STACK_PORT_IN_USE',
  (name: string, host: string, port: number) => `${name} cannot start: ${host}:${port} is already in use (another instance? \`mib status\`, or pick another port)`)
export const NotRestartableError = defineError('MIB_ERR_STACK_NOT_RESTARTABLE',
  (name: string, dir: string) => `${name} cannot be restarted from ${dir}: only a stack started with \`mib start --detach\` (by this version) can; a foreground \`mib start\` supervises its own services (stop it and start again)`)
