// Phones type full-width punctuation and digits, WeChat separates mentions with U+2005, people double-space.
// Everything the grammar sees goes through here first.
const FULL_WIDTH_START = 0xff01
const FULL_WIDTH_END = 0xff5e

// Characters that show nothing: format characters (Unicode Cf — zero-width space/joiner/non-joiner, word joiner,
// soft hyphen, BOM, bidi marks, embeddings, overrides and isolates, tag characters …) and the other default-
// ignorable ones (Hangul fillers used as "blank" names, the combining grapheme joiner, variation selectors).
// Inside a command word they make "#签‍到" look unknown; stored and shown back, a right-to-left override turns
// the bot's own reply around. Two exceptions keep emoji whole: a zero-width joiner between two emoji
// (👨‍👩‍👧 stays one family) and VS16 right after an emoji (❤️ keeps its colour). Subdivision flags (tag
// characters) fall back to a plain 🏴 — a price worth paying for one simple rule.
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu
const EMOJI_ZWJ = /(?<=\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F)*)\u200D(?=\p{Extended_Pictographic})/uy
const EMOJI_VS16 = /(?<=\p{Extended_Pictographic})\uFE0F/uy
const SPACE = /\p{Zs}/u

/** Removes invisible and bidi-control characters; for commands and for any stored text shown back. */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, (ch: string, at: number) => (keepsInvisible(text, ch, at) ? ch : ''))
}

/** Whether the invisible character `ch` at `at` stays (a joiner inside an emoji, VS16 after one). */
export function keepsInvisible(text: string, ch: string, at: number): boolean {
  const keep = ch === '\u200d' ? EMOJI_ZWJ : ch === '\ufe0f' ? EMOJI_VS16 : null
  if (!keep) return false
  keep.lastIndex = at
  return keep.test(text)
}

export function normalise(text: string): string {
  let out = ''
  for (const ch of stripInvisible(text)) {
    const code = ch.codePointAt(0) ?? 0
    if (ch === '，' || ch === '、')
      out += ' ' // list separators between arguments
    else if (code >= FULL_WIDTH_START && code <= FULL_WIDTH_END) out += String.fromCodePoint(code - 0xfee0)
    else if (SPACE.test(ch))
      out += ' ' // ideographic, mention (U+2005), no-break, thin … spaces
    else if (code === 0x2028 || code === 0x2029) out += '\n'
    else out += ch
  }
  return out
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim()
}

const HAN_GAP = /(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu

/** A person's name as the roster and #登记 compare it: normalised, and no space between Chinese characters —
 *  offices pad two-character names to align them ("张　伟"), and "张伟" must find that entry. */
export const personName = (raw: string) => normalise(raw).replace(HAN_GAP, '')
