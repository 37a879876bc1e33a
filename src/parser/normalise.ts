// Phones type full-width punctuation and digits, WeChat separates mentions with U+2005, people double-space.
// Everything the grammar sees goes through here first.
const FULL_WIDTH_START = 0xff01
const FULL_WIDTH_END = 0xff5e

export function normalise(text: string): string {
  let out = ''
  for (const ch of text) {
    const code = ch.codePointAt(0)!
    if (ch === '，' || ch === '、') out += ' ' // list separators between arguments
    else if (code >= FULL_WIDTH_START && code <= FULL_WIDTH_END) out += String.fromCodePoint(code - 0xfee0)
    else if (code === 0x3000 || code === 0x2005 || code === 0x00a0 || code === 0x2002 || code === 0x2003 || code === 0x2009) out += ' '
    else if (code === 0x200b || code === 0xfeff) continue
    else out += ch
  }
  return out.replace(/[ \t]+/g, ' ').replace(/ *\n */g, '\n').trim()
}
