// #活动 统计 [本月|本年]: per unit and team of the subtree — activities, sign-ups, attendances, hours (the figures
// the district reports quote). Cancelled activities do not count; hours are those of closed activities.
import { fromLocal, toLocal } from '../../core/local-time.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import type { Unit } from '../../kernel/org/org.types.ts'
import type { Work } from '../../kernel/work.ts'
import { activityRepo } from './activity.repo.ts'
import { activityTexts } from './activity.texts.ts'
import { attendanceCounts } from './attendance-counts.ts'

type Tally = { activities: number; signups: number; attended: number; minutes: number; late: number; absent: number }
const empty = (): Tally => ({ activities: 0, signups: 0, attended: 0, minutes: 0, late: 0, absent: 0 })

export function periodBounds(now: Date, period: 'month' | 'year'): { from: Date; to: Date } {
  const l = toLocal(now)
  return period === 'month'
    ? { from: fromLocal(l.year, l.month, 1), to: fromLocal(l.year, l.month + 1, 1) }
    : { from: fromLocal(l.year, 1, 1), to: fromLocal(l.year + 1, 1, 1) }
}

export async function activityStats(w: Work, unit: Unit, period: 'month' | 'year'): Promise<string> {
  const units = await orgRepo.subtree(w.db, unit)
  const names = new Map(units.map((u) => [u.id, u.name]))
  const { from, to } = periodBounds(w.now, period)
  const rows = await activityRepo.inPeriod(
    w.db,
    units.map((u) => u.id),
    from,
    to,
  )
  const label = activityTexts.periodName(period)
  if (!rows.length) return activityTexts.statsEmpty(unit.name, label)
  const signups = await activityRepo.signupsOf(
    w.db,
    rows.map((a) => a.id),
  )
  const total = empty()
  const byUnit = new Map<string, Tally>()
  const byTeam = new Map<string, Tally>()
  for (const a of rows) {
    const c = attendanceCounts(
      signups.filter((s) => s.activityId === a.id),
      a.status === 'closed',
    )
    const t: Tally = {
      activities: 1,
      signups: c.signups,
      attended: c.attended,
      minutes: a.status === 'closed' ? c.attended * (a.minutes ?? 0) : 0,
      late: c.late,
      absent: c.absent,
    }
    for (const [map, key] of [
      [byUnit, names.get(a.unitId) ?? ''],
      [byTeam, a.team ?? activityTexts.noTeam()],
    ] as const) {
      const acc = map.get(key) ?? empty()
      for (const k of Object.keys(t) as (keyof Tally)[]) acc[k] += t[k]
      map.set(key, acc)
    }
    for (const k of Object.keys(t) as (keyof Tally)[]) total[k] += t[k]
  }
  const lines = [...byUnit, ...(byTeam.size > 1 || !byTeam.has(activityTexts.noTeam()) ? byTeam : [])].map(([k, t]) => activityTexts.statsLine(k, t))
  return activityTexts.stats(unit.name, label, total, lines.slice(0, 30))
}
