// Acknowledgements of a notice are plain chat, not commands, and people write them as they write to each other:
// 收到, 1, 好的, 👌, 收到[强], 收到，马上转发, 已收到 我们推荐李佳鑫, 好的收到，我报名 … A message counts when it *starts*
// with an acknowledgement; what follows is kept as its note (it often carries the answer). A question (收到了吗?,
// 收到没), a negation (没收到) or someone else's name first is not one. The gateway keeps a text only when it is one,
// so ordinary chat still never reaches the inbox. Table-tested in test/unit/ack.test.ts (both ways).
import { normaliseMapped, typedRange } from './typed.ts'
import { splitQuote } from './quote.ts'

/**
 * Words that acknowledge, longest first (normalised, lower-case). `glue`: may run straight into more words with no
 * space or punctuation ("收到马上转发"); the others need one ("收，马上到" but not 收藏, 1楼, 好的呀).
 */
const WORDS: { w: string; glue: boolean }[] = [
  ...['已收到了', '已收到', '收到啦', '收到了', '收到', '已收悉', '收悉', '已知悉', '知悉', '明白了', '明白', '了解了', '已阅', '已读'].map((w) => ({
    w,
    glue: true,
  })),
  ...['好的', '好滴', '好嘞', '好哒', '嗯嗯', '收', 'ok'].map((w) => ({ w, glue: false })),
]
/** 👌 👍 ✅ 🙏 (any skin tone), and WeChat's own emoji as puppets deliver them as text: [强] [OK] [握手] … */
const EMOJI = /^(?:(?:👌|👍|✅|🙏|💪)[\u{1F3FB}-\u{1F3FF}]?\uFE0F?|\[(?:强|ok|握手|好的|抱拳|胜利|加油)\])/u
/** A 1 typed once or a few times (the group convention for "received"). */
const ONES = /^1{1,6}(?!\d)/
/** What separates words: spaces, punctuation people add (收到! 收到。 收到~ 收到…). Not ?: that asks. */
const SEP = /^[\s.!~…。;:,"'“”‘’()-]+/u
/** 好的 runs into these without a pause ("好的收到", "好的我马上转", "好的谢谢"); not into 好的呀, 好的东西. */
const AFTER_HAODE = /^[我马已立这收明谢]/u
/** Glued straight onto the word, these make it something else: 收到的…, 收到请回复, 收到后转发, 明白人. */
const NOT_AFTER = /^(?:的|请|回复|后|以后|之后|就|再|人|钱|没|不|否|吗|么|嘛|吧|呢)/u
/** The end of a question: 收到了吗, 收到没, 收到没有, 明白不, 收到? */
const QUESTION = /(?:[?吗么嘛呢吧]|没有?|不|否)$/u
/** A notice number: B5. */
const REF = /^b(\d{1,9})(?![\d])/
/** A notice id at the start ("B5 收到"). */
const LEADING_REF = /^b(\d{1,9})(?=[\s.!~…。,]|$)|^b(\d{1,9})(?=收|好|明|已|知|了|1|ok|👌|👍|\[)/u
/** Notes that say nothing: thanks, more emoji. */
const EMPTY_NOTE = /^(?:谢谢(?:领导|大家)?|感谢|辛苦了?)?[\s.!~…。,，！～]*$/u
const MAX_ACK_TEXT = 500
const MAX_NOTE = 200
const MAX_WORDS = 8

/** Our notice inside a quote: its header (【通知 B5】, 【紧急通知 B5】) or its re-@ (请确认通知 B5). */
const NOTICE_HEADER = /(?:【(?:紧急)?通知 |请确认(?:紧急)?通知 )B(\d{1,9})/u

export interface Ack {
  /** The notice number named with it ("收到 B5" → 5), else null: the room's latest open notice. */
  number: number | null
  /** What the sender wrote after the acknowledgement, as typed ("我们推荐李佳鑫"), or null. */
  note: string | null
}

/**
 * An acknowledgement, or null for anything else (ordinary chat). A quote-reply of one of our notices (or of its re-@)
 * answered with an acknowledgement picks that notice.
 */
export function parseAck(raw: string): Ack | null {
  const quote = splitQuote(raw)
  if (quote) return quotedAck(quote)
  if (raw.length > MAX_ACK_TEXT) return null
  const m = normaliseMapped(raw)
  // Lower-case ASCII only: one character stays one character, so positions still map to what was typed.
  const text = m.text.replace(/[A-Z]/g, (c) => c.toLowerCase())
  let pos = 0
  let number: number | null = null
  const lead = LEADING_REF.exec(text)
  if (lead) {
    number = Number(lead[1] ?? lead[2])
    pos = skip(text, lead[0].length)
  }
  const run = ackWords(text, pos)
  if (!run) return null
  pos = run.end
  // A notice id after the words: 收到 B5, 收到B5。
  let rest = skip(text, pos)
  const ref = number === null ? REF.exec(text.slice(rest)) : null
  if (ref) {
    number = Number(ref[1])
    pos = rest + ref[0].length
    rest = skip(text, pos)
  }
  const after = text.slice(rest)
  if (!after) return { number, note: null }
  if (!goesOn(run, text, after, rest === run.end)) return null
  // "1、3号楼…", "1. 巡查": a numbered list, not a 1.
  if (/^1+$/.test(run.last.w) && (/^\d/.test(after) || /^[、.．)）:：]/u.test(raw.slice(m.end[run.end - 1] ?? 0).trimStart()))) return null
  const typed = typedRange(m, raw, rest, text.length)
  const note = EMPTY_NOTE.test(typed) ? null : [...typed].slice(0, MAX_NOTE).join('')
  return { number, note }
}

/** A quote-reply: an acknowledgement answering one of our notices (its header or its re-@), else null. */
function quotedAck(quote: { quoted: string; reply: string }): Ack | null {
  const ack = parseAck(quote.reply)
  const quoted = NOTICE_HEADER.exec(quote.quoted)
  // A 收到 quoting anything else (a task, someone's message) is not about a notice.
  return ack && quoted ? { ...ack, number: ack.number ?? Number(quoted[1]) } : null
}

type Word = { w: string; glue: boolean }

/** The acknowledgement words from `pos`: one or more, with or without spaces between (收到收到, 好的收到, 收到👌, 1111);
 *  the last of them, whether any may run on, and where they end. Null: none, or too many to be an answer. */
function ackWords(text: string, pos: number): { last: Word; glue: boolean; end: number } | null {
  let words = 0
  let last: Word | null = null
  let glue = false
  let end = pos
  for (;;) {
    const at = words ? skip(text, end) : end
    const word = wordAt(text, at)
    if (!word) break
    words++
    last = word
    glue ||= word.glue
    end = at + word.w.length
  }
  if (!words || words > MAX_WORDS || !last) return null
  return { last, glue, end }
}

/** Whether what follows the words (`after`; `glued`: with no space between) leaves them an acknowledgement. */
function goesOn(run: { last: Word; glue: boolean }, text: string, after: string, glued: boolean): boolean {
  if (glued) {
    if (NOT_AFTER.test(after)) return false
    // 收到[强]马上落实 runs on; [强]哈哈, 收藏 and 1楼 do not.
    if (!run.glue && !(run.last.w === '好的' && AFTER_HAODE.test(after))) return false
  }
  // The first clause asks (收到 没?, 明白 吗): a question, not an answer.
  const clause = (/^[^,.!;。~…\n]*/u.exec(text)?.[0] ?? '').trim()
  if (QUESTION.test(clause) || clause.includes('?')) return false
  // Latin words after it: "OK google", "收到 T5" (a task id), "收到 B" — not about a notice.
  return !/^[a-z]/.test(after)
}

/** The acknowledgement word at `at` (a word, an emoji, a run of 1s), or null. */
function wordAt(text: string, at: number): { w: string; glue: boolean } | null {
  const s = text.slice(at)
  const ones = ONES.exec(s)
  if (ones) return { w: ones[0], glue: false }
  const emoji = EMOJI.exec(s)
  if (emoji) return { w: emoji[0], glue: false }
  return WORDS.find((x) => s.startsWith(x.w)) ?? null
}

/** Past spaces and punctuation from `at`. */
function skip(text: string, at: number): number {
  const sep = SEP.exec(text.slice(at))
  return at + (sep ? sep[0].length : 0)
}
