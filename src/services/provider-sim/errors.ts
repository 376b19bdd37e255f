import { defineError } from '../../errors.js'

// Errors of the provider simulator's own API (the admin endpoint and the
// programmatic face). The simulated provider endpoints answer in Yahoo
// Finance's and NewsAPI's own error shapes instead; see docs/provider-sim.md.

export const InvalidKnobsError = defineError('MIB_ERR_PROVIDER_SIM_KNOBS_INVALID',
  (problems: string[]) => `invalid provider-sim knobs: ${problems.join('; ')}`)

// Raised while validating /v2/everything parameters; the route answers them in
// NewsAPI's shape ({"status":"error","code":"parameterInvalid"|"parametersMissing"}).
export const NewsParameterInvalidError = defineError('MIB_ERR_PROVIDER_SIM_NEWS_PARAMETER_INVALID',
  (message: string) => message)
export const NewsParametersMissingError = defineError('MIB_ERR_PROVIDER_SIM_NEWS_PARAMETERS_MISSING',
  (message: string) => message)

export const UpgradeRequiredError = defineError('MIB_ERR_PROVIDER_SIM_UPGRADE_REQUIRED',
  (path: string) => `${path} is a WebSocket endpoint: connect with a WebSocket client (Upgrade: websocket)`)
