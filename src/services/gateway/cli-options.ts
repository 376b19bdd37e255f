/**
 * `mib gateway` flags → gateway options. Flags override the environment field by
 * field; numbers stay raw (NaN) so validation names the bad flag; problems are
 * reported with the flag the user can fix (`--port: ...`), all at once.
 */
import { InvalidOptionsError } from '../../options.js'
import { gatewayOptionsFromEnv, parseGatewayOptions, type GatewayOptions, type GatewayOptionsInput } from './config.js'

/**
 * What commander hands over (camel-cased: `--body-limit-bytes` → `bodyLimitBytes`).
 * Every string-valued flag not named here is a numeric option (`--port <n>`, …).
 */
export interface GatewayFlags extends Record<string, string | boolean | undefined> {
  host?: string
  engineUrl?: string
  env?: string
  profiling?: boolean
  logLevel?: string
  /** false with `--no-coalesce-reads`. */
  coalesceReads?: boolean
}

const STRING_FLAGS = new Set(['host', 'engineUrl', 'env', 'logLevel'])

/** `bodyLimitBytes` → `body-limit-bytes`: how an option path is written as a flag. */
const kebab = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)

/** Validated gateway options from the environment with the flags on top. */
export function gatewayOptionsFromCli (flags: GatewayFlags, env: NodeJS.ProcessEnv = process.env): GatewayOptions {
  return parseWithFlagNames(withFlags(gatewayOptionsFromEnv(env), flags))
}

function withFlags (fromEnv: GatewayOptionsInput, flags: GatewayFlags): GatewayOptionsInput {
  const input: Record<string, unknown> = { ...fromEnv }
  for (const [key, raw] of Object.entries(flags)) {
    if (typeof raw !== 'string') continue
    input[key] = STRING_FLAGS.has(key) ? raw : toNumber(raw)
  }
  if (flags.profiling === true) input.profiling = true
  if (flags.coalesceReads === false) input.coalesceReads = false
  return input as GatewayOptionsInput
}

function toNumber (raw: string): number {
  return raw.trim() === '' ? Number.NaN : Number(raw)
}

/** Problems name the flag to fix (`--port: ...`), not the option path. */
function parseWithFlagNames (input: GatewayOptionsInput): GatewayOptions {
  try {
    return parseGatewayOptions(input)
  } catch (err) {
    if (!(err instanceof InvalidOptionsError)) throw err
    throw new InvalidOptionsError('gateway options', err.problems.map((p) => {
      const colon = p.indexOf(':')
      const path = p.slice(0, colon)
      return /^[a-zA-Z]+$/.test(path) ? `--${kebab(path)}${p.slice(colon)}` : p
    }))
  }
}
