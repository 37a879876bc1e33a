// Check-in kinds and their Chinese names: shared vocabulary of check-ins, digests and the 台账 (the kernel holds it so
// that no capability imports another's folder for it). These are the defaults; a district lists its own kinds in the
// org file's `policies.checkinKinds` (kernel/policy/checkin-kinds.ts, issue #23).

/** A kind's code as stored: one of the defaults' codes below, or a district's own kind (its name). */
export type CheckinType = string

/** A kind of check-in: its code (stored), its name (shown) and the other words people type for it. */
export interface CheckinKind {
  code: CheckinType
  label: string
  aliases: string[]
}

/** 巡查, 走访/入户, 议事, 服务, 宣传, 调解, 采集 — the first is the kind of a check-in that names none. */
export const DEFAULT_CHECKIN_KINDS: readonly CheckinKind[] = [
  { code: 'patrol', label: '巡查', aliases: ['巡逻', '巡检', 'patrol'] },
  { code: 'visit', label: '走访', aliases: ['入户', '走访入户', 'visit'] },
  { code: 'meeting', label: '议事', aliases: ['议事会', '会议', 'meeting'] },
  { code: 'service', label: '服务', aliases: ['志愿服务', 'service'] },
  { code: 'publicity', label: '宣传', aliases: ['政策宣传', '宣讲'] },
  { code: 'mediation', label: '调解', aliases: ['矛盾调解', '纠纷调解'] },
  { code: 'collection', label: '采集', aliases: ['信息采集'] },
]

/** The defaults' names by code (rows of a kind a district no longer lists still read by name). */
export const CHECKIN_TYPE_LABEL: Record<string, string> = Object.fromEntries(DEFAULT_CHECKIN_KINDS.map((k) => [k.code, k.label]))

/** A kind's name: from the district's kinds, else the defaults', else its code (a district's own kind is its name). */
export const kindLabel = (code: CheckinType, kinds: readonly CheckinKind[] = DEFAULT_CHECKIN_KINDS): string =>
  kinds.find((k) => k.code === code)?.label ?? CHECKIN_TYPE_LABEL[code] ?? code

export const checkinKindProblems = {
  duplicate: (word: string) => `签到类型「${word}」重复出现`,
  reserved: (word: string) => `「${word}」不能作签到类型(撤销、N户 等有其他含义)`,
  empty: '签到类型至少写一个',
  name: '签到类型名称为 1–8 个字',
}
