/** Option tables: one per service, from which flags, env reading, errors, help and docs are derived. */
export {
  camelCase, defaultText, defineOptionTable, envNames, flagName, helpText, optionLabel, optionsWithoutRow, parseOptionInput, readOptionInput, rowsWithoutOption,
  type CliFlags, type OptionKind, type OptionRow, type OptionTable
} from './option-table.js'
export { addTableOptions, flagSpec } from './commander.js'
export { environmentRow, logLevelRow, profilingRow } from './shared-rows.js'
export { markers, optionsMarkdown, programmaticOptionsMarkdown, withOptionsTables } from './markdown.js'
