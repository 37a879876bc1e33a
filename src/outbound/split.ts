/** WeChat folds long messages; we keep each part <= `max` characters, cutting at line ends where possible. */
export function splitText(text: string, max = 1000): string[] {
  if ([...text].length <= max) return [text]
  const parts: string[] = []
  let cur = ''
  const push = () => {
    if (cur) parts.push(cur)
    cur = ''
  }
  for (const line of text.split('\n')) {
    const chars = [...line]
    if (chars.length > max) {
      push()
      for (let i = 0; i < chars.length; i += max) parts.push(chars.slice(i, i + max).join(''))
      continue
    }
    const joined = cur ? `${cur}\n${line}` : line
    if ([...joined].length > max) {
      push()
      cur = line
    } else cur = joined
  }
  push()
  return parts
}
