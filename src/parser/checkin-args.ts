import type { CheckinType } from '../kernel/texts/checkin-kinds.texts.ts'

export const CHECKIN_TYPES: Record<string, CheckinType> = {
  巡查: 'patrol',
  巡逻: 'patrol',
  巡检: 'patrol',
  patrol: 'patrol',
  走访: 'visit',
  入户: 'visit',
  走访入户: 'visit',
  visit: 'visit',
  议事: 'meeting',
  议事会: 'meeting',
  会议: 'meeting',
  meeting: 'meeting',
  服务: 'service',
  志愿服务: 'service',
  service: 'service',
  宣传: 'publicity',
  政策宣传: 'publicity',
  宣讲: 'publicity',
  调解: 'mediation',
  矛盾调解: 'mediation',
  纠纷调解: 'mediation',
  采集: 'collection',
  信息采集: 'collection',
}

export type CheckinArgs =
  | { ok: true; undo: true }
  | { ok: true; undo: false; type: CheckinType; households: number | null; note: string | null }
  | { ok: false; problem: string }

const MAX_HOUSEHOLDS = 2000
const MAX_NOTE = 500

/** `[类型] [N户] [备注]` in any order for the first two; the rest is the note. */
export function parseCheckinArgs(input: string[]): CheckinArgs {
  const argv = unglue(input)
  if (argv.length === 1 && /^(撤销|撤回|取消|undo)$/i.test(argv[0]!)) return { ok: true, undo: true }
  let type: CheckinType | null = null
  let households: number | null = null
  let i = 0
  // Type and household count lead (either order); the first other word starts the note.
  for (; i < argv.length && i < 2; i++) {
    const word = argv[i]!
    const hh = /^(\d+)\s*户$/.exec(word)
    if (!type && CHECKIN_TYPES[word.toLowerCase()]) type = CHECKIN_TYPES[word.toLowerCase()]!
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
  return { ok: true, undo: false, type: type ?? 'patrol', households, note: note || null }
}

const TYPE_WORDS = Object.keys(CHECKIN_TYPES)
  .filter((w) => /[\u4e00-\u9fff]/.test(w))
  .sort((a, b) => b.length - a.length)

/** "走访5户独居老人" typed without spaces → ["走访", "5户", "独居老人"]; only the leading type and count are split. */
function unglue(argv: string[]): string[] {
  const out = [...argv]
  for (let i = 0; i < Math.min(out.length, 2); i++) {
    const word = out[i]!
    const type = TYPE_WORDS.find((t) => word.startsWith(t) && word.length > t.length)
    const count = /^(\d+户)(.+)$/.exec(word)
    if (type) out.splice(i, 1, type, word.slice(type.length))
    else if (count) out.splice(i, 1, count[1]!, count[2]!)
  }
  return out
}
