/**
 * A script's error as k6 prints it: the message and stack, with each frame's file
 * as a file:/// URL (k6: `at default (file:///home/me/script.js:9:8(13))`). Node
 * prints a frame it maps through the bundle's source map as a bare path.
 */
import { isAbsolute } from 'node:path'
import { pathToFileURL } from 'node:url'

/** `    at fn (/abs/file.js:9:8)` or `    at /abs/file.js:9:8`: the path, line and column of a frame. */
const PATH_FRAME = /^(\s+at (?:.+ \()?)([^():]+):(\d+):(\d+)(\)?)$/gm

export function scriptErrorText (err: unknown): string {
  if (!(err instanceof Error)) return String(err)
  return (err.stack ?? err.message).replace(PATH_FRAME, (frame: string, before: string, file: string, line: string, column: string, after: string) =>
    isAbsolute(file) ? `${before}${pathToFileURL(file).href}:${line}:${column}${after}` : frame)
}
