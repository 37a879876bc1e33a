// Cadre evaluation (月度评价 · 季度考核 · 年度评定) as the domain sees it.
import type { EvaluationInput } from './evaluation-policy.ts'
import { GRADES } from './grades.texts.ts'

/** What a cadre did in a period, read from the records the bot keeps. `noticeAck` is null until notices exist (暂无). */
export type EvaluationInputs = Record<Exclude<EvaluationInput, 'noticeAck'>, number> & { noticeAck: number | null }

export { GRADES }
export type Grade = (typeof GRADES)[number]

export interface EvaluationRow {
  memberId: number
  name: string
  wxid: string
  role: string
  unitId: number
  unitName: string
  unitPath: string
  inputs: EvaluationInputs
  score: number
  grade: { grade: string; graderName: string; at: Date } | null
}
