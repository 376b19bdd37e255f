/**
 * Resolves after `ms`, or early when `signal` aborts (the client went away or
 * the server is closing). Never rejects: a profile cut short is still a profile.
 * Returns true when the whole window elapsed.
 */
export async function waitWindow (ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false
  return await new Promise<boolean>((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer)
      resolve(false)
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve(true)
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}
