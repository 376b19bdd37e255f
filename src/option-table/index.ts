/**
 * Option tables: one per service and per command, from which flags, env reading,
 * errors, help and docs are derived. Neutral: the services and the lab build on it.
 */
export {
  bareText, camelCase, defaultText, defineOptionTable, envNames, flagName, flagWithAlias, helpText, optionLabel, optionsFromCli, optionsWithoutRow, parseOptionInput, readOptionInput,
  rowsUnder, rowsWithoutOption, type CliFlags, type OptionKind, type OptionRow, type OptionTable
} from './option-table.js'
export { addTableOptions, flagSpec } from './commander.js'
export { markers, optionsMarkdown, programmaticOptionsMarkdown, withOptionsTables } from './markdown.js'
