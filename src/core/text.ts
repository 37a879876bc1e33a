// Stored texts have a length limit; cutting must not split a character (an emoji is two UTF-16 units).

/** The first `max` characters (code points) of `s`, and whether anything was cut. */
export function clip(s: string, max: number): { text: string; clipped: boolean } {
  const chars = [...s]
  return chars.length <= max ? { text: s, clipped: false } : { text: chars.slice(0, max).join(''), clipped: true }
}
