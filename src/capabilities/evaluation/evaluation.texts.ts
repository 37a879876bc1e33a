// Every Chinese text of cadre evaluation (#评价, #评定) and its export.
import { formatLocal } from '../../core/time.ts'
import { formatMinutes } from '../../kernel/texts/duration.texts.ts'
import type { EvaluationPolicy } from './evaluation-policy.ts'
import type { GradeRefusal } from './evaluation-rules.ts'
import type { EvaluationInputs, EvaluationRow } from './evaluation.types.ts'

export const INPUT_LABEL: Record<keyof EvaluationInputs, string> = {
  checkins: '签到',
  tasks: '完成任务',
  projects: '完成项目',
  hazards: '处置隐患',
  hours: '志愿时长',
  noticeAck: '通知确认率',
  six: '六个一',
  activitiesOrganised: '组织活动',
  activitiesAttended: '参加活动',
}

const num = (n: number) => String(Math.round(n * 10) / 10)
export const ackText = (rate: number | null) => (rate === null ? '暂无' : `${Math.round(rate * 100)}%`)

export function inputsText(i: EvaluationInputs): string {
  const hours = i.hours ? formatMinutes(Math.round(i.hours * 60)) : '0'
  // Activities (#24) only when there were any: a district without them reads as before.
  const acts = i.activitiesOrganised || i.activitiesAttended ? ` · 活动 组织 ${i.activitiesOrganised} · 参加 ${i.activitiesAttended}` : ''
  return `签到 ${i.checkins} · 任务 ${i.tasks} · 项目 ${i.projects} · 隐患 ${i.hazards} · 志愿 ${hours} · 通知确认 ${ackText(i.noticeAck)} · 六个一 ${i.six}/6${acts}`
}

/** The commands' names and help lines, as users type and read them. */
export const evaluationCommandTexts = {
  evaluation: {
    name: '评价',
    aliases: ['evaluation', 'eval'],
    summary: '干部评价:本人得分;负责人查看下级每人的签到、任务、项目、隐患、志愿、通知确认、六个一与得分',
    usage: '#评价 [本月|上月|本季|本年|11月] [单位];#评价 汇总 [本季]',
    example: '#评价 本月 华府社区',
  },
  grade: {
    name: '评定',
    aliases: ['grade'],
    summary: '负责人评定下级干部的等次(优秀/良好/合格/不合格),默认本月,可写 11月、本季、本年',
    usage: '#评定 <姓名> <优秀|良好|合格|不合格> [11月|本季|本年]',
    example: '#评定 李佳鑫 优秀 11月',
  },
}

/** The help section's title. */
export const evaluationHelpTitle = '评价'

/** The period #评价 and #评定 mean when none is typed. */
export const DEFAULT_PERIOD_WORD = '本月'

/** The export (`gridbot export evaluation`): its sheet, file name, titles and the errors an admin reads. */
export const evaluationExportTexts = {
  sheet: '评价',
  file: (period: string) => `干部评价-${period}.xlsx`,
  title: (district: string, period: string, sheet: string, stamp: string) => `${district} ${period} ${sheet}(导出于 ${stamp})`,
  noAck: '暂无',
  onePeriod: '请给出一个时段:--month 2026-11、--quarter 2026Q4 或 --year 2026',
  badPeriod: (given: string) => `时段格式应为 2026-11、2026Q4 或 2026(收到的是「${given}」)`,
  whichDistrict: (names: string[]) => `请用 --district 指定区(数据库中有:${names.join('、') || '无'})`,
  noDistrict: (name: string) => `没有名为「${name}」的区`,
}

export const evaluationTexts = {
  head: (unitName: string, periodLabel: string, n: number) => `📋 ${unitName}及下级 ${periodLabel} 干部评价 ${n} 人(按单位排列,不排名):`,
  row: (r: EvaluationRow) => `${r.unitName} ${r.name}:${inputsText(r.inputs)} → ${num(r.score)} 分${r.grade ? `(评定:${r.grade.grade})` : ''}`,
  own: (r: EvaluationRow, periodLabel: string) =>
    `📋 ${r.name} ${periodLabel} 评价:\n${inputsText(r.inputs)}\n得分 ${num(r.score)}${r.grade ? `;评定:${r.grade.grade}(${r.grade.graderName},${formatLocal(r.grade.at)})` : ''}`,
  notEvaluated: (name: string) => `${name} 不是网格员或负责人,没有干部评价`,
  weights: (p: EvaluationPolicy) =>
    `权重:签到×${p.weights.checkins} 任务×${p.weights.tasks} 项目×${p.weights.projects} 隐患×${p.weights.hazards} 志愿每小时×${p.weights.hours} 通知确认率×${p.weights.noticeAck} 六个一每项×${p.weights.six} 组织活动每场×${p.weights.activitiesOrganised} 参加活动每场×${p.weights.activitiesAttended}(通知确认率:本单位群收到的需确认(含紧急)通知中已确认的比例;期间没有通知为“暂无”,不计分)`,
  empty: (unitName: string) => `${unitName}及下级 暂无网格员或负责人`,
  gridRoom: () => '评价表不在网格群公布:请在社区或以上的工作群查看;发送 #评价 可只看本人',
  notYours: (unitName: string) => `您不是${unitName}的上级负责人,不能查看其评价(可发送 #评价 查看本人)`,
  roomAbove: (unitName: string) => `评价表只在您负责的单位群中公布,${unitName}的群不是:请在本单位工作群查看`,
  unknownUnit: (name: string) => `没有名为「${name.slice(0, 20)}」的单位`,
  futurePeriod: (w: string) => `「${w.slice(0, 20)}」还没到,没有评价可看。例如:#评价 本月 或 #评价 上月`,
  noSuchMonth: (w: string) => `没有「${w.slice(0, 20)}」这个月份。例如:#评价 2026年11月 或 #评价 11月`,
  badArgs: (w: string) => `看不懂「${w.slice(0, 20)}」:可写时段(本月、上月、本季、本年、11月)和单位名称`,

  // #评定
  missingName: () => '请写明要评定的人',
  missingGrade: () => '请写明等次:优秀、良好、合格 或 不合格',
  gradeGridRoom: () => '评定结果不在网格群公布:请在社区或以上的工作群评定',
  unknownMember: (name: string) => `没有名为「${name.slice(0, 20)}」的成员`,
  notRegistered: (name: string, units: string[]) =>
    `名单上有${units.length > 1 ? ` ${units.length} 位` : ''}「${name.slice(0, 20)}」(${units.join('、')}),还未登记(未关联微信),登记后才能评定:请其在本单位群发送 #登记 ${name.slice(0, 20)}`,
  ambiguous: (name: string, units: string[]) => `有多位「${name}」(${units.join('、')}):请 @ 本人再评定`,
  graded: (name: string, periodLabel: string, grade: string, previous: string | null) =>
    `📝 已评定 ${name} ${periodLabel}:${grade}${previous && previous !== grade ? `(原为 ${previous})` : ''}`,
  refusal: (code: GradeRefusal, name: string) =>
    ({
      GRADE_SELF: '不能评定自己',
      GRADE_NOT_SUPERVISOR: '只有负责人可以评定',
      GRADE_OUTSIDE: `${name} 不在您负责的单位,不能评定`,
      GRADE_PEER: `${name} 与您同为本单位负责人,请由上级评定`,
      GRADE_NOT_CADRE: `${name} 不是网格员或负责人,无需评定`,
    })[code],
}

export const EXPORT_HEADERS = [
  '单位',
  '姓名',
  '微信ID',
  '角色',
  '签到',
  '完成任务',
  '完成项目',
  '处置隐患',
  '志愿时长(小时)',
  '通知确认率',
  '六个一',
  '组织活动',
  '参加活动',
  '得分',
  '评定',
  '评定人',
  '评定时间',
]
