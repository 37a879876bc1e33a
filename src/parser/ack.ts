// Acknowledgements of a notice are plain chat, not commands: 收到, 1, 好的, 👌 … The gateway keeps a text only when
// it is one of these (alone, give or take punctuation, a repeat, or a notice id: "收到 B5"), so ordinary chat still
// never reaches the inbox. Table-tested in test/unit/notice-rules.test.ts.
import { normalise } from './normalise.ts'

/** The words (lower-case, normalised) that acknowledge a notice on their own. */
export const ACK_WORDS = [
  '收到',
  '已收到',
  '收',
  '1',
  '好的',
  '明白',
  '明白了',
  '收到了',
  '收到收到',
  '好的收到',
  '收到明白',
  '已阅',
  '👌',
  'ok',
  '👍',
] as const

const WORDS = new Set<string>(ACK_WORDS)
/** Trailing (and leading) punctuation and emphasis people add: 收到! 收到。 收到~ 收到～ */
const EDGES = /^[\s。.!！~～,，、…]+|[\s。.!！~～,，、…]+$/gu
/** A notice id after the word: "收到 B5", "收到B5", "B5 收到". */
const WITH_REF = /^(?:([^\sBb]+?)\s*([Bb]\d{1,9})|([Bb]\d{1,9})\s*([^\sBb]+))$/u
const EMOJI_ONLY = /^(?:👌|👍)+$/u

export interface Ack {
  /** The notice number named with it ("收到 B5" → 5), else null: the room's latest open notice. */
  number: number | null
}

/** An acknowledgement, or null for anything else (ordinary chat). */
export function parseAck(raw: string): Ack | null {
  if (raw.length > 40) return null
  const text = normalise(raw).replace(EDGES, '').toLowerCase()
  if (!text) return null
  if (isWord(text)) return { number: null }
  const m = WITH_REF.exec(text)
  if (!m) return null
  const word = m[1] ?? m[4]!
  const ref = m[2] ?? m[3]!
  return isWord(word.replace(EDGES, '')) ? { number: Number(ref.slice(1)) } : null
}

function isWord(w: string): boolean {
  if (WORDS.has(w)) return true
  if (EMOJI_ONLY.test(w)) return true
  // "11", "111": a 1 typed more than once, and 收到 said twice with a space.
  if (/^1{1,3}$/.test(w)) return true
  return w.split(' ').every((part) => WORDS.has(part)) && w.includes(' ')
}
