/** The path of a raw request URL, query string left out (no URL parsing: this runs per request). */
export function pathnameOf (url: string | undefined): string {
  const raw = url ?? '/'
  const query = raw.indexOf('?')
  return query < 0 ? raw : raw.slice(0, query)
}
