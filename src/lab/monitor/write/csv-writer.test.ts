import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { CsvWriter } from './csv-writer.js'
import { formatRow } from './csv.js'

async function withDir (fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'mib-csv-'))
  try { await fn(dir) } finally { await rm(dir, { recursive: true, force: true }) }
}

test('a new file gets the header, then each appended row is on disk when append resolves', async () => {
  await withDir(async (dir) => {
    const file = join(dir, 'x.csv')
    const writer = await CsvWriter.open(file, ['timestamp', 'value', 'ok'])
    assert.equal(await readFile(file, 'utf8'), 'timestamp,value,ok\n')
    await writer.append(['2025-01-01T00:00:00.000Z', 1.23456789, true])
    assert.equal(await readFile(file, 'utf8'), 'timestamp,value,ok\n2025-01-01T00:00:00.000Z,1.2346,1\n')
    await writer.close()
  })
})

test('cells with commas, quotes or newlines are quoted (RFC 4180); missing and non-finite values are empty', () => {
  assert.equal(formatRow(['a,b', 'say "hi"', 'two\nlines', undefined, Number.NaN, Number.POSITIVE_INFINITY, 0, false]),
    '"a,b","say ""hi""","two\nlines",,,,0,0\n')
})

test('reopening a file with the same columns continues it without a second header', async () => {
  await withDir(async (dir) => {
    const file = join(dir, 'x.csv')
    const first = await CsvWriter.open(file, ['a', 'b'])
    await first.append([1, 2])
    await first.close()
    const second = await CsvWriter.open(file, ['a', 'b'])
    await second.append([3, 4])
    await second.close()
    assert.equal(await readFile(file, 'utf8'), 'a,b\n1,2\n3,4\n')
  })
})

test('a file with other columns is refused rather than mixed', async () => {
  await withDir(async (dir) => {
    const file = join(dir, 'x.csv')
    await writeFile(file, 'x,y\n1,2\n')
    await assert.rejects(CsvWriter.open(file, ['a', 'b']), { code: 'MIB_ERR_MONITOR_CSV_WRITE' })
  })
})

test('rows keep their order under concurrent appends; more cells than columns and writes after close are errors', async () => {
  await withDir(async (dir) => {
    const file = join(dir, 'x.csv')
    const writer = await CsvWriter.open(file, ['n'])
    await Promise.all(Array.from({ length: 50 }, async (_, i) => { await writer.append([i]) }))
    await assert.rejects(writer.append([1, 2]), { code: 'MIB_ERR_MONITOR_CSV_WRITE' })
    await writer.close()
    await assert.rejects(writer.append([1]), { code: 'MIB_ERR_MONITOR_CSV_WRITE' })
    const rows = (await readFile(file, 'utf8')).trim().split('\n').slice(1)
    assert.deepEqual(rows, Array.from({ length: 50 }, (_, i) => String(i)))
  })
})

test('a directory that cannot hold the file is MIB_ERR_MONITOR_CSV_WRITE', async () => {
  await assert.rejects(CsvWriter.open('/nonexistent-dir/x.csv', ['a']), { code: 'MIB_ERR_MONITOR_CSV_WRITE' })
})
