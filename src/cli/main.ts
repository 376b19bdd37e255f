/**
 * `mib`: the command line. Thin by design: each subcommand parses its flags and
 * calls one component (see src/cli/commands/). No logic lives here.
 */
import { Command, CommanderError } from 'commander'
import { VERSION } from '../services/common/defaults.js'
import { EXIT } from '../exit-codes.js'
import { MibError } from '../errors.js'
import { InvalidOptionsError } from '../options.js'
import { commands } from './commands/index.js'

const program = new Command('mib')
  .description('Market Intel Brain: market-data platform and its performance lab')
  .version(VERSION)
  .showHelpAfterError()
  .exitOverride()

for (const register of commands) register(program)

try {
  await program.parseAsync(process.argv)
} catch (err) {
  process.exitCode = exitCodeFor(err)
}

function exitCodeFor (err: unknown): number {
  if (err instanceof CommanderError) {
    // --help and --version end through exitOverride too.
    return err.exitCode === 0 ? EXIT.OK : EXIT.USAGE
  }
  if (err instanceof MibError) {
    // Invalid options name each flag already; the code would only repeat it.
    process.stderr.write(err instanceof InvalidOptionsError ? `mib: ${err.message}\n` : `mib: ${err.message} (${err.code})\n`)
    return err.exitCode
  }
  process.stderr.write(`mib: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
  return EXIT.GENERIC_ERROR
}
