/**
 * The script's handleSummary(data) (k6): its result maps "stdout", "stderr"
 * or a file path to the content to write there. When it throws, the default
 * text summary is printed instead (as k6 does) and the error reported.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { HandleSummaryError } from './errors.js'

export interface SummaryStreams {
  stdout: { write: (text: string) => unknown }
  stderr: { write: (text: string) => unknown }
}

/** Writes what handleSummary returned; returns the files written. */
export async function writeHandleSummaryResult (result: unknown, streams: SummaryStreams): Promise<string[]> {
  if (result === undefined || result === null) return []
  if (typeof result !== 'object' || Array.isArray(result)) throw new HandleSummaryError(`it must return an object like { stdout: "...", "summary.json": "..." }, got ${typeof result}`)
  const files: string[] = []
  for (const [target, content] of Object.entries(result as Record<string, unknown>)) {
    const text = typeof content === 'string' ? content : content instanceof Uint8Array ? content : JSON.stringify(content, null, 2)
    if (target === 'stdout') streams.stdout.write(typeof text === 'string' ? text : Buffer.from(text).toString('utf8'))
    else if (target === 'stderr') streams.stderr.write(typeof text === 'string' ? text : Buffer.from(text).toString('utf8'))
    else {
      const path = resolve(target)
      await mkdir(dirname(path), { recursive: true })
      await writeFile(path, text)
      files.push(path)
    }
  }
  return files
}
