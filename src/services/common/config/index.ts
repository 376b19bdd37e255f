/** The services' option tables: the neutral mechanism (src/option-table) and the rows every service shares. */
export {
  addTableOptions, camelCase, defaultText, defineOptionTable, envNames, flagName, flagSpec, helpText, markers, optionLabel, optionsFromCli, optionsMarkdown, optionsWithoutRow,
  parseOptionInput, programmaticOptionsMarkdown, readOptionInput, rowsWithoutOption, withOptionsTables,
  type CliFlags, type OptionKind, type OptionRow, type OptionTable
} from '../../../option-table/index.js'
export { environmentRow, logLevelRow, profilingRow } from './shared-rows.js'
