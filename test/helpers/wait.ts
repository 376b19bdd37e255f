/** Polls `condition` until it holds; throws naming `what` (and `detail()`, e.g. a child's stderr) after `timeoutMs`. */
export async function waitFor (condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000, detail: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!await condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}${detail() === '' ? '' : `\n${detail()}`}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
