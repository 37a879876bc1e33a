import { DEFAULT_CHECKIN_KINDS, type CheckinKind, type CheckinType } from '../kernel/texts/checkin-kinds.texts.ts'
import { kindOfWord } from '../kernel/policy/checkin-kinds.ts'
import { group } from '../core/match-group.ts'

export type CheckinArgs =
  | { ok: true; undo: true }
  | { ok: true; undo: false; type: CheckinType; households: number | null; note: string | null }
  | { ok: false; problem: string }

const MAX_HOUSEHOLDS = 2000
const MAX_NOTE = 500

/**
 * `[类型] [N户] [备注]` in any order for the first two; the rest is the note. `kinds`: the district's (policy
 * `checkinKinds`); a first word that is none of them stays in the note and the check-in is of the first kind.
 */
export function parseCheckinArgs(input: string[], kinds: readonly CheckinKind[] = DEFAULT_CHECKIN_KINDS): CheckinArgs {
  const argv = unglue(input, kinds)
  if (argv.length === 1 && /^(撤销|撤回|取消|undo)$/i.test(argv[0] ?? '')) return { ok: true, undo: true }
  let type: CheckinType | null = null
  let households: number | null = null
  let i = 0
  // Type and household count lead (either order); the first other word starts the note.
  for (; i < argv.length && i < 2; i++) {
    const word = argv[i] ?? ''
    const hh = /^(\d+)\s*户$/.exec(word)
    const kind: CheckinKind | null = type ? null : kindOfWord(word, kinds)
    if (kind) type = kind.code
    else if (households === null && hh) {
      households = Number(hh[1])
      if (households < 1 || households > MAX_HOUSEHOLDS) return { ok: false, problem: `户数应在 1–${MAX_HOUSEHOLDS} 之间` }
    } else if (/^[一二三四五六七八九十两]+户$/.test(word)) {
      return { ok: false, problem: '户数请用阿拉伯数字,如“5户”' }
    } else break
  }
  const rest = argv.slice(i)
  const note = rest.join(' ').trim()
  if (note.length > MAX_NOTE) return { ok: false, problem: `备注太长(最多${MAX_NOTE}字)` }
  return { ok: true, undo: false, type: type ?? kinds[0]?.code ?? 'patrol', households, note: note || null }
}

/** The kinds' Chinese words, longest first (for splitting words typed without spaces). */
const typeWords = (kinds: readonly CheckinKind[]) =>
  kinds
    .flatMap((k) => [k.label, ...k.aliases])
    .filter((w) => /[\u4e00-\u9fff]/.test(w))
    .sort((a, b) => b.length - a.length)

/** "走访5户独居老人" typed without spaces → ["走访", "5户", "独居老人"]; only the leading type and count are split. */
function unglue(argv: string[], kinds: readonly CheckinKind[]): string[] {
  const out = [...argv]
  const TYPE_WORDS = typeWords(kinds)
  for (let i = 0; i < Math.min(out.length, 2); i++) {
    const word = out[i] ?? ''
    const type = TYPE_WORDS.includes(word) ? undefined : TYPE_WORDS.find((t) => word.startsWith(t) && word.length > t.length)
    const count = /^(\d+户)(.+)$/.exec(word)
    if (type) out.splice(i, 1, type, word.slice(type.length))
    else if (count) out.splice(i, 1, group(count, 1), group(count, 2))
  }
  return out
}
