import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { CsvWriter } from './csv-writer.js'
import { CsvParser, formatRow, parseCsv, readCsvRows } from './csv.js'

/** Every kind of text a cell may hold: the writer quotes, the reader must give it back as written. */
const AWKWARD = [
  'plain', '', 'a,b', 'say "hi"', '"', '""', 'two\nlines', 'crlf\r\nin a cell', 'trailing\n', ',', ' spaced ',
  '{name:"a,b"}', 'ünïcødé, 日本', 'end"'
]

test('regression: the reader reads every cell the writer writes: commas, quotes and line breaks inside a field', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mib-csv-'))
  try {
    const file = join(dir, 'round-trip.csv')
    const writer = await CsvWriter.open(file, ['index', 'text', 'number'])
    for (const [i, text] of AWKWARD.entries()) await writer.append([i, text, i + 0.5])
    await writer.close()
    const rows: Array<Record<string, string>> = []
    for await (const row of readCsvRows(file)) rows.push(row)
    assert.deepEqual(rows, AWKWARD.map((text, i) => ({ index: String(i), text, number: String(i + 0.5) })))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

test('a record split across chunks anywhere (inside quotes, between CR and LF) parses the same', () => {
  const text = AWKWARD.map((t, i) => formatRow([i, t])).join('').replaceAll(/(?<!\r)\n(?=\d)/g, '\r\n')
  const whole = parseCsv(text)
  assert.equal(whole.length, AWKWARD.length)
  assert.deepEqual(whole.map((r) => r[1]), AWKWARD)
  for (let cut = 1; cut < text.length; cut++) {
    const parser = new CsvParser()
    const records = [...parser.push(text.slice(0, cut)), ...parser.push(text.slice(cut)), ...parser.end()]
    assert.deepEqual(records, whole, `cut at ${cut}`)
  }
})

test('a file without a final line break still gives its last row; blank lines are no rows', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mib-csv-'))
  try {
    const file = join(dir, 'x.csv')
    await writeFile(file, 'a,b\r\n\r\n1,"x\ny"\n\n2,3')
    const rows: Array<Record<string, string>> = []
    for await (const row of readCsvRows(file)) rows.push(row)
    assert.deepEqual(rows, [{ a: '1', b: 'x\ny' }, { a: '2', b: '3' }])
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})
