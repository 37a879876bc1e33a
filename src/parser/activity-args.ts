// #活动 as organisers type it: "<时间> <名称> [限N人] [地点] [@单位|全区]". The time is read as deadlines are
// (周六上午9点, 11月30日 14:00-16:00, 明天下午3点); an end after a dash or 至 is a time of the same day. Pure; the
// problems are returned as codes with what was typed, the capability's texts word them.
import { parseDeadline } from './deadline.ts'
import { normalise } from './normalise.ts'
import { fromLocal, toLocal } from '../core/local-time.ts'
import { parseClock } from './schedule.ts'
import { group } from '../core/match-group.ts'

export const MAX_CAPACITY = 5000
export const MAX_NAME = 40
/** An activity without an end lasts this long. */
export const DEFAULT_ACTIVITY_MS = 2 * 3_600_000

export type ActivityArgProblem =
  | { code: 'missing' }
  | { code: 'time'; detail: string }
  | { code: 'end_before_start'; raw: string }
  | { code: 'capacity'; raw: string }
  | { code: 'name_missing' }
  | { code: 'name_long' }

export interface ActivityDraft {
  startsAt: Date
  endsAt: Date
  name: string
  place: string | null
  capacity: number | null
  /** A unit named with @ (its subtree gets a 招募令); '*' is the whole district (全区). */
  target: string | null
  /** The project it serves (P3): its number. */
  project: number | null
  timeText: string
}

const RANGE = /^(.+)(?:-|~|至|到)([^-~至到]+)$/
/** A word that continues the time: "14:00", "14:00-16:00", "下午3点", "9点半". */
const CLOCKISH =
  /^(凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|早|晚)?[0-9零〇一二两三四五六七八九十]{1,3}([点时:][0-9零〇一二两三四五六七八九十半刻]*分?|点钟)?((-|~|至|到).+)?$/
const CAPACITY = /^(?:限|限额|名额)?(\d+)(?:人|名|位)$|^(?:限|限额|名额)(\d+)$/
const WHOLE_DISTRICT = /^(全区|全县|全市)$/
/** The project an activity serves: P3. */
const PROJECT_REF = /^[Pp][1-9]\d{0,8}$/

/** Splits "<start>-<end>" and reads both against `now`: the end is a clock on the start's day, or a full time. */
export function parseActivityTime(raw: string, now: Date): { ok: true; startsAt: Date; endsAt: Date } | { ok: false; problem: ActivityArgProblem } {
  const s = normalise(raw).replace(/\s+/g, '')
  const whole = parseDeadline(s, now)
  const range = whole.ok ? null : RANGE.exec(s)
  const startText = range ? group(range, 1) : s
  const start = parseDeadline(startText, now)
  if (!start.ok) return { ok: false, problem: { code: 'time', detail: start.problem } }
  if (!range) return { ok: true, startsAt: start.at, endsAt: new Date(start.at.getTime() + DEFAULT_ACTIVITY_MS) }
  const endText = group(range, 2)
  const startHour = toLocal(start.at).hour
  // "下午2点-4点": an end without 上午/下午 shares the start's afternoon.
  const afternoon = startHour >= 12 && !/^(凌晨|早|上午|中午|下午|傍晚|晚)/.test(endText) ? '下午' : ''
  const clock = parseClock(afternoon + (/^\d{1,2}$/.test(endText) ? `${endText}点` : endText))
  let endsAt: Date
  if (clock.ok) {
    const d = toLocal(start.at)
    endsAt = fromLocal(d.year, d.month, d.day, clock.hour, clock.minute)
  } else {
    const end = parseDeadline(endText, now)
    if (!end.ok) return { ok: false, problem: { code: 'time', detail: end.problem } }
    endsAt = end.at
  }
  if (endsAt.getTime() <= start.at.getTime()) return { ok: false, problem: { code: 'end_before_start', raw } }
  return { ok: true, startsAt: start.at, endsAt }
}

/** The words after #活动 (not an id, 统计 or 定时): the draft, or what is wrong with it. */
export function parseActivityDraft(argv: string[], now: Date): { ok: true; draft: ActivityDraft } | { ok: false; problem: ActivityArgProblem } {
  const words = argv.map((w) => w.trim()).filter(Boolean)
  if (!words.length) return { ok: false, problem: { code: 'missing' } }
  let timeText = words[0] ?? ''
  let i = 1
  // "11月30日 14:00-16:00": a second word that is a clock belongs to the time.
  while (i < words.length && i < 3 && CLOCKISH.test(normalise(words[i] ?? ''))) timeText += words[i++]
  const time = parseActivityTime(timeText, now)
  if (!time.ok) return time
  const t = parseActivityTail(words.slice(i))
  if (!t.ok) return t
  return { ok: true, draft: { startsAt: time.startsAt, endsAt: time.endsAt, ...t.tail, timeText } }
}

export type ActivityTail = Pick<ActivityDraft, 'name' | 'place' | 'capacity' | 'target' | 'project'>

/** The words after the time: name first, then capacity (限N人), target (@单位, 全区) and place in any order. */
export function parseActivityTail(words: string[]): { ok: true; tail: ActivityTail } | { ok: false; problem: ActivityArgProblem } {
  let capacity: number | null = null
  let target: string | null = null
  let project: number | null = null
  const rest: string[] = []
  for (const w of words) {
    const n = normalise(w)
    const cap = CAPACITY.exec(n)
    if (cap) {
      const v = Number(cap[1] ?? cap[2])
      if (!Number.isSafeInteger(v) || v < 1 || v > MAX_CAPACITY) return { ok: false, problem: { code: 'capacity', raw: w } }
      capacity = v
    } else if (n.startsWith('@') && n.length > 1) target = n.slice(1).trim()
    else if (WHOLE_DISTRICT.test(n)) target = '*'
    else if (PROJECT_REF.test(n)) project = Number(n.slice(1))
    else rest.push(w)
  }
  const [name, ...place] = rest
  if (!name) return { ok: false, problem: { code: 'name_missing' } }
  if (name.length > MAX_NAME) return { ok: false, problem: { code: 'name_long' } }
  const placeText = place
    .join(' ')
    .replace(/^(地点|地址|在)[::]?/, '')
    .trim()
  return { ok: true, tail: { name, place: placeText || null, capacity, target, project } }
}

/** "2小时", "1.5小时", "90分钟", "半天" (halfDayHours) → minutes; null when it is not a duration. */
export function parseHours(word: string, halfDayHours: number): number | null {
  const n = normalise(word)
  if (/^半天$/.test(n)) return Math.round(halfDayHours * 60)
  const h = /^(\d+(?:\.\d+)?)(?:个)?(?:小时|钟头|h)$/i.exec(n)
  if (h) return Math.round(Number(h[1]) * 60)
  const m = /^(\d+)分钟$/.exec(n)
  return m ? Number(m[1]) : null
}

/** 本月 / 本年 (or 今年) for statistics; null when it is neither. */
export function parsePeriod(word: string | undefined): 'month' | 'year' | null {
  if (!word) return 'month'
  if (/^(本月|这个月|当月)$/.test(word)) return 'month'
  if (/^(本年|今年|全年|本年度)$/.test(word)) return 'year'
  return null
}

/** The sub-command words of #活动 A3 …: 结束 (close), 取消 (cancel). */
export const isCloseWord = (w: string | undefined) => !!w && /^(结束|完成|关闭)$/.test(w)
export const isCancelWord = (w: string | undefined) => !!w && /^(取消|撤销)$/.test(w)
export const isStatsWord = (w: string | undefined) => !!w && /^(统计|汇总)$/.test(w)
export const isScheduleWord = (w: string | undefined) => !!w && /^(定时|每月|周期)$/.test(w)
export const isAllWord = (w: string | undefined) => !!w && /^(全部|所有人|全体)$/.test(w)
/** A kind of activity: its name, the words of an activity's name that make it this kind, and whether attending it
 *  counts as a 议事 (meeting) check-in. The first kind of a list is the one an activity gets when no word matches. */
export interface ActivityKindDef {
  name: string
  words: string[]
  meeting: boolean
}

/** The kinds when the district's policy (`policies.activities.kinds`) names none. */
const VOLUNTEERING: ActivityKindDef = { name: '志愿服务', words: [], meeting: false }
export const DEFAULT_ACTIVITY_KINDS: readonly ActivityKindDef[] = [
  VOLUNTEERING,
  ...['议事', '宣传', '团建', '培训', '文体', '共建'].map((name) => ({ name, words: [], meeting: name === '议事' })),
]

/** The kind of an activity named `name`: the first kind after the default whose name or a word is in it, else the default. */
export function activityKind(name: string, kinds: readonly ActivityKindDef[] = DEFAULT_ACTIVITY_KINDS): string {
  const hit = kinds.slice(1).find((k) => [k.name, ...k.words].some((w) => w && name.includes(w)))
  return (hit ?? kinds[0] ?? VOLUNTEERING).name
}

/** A 议事 activity's attendance counts as 议事 (meeting) check-ins: the kind's flag, or its name for kinds not listed. */
export function isMeetingKind(kind: string, kinds: readonly ActivityKindDef[] = DEFAULT_ACTIVITY_KINDS): boolean {
  return kinds.find((k) => k.name === kind)?.meeting ?? /议事/.test(kind)
}

const TEAM_PREFIX = /^(?:队伍|队)[:：]/

/** A word of the place that names one of the district's teams (四支队伍: "青年突击队", "队伍:青年突击队") is the team. */
export function splitTeam(place: string | null, teams: readonly string[]): { team: string | null; place: string | null } {
  if (!place) return { team: null, place }
  let team: string | null = null
  const rest: string[] = []
  for (const w of place.split(/\s+/)) {
    const name = w.replace(TEAM_PREFIX, '')
    if (!team && (teams.includes(name) || (TEAM_PREFIX.test(w) && name))) team = name
    else rest.push(w)
  }
  return { team, place: rest.join(' ').trim() || null }
}
