import { test } from 'node:test'
import assert from 'node:assert/strict'
import { optionsWithoutRow, rowsWithoutOption } from '../src/services/common/config/index.js'
import { docState, OPTION_DOCS } from '../scripts/option-docs.js'

for (const entry of OPTION_DOCS) {
  test(`${entry.file}'s option tables are the ones generated from the ${entry.name} option table (npm run docs:options)`, () => {
    const { actual, expected } = docState(entry)
    assert.equal(actual, expected)
  })

  test(`the ${entry.name} option table describes every option, and only options`, () => {
    assert.deepEqual(optionsWithoutRow(entry.table), [], 'options with a default but no row')
    assert.deepEqual(rowsWithoutOption(entry.table), [], 'rows that name no option')
  })
}
