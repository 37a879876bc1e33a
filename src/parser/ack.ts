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
/** 👌 👍 (any skin tone), and WeChat's own emoji as puppets deliver them as text: [强] [OK] [握手]. */
const EMOJI = /(?:👌|👍)[\u{1F3FB}-\u{1F3FF}]?|\[(?:强|ok|握手|好的|抱拳)\]/gu
const EMOJI_ONLY = new RegExp(`^(?:${EMOJI.source})+$`, 'u')

/**
 * A quote-reply as puppets that flatten WeChat's 引用 deliver it: 「<who>：<quoted text>」, a line of "- - - …", then the
 * reply. Wechaty 1.x has no quoted-message API (wechaty/wechaty#2387), so the quote is read from the text.
 */
const QUOTE = /^「([\s\S]*?)」\s*\n\s*(?:-\s*){5,}\n([\s\S]*)$/u
/** Our notice inside a quote: its header (【通知 B5】, 【紧急通知 B5】) or its re-@ (请确认通知 B5). */
const NOTICE_HEADER = /(?:【(?:紧急)?通知 |请确认(?:紧急)?通知 )B(\d{1,9})/u

export interface Ack {
  /** The notice number named with it ("收到 B5" → 5), else null: the room's latest open notice. */
  number: number | null
}

/**
 * An acknowledgement, or null for anything else (ordinary chat). A quote-reply of one of our notices (or of its re-@)
 * answered with an acknowledgement word picks that notice.
 */
export function parseAck(raw: string): Ack | null {
  const quote = raw.length <= 2000 ? QUOTE.exec(raw) : null
  if (quote) {
    const ack = parseAck(quote[2]!)
    const quoted = NOTICE_HEADER.exec(quote[1]!)
    // A 收到 quoting anything else (a task, someone's message) is not about a notice.
    return ack && quoted ? { number: ack.number ?? Number(quoted[1]) } : null
  }
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
  // "11", "1111": a 1 typed more than once.
  if (/^1{1,6}$/.test(w)) return true
  // 收到收到收到, 好的好的: a word said again and again.
  if ([...WORDS].some((word) => word.length > 1 && w.length > word.length && w.split(word).every((p) => p === ''))) return true
  // 收到👌, 收到[强], 已收到，谢谢, 收到 收到: words, emoji and a thanks, nothing else.
  const parts = w
    .replace(EMOJI, ' ')
    .split(/[\s,，、]+/u)
    .filter((p) => p && p !== '谢谢' && p !== '谢谢领导')
  return parts.length > 0 && parts.every((p) => WORDS.has(p))
}
