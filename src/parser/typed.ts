// The grammar reads normalised text (normalise.ts: full-width folded, ，、 as spaces, spaces collapsed); what people
// wrote is stored and sent as they typed it (issue #23: "暴雨红色预警，请…" keeps its "，"). This maps each character of
// the normalised text back to the characters it came from, so a piece the grammar picked (a note, a description, a
// notice's words) can be handed on as typed. Table-tested in test/unit/typed.test.ts.
import { keepsInvisible, normalise, stripInvisible } from './normalise.ts'

/** The normalised text, and for each of its UTF-16 units the range of the typed text it came from. */
export interface Mapped {
  text: string
  start: number[]
  end: number[]
}

const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/u
const SPACE = /\p{Zs}/u

interface Unit {
  c: string
  s: number
  e: number
}

/** normalise(), remembering where each character came from. Its text equals normalise(typed) (tested). */
export function normaliseMapped(typed: string): Mapped {
  // Which invisible characters stay (a ZWJ inside an emoji family, VS16 after an emoji) depends on their
  // neighbours: normalise.ts decides, per character, as stripInvisible does.
  const units: Unit[] = []
  let i = 0
  for (const ch of typed) {
    const s = i
    i += ch.length
    if (INVISIBLE.test(ch) && !keepsInvisible(typed, ch, s)) continue
    const code = ch.codePointAt(0) ?? 0
    let out: string
    if (ch === '，' || ch === '、') out = ' '
    else if (code >= 0xff01 && code <= 0xff5e) out = String.fromCodePoint(code - 0xfee0)
    else if (SPACE.test(ch)) out = ' '
    else if (code === 0x2028 || code === 0x2029) out = '\n'
    else out = ch
    for (const c of out) for (const unit of c.split('')) units.push({ c: unit, s, e: i })
  }
  // [ \t]+ → one space; spaces around a line break go; then trim.
  const collapsed: Unit[] = []
  for (const u of units) {
    const blank = u.c === ' ' || u.c === '\t'
    const prev = collapsed[collapsed.length - 1]
    if (blank && prev?.c === ' ') prev.e = u.e
    else collapsed.push(blank ? { ...u, c: ' ' } : u)
  }
  const kept = collapsed.filter((u, k) => !(u.c === ' ' && (collapsed[k - 1]?.c === '\n' || collapsed[k + 1]?.c === '\n')))
  const a = kept.findIndex((u) => !/\s/.test(u.c))
  const out = a < 0 ? [] : kept.slice(a, kept.findLastIndex((u) => !/\s/.test(u.c)) + 1)
  return { text: out.map((u) => u.c).join(''), start: out.map((u) => u.s), end: out.map((u) => u.e) }
}

/** The typed text a normalised range [from, to) came from (invisible characters still removed, ends trimmed). */
export function typedRange(m: Mapped, typed: string, from: number, to: number): string {
  if (from >= to || from >= m.text.length) return ''
  return stripInvisible(typed.slice(m.start[from], m.end[Math.min(to, m.text.length) - 1])).trim()
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * `piece` (normalised words a parser kept, e.g. a need's description) as the sender typed them in `typed` (the whole
 * message). Any run of spaces in the piece matches any run of spaces or line breaks (parsers join words with one
 * space). A piece not found as one stretch (words picked from here and there) is returned as it is.
 */
export function asTyped(piece: string, typed: string): string {
  if (!piece || typed === piece) return piece
  const m = normaliseMapped(typed)
  if (m.text !== normalise(typed)) return piece // never expected (tested); the normalised words are still right
  const words = piece.trim().split(/\s+/).map(escapeRegExp)
  const re = new RegExp(words.join('\\s+'), 'gu')
  let found: RegExpExecArray | null = null
  // The last stretch: the words follow the command's own (which may contain the same characters).
  for (let hit = re.exec(m.text); hit; hit = re.exec(m.text)) {
    found = hit
    if (hit[0].length === 0) re.lastIndex++
  }
  if (!found) return piece
  return typedRange(m, typed, found.index, found.index + found[0].length) || piece
}

/**
 * The arguments' fields that hold what people wrote (a need's description, a notice's words, a check-in's note, a
 * result, a reason …), at the top or one level down (a notice's draft, a hazard's report, a new task): these are
 * what the record stores and the bot sends on, so they get their typed form back. Everything else (ids, names, unit
 * names, periods) stays normalised: it is looked up, not shown.
 */
export const FREE_TEXT_FIELDS = new Set(['description', 'text', 'note', 'title', 'rest', 'reason', 'activity'])

/** `args` with its free-text fields (FREE_TEXT_FIELDS) as typed in `typed`, the whole message. */
export function withTypedText<A>(args: A, typed: string): A {
  if (!args || typeof args !== 'object' || Array.isArray(args)) return args
  const out: Record<string, unknown> = { ...(args as Record<string, unknown>) }
  for (const [key, value] of Object.entries(out)) {
    if (typeof value === 'string' && FREE_TEXT_FIELDS.has(key)) out[key] = asTyped(value, typed)
    else if (value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) {
      const inner: Record<string, unknown> = { ...(value as Record<string, unknown>) }
      for (const [k, v] of Object.entries(inner)) if (typeof v === 'string' && FREE_TEXT_FIELDS.has(k)) inner[k] = asTyped(v, typed)
      out[key] = inner
    }
  }
  return out as A
}
