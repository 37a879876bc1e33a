/** A media name as a safe relative reference: path segments of word characters, dots and dashes, none starting with
 *  a dot (no `..`, no hidden files). Both stores use it, so a reference means the same file in either. */
export function safeRef(name: string): string {
  return name
    .split('/')
    .map((p) => p.replace(/[^\w.-]/g, '_').replace(/^\.+/, '_'))
    .join('/')
}
