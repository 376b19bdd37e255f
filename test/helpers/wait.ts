/** What a check returns while the awaited thing is not there yet. */
type Pending = undefined | false

/**
 * The one polling helper of the tests (never a fixed sleep): calls `check` every
 * 25 ms until it returns something other than undefined or false, and returns
 * that (a condition's `true`, or the awaited value). After `timeoutMs` it throws
 * naming `what`, plus `detail()` (e.g. a child's stderr) when given.
 */
export async function waitFor<T> (
  check: () => T | Pending | Promise<T | Pending>,
  what: string,
  timeoutMs = 30_000,
  detail: () => string = () => ''
): Promise<Exclude<T, Pending>> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined && value !== false) return value as Exclude<T, Pending>
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}${detail() === '' ? '' : `\n${detail()}`}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
