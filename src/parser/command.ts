import { normalise } from './normalise.ts'
import { group } from '../core/match-group.ts'
import { must } from '../core/must.ts'

/** Texts longer than this are never parsed as commands: a command among them is refused with a short reply. */
export const MAX_COMMAND_TEXT = 2000
/** How much of an oversize text is looked at to tell whether it was meant as a command. */
const OVERSIZE_PEEK = 100

/** The command an oversize text was meant to be (its word, from its first characters), or null for long chat. */
export function oversizeCommand(raw: string, opts: { mentionsSelf?: boolean } = {}): ParsedCommand | null {
  return raw.length > MAX_COMMAND_TEXT ? parseCommand(raw.slice(0, OVERSIZE_PEEK), opts) : null
}

/** What of an oversize text is kept (enough to refuse it; a 100 KB paste is not stored). */
export const clipOversize = (raw: string): string => (raw.length > MAX_COMMAND_TEXT ? raw.slice(0, MAX_COMMAND_TEXT + 1) : raw)

export interface ParsedCommand {
  /** The command word as typed, after normalisation (e.g. "签到", "checkin"). */
  word: string
  /** Everything after the word, normalised, single-spaced. */
  args: string
  /** The words of `args`. */
  argv: string[]
  /** Typed without # or @ (`签到 巡查 8号楼`): taken only for the words a unit's policy allows, and only from members. */
  bare?: true
}

/** Commands a member may type without # (followed by a space and arguments): policy may narrow this list
 *  (`bareCommands`). Only these reach the inbox without #, so ordinary chat still never does. */
export const BARE_COMMANDS = ['签到', '打卡'] as const

/** Chat that begins like a bare command: 签到 了吗, 打卡 的人多吗, 签到 没? */
const BARE_CHAT = /^(?:了|的|吗|么|嘛|呢|没|不|啊|呀|吧|过|完|好)|[?吗么嘛呢]$/u

/**
 * A command starts with # / (or their full-width forms) or is addressed to the bot with an @mention.
 * Returns null for ordinary chat, which the bot leaves alone.
 */
export function parseCommand(raw: string, opts: { mentionsSelf?: boolean; botNames?: string[]; bare?: readonly string[] } = {}): ParsedCommand | null {
  if (raw.length > MAX_COMMAND_TEXT) return null
  let text = normalise(raw)
  let addressed = false
  for (const name of opts.botNames ?? []) {
    const at = `@${name}`
    if (text.startsWith(at)) {
      text = text.slice(at.length).trim()
      addressed = true
      break
    }
  }
  if (opts.mentionsSelf && !addressed) {
    // WeChat puts "@name" first; the mock and some clients send a plain space after it.
    const m = /^@\S+\s*(.*)$/s.exec(text)
    if (m) {
      text = group(m, 1).trim()
      addressed = true
    }
  }
  const prefixed = /^[#/]/.test(text)
  if (!prefixed && !addressed) return opts.bare?.length ? parseBare(text, opts.bare) : null
  if (prefixed) text = text.replace(/^[#/]+\s*/, '')
  if (!text) return addressed ? { word: '帮助', args: '', argv: [] } : null
  const m = must(/^(\S+?)(?:\s+([\s\S]*))?$/.exec(text), 'PARSE_NO_COMMAND_WORD')
  let word = group(m, 1)
  let args = (m[2] ?? '').trim()
  // "#签到走访5户" — no space after a Chinese command word is common on phones.
  const glued = /^([\u4e00-\u9fff]{2})([\s\S]+)$/.exec(word)
  if (glued && KNOWN_GLUE.has(group(glued, 1)) && !WHOLE_WORDS.has(word)) {
    word = group(glued, 1)
    args = `${glued[2]} ${args}`.trim()
  }
  return { word, args, argv: args ? args.split(/\s+/) : [] }
}

/**
 * Two-character command words that may be glued to their arguments ("#隐患H1", "#隐患紧急 …"). Only words that
 * always take arguments and that chat does not start with ("#今天天气不错" is chat, not #今天).
 */
const KNOWN_GLUE = new Set(['签到', '打卡', '隐患', '受理', '处置', '办结', '核实', '重办', '志愿', '兑换'])

/** Command words that begin with a glued word but are words of their own (#志愿服务 is #志愿, #兑换列表 is #商品). */
const WHOLE_WORDS = new Set(['志愿服务', '兑换列表'])

/**
 * `签到 巡查 8号楼` typed without #: the command word, a space, then arguments — never a sentence (`签到了吗`,
 * `今天签到的人多吗`, `签到 了吗?`). Only the words in `words`.
 */
function parseBare(text: string, words: readonly string[]): ParsedCommand | null {
  const m = /^(\S+) +(\S[\s\S]*)$/.exec(text)
  if (!m || !words.includes(group(m, 1))) return null
  const args = group(m, 2).trim()
  if (BARE_CHAT.test(args) || args.includes('?')) return null
  return { word: group(m, 1), args, argv: args.split(/\s+/), bare: true }
}

/**
 * `#签 到 巡查`: a space typed inside the command word. When the first word alone is no command but it and what
 * follows are (`known`), they are read as one (`#签到 巡查`); glued arguments are split as usual.
 */
export function rejoinSplitWord(cmd: ParsedCommand, known: (word: string) => boolean): ParsedCommand {
  if (known(cmd.word) || !/^\p{Script=Han}$/u.test(cmd.word) || !/^\p{Script=Han}/u.test(cmd.args)) return cmd
  const joined = parseCommand(`#${cmd.word}${cmd.args}`)
  return joined && known(joined.word) ? { ...joined, ...(cmd.bare ? { bare: true as const } : {}) } : cmd
}
