// The unit ranking's words (#排行 本月 网格 read in a group above the grids).
import type { UnitKind } from '../../kernel/org/org.types.ts'
import { formatPoints } from './points-rules.ts'

export const LEVEL_LABEL: Record<UnitKind, string> = { city: '市', district: '区', town: '街道', community: '社区', grid: '网格' }

export interface UnitRankLine {
  rank: number
  name: string
  own: boolean
  cadres: number
  centi: number
  checkins: number
  tasks: number
  hazards: number
  needs: number
  sent: number
  acked: number
}

const perCadre = (r: UnitRankLine) => (r.cadres ? formatPoints(Math.round(r.centi / r.cadres)) : '—')
const ackRate = (r: UnitRankLine) => (r.sent ? `${Math.round((100 * r.acked) / r.sent)}%` : '—')

export const unitRankTexts = {
  head: (scope: string, period: string, level: UnitKind, n: number) =>
    `🏆 ${scope} ${period} ${LEVEL_LABEL[level]}排行(${n} 个,按网格员人均积分)\n人均分 · 签到 · 办结任务 · 办结隐患 · 需求解决 · 通知确认率`,
  line: (r: UnitRankLine) =>
    `${r.rank}. ${r.name}${r.own ? '(本单位)' : ''} ${perCadre(r)} · ${r.checkins} · ${r.tasks} · ${r.hazards} · ${r.needs} · ${ackRate(r)}`,
  own: (r: UnitRankLine, total: number) => `本单位 ${r.name}:第 ${r.rank} 名(共 ${total} 个)`,
  none: (scope: string, level: UnitKind) => `${scope}下没有${LEVEL_LABEL[level]}`,
  command: (words: string[]) => ['#排行', ...words].join(' '),
}
