/** Text for HTML element content and attribute values. */
export function escapeHtml (text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/**
 * JSON to embed inside a <script> element: `<` is escaped so that a string such
 * as "</script>" in the data (an operation name, an error message) cannot end
 * the element early; U+2028/2029 likewise, for old JS parsers.
 */
export function jsonForScript (value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}
