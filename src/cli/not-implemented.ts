import { defineError } from '../errors.js'

// Temporary: marks a subcommand whose component is still being built.
export const NotImplementedError = defineError('MIB_ERR_CLI_NOT_IMPLEMENTED', 501,
  (what: string) => `${what} is not implemented yet`)
