// WeChat's 引用 (quote-reply) as puppets that flatten it deliver it: 「<who>：<quoted text>」, a line of "- - - …", then
// the reply. Wechaty 1.x has no quoted-message API (wechaty/wechaty#2387), so the quote is read from the text.
import { group } from '../core/match-group.ts'
import type { ParsedCommand } from './command.ts'
import { normalise } from './normalise.ts'

export const QUOTE = /^「([\s\S]*?)」\s*\n\s*(?:-\s*){5,}\n([\s\S]*)$/u

/** The quoted text and the reply, or null when the message quotes nothing. */
export function splitQuote(raw: string): { quoted: string; reply: string } | null {
  const q = raw.length <= 2000 ? QUOTE.exec(raw) : null
  return q ? { quoted: group(q, 1), reply: group(q, 2) } : null
}

/** 报名, 我报名, 我要报名, #报名, 报名+1 … — a sign-up with no id, as typed under a quoted post. */
const SIGN_UP = /^[#/]?\s*(?:我要?|我也)?(?:报名|报个名|参加)(?:\s*\+?1)?[!！。.~～]*$/u
/** The first activity id in a post of ours (招募令 A3, 已创建活动 A3, 已创建 A3 …). */
const ACTIVITY_ID = /(?<![A-Za-z0-9])A(\d{1,9})(?![0-9])/

/**
 * `报名` quoting an activity's post (its 招募令, its creation, a reminder): read as `#报名 A3`. Null for any other
 * message, and for a sign-up quoting something that names no activity.
 */
export function quotedSignUp(raw: string): ParsedCommand | null {
  const q = splitQuote(raw)
  if (!q || !SIGN_UP.test(normalise(q.reply).trim())) return null
  const id = ACTIVITY_ID.exec(q.quoted)
  return id ? { word: '报名', args: `A${id[1]}`, argv: [`A${id[1]}`] } : null
}
