// The inputs of an evaluation that other capabilities provide: the acknowledgement rate of notices (issue #10) — the
// share of notices delivered to each cadre's unit's groups in the period that a cadre of that unit acknowledged
// (0–1; null when none was delivered: shown as 暂无, adding nothing to a score).
import type { Work } from '../../kernel/work.ts'
import { evaluationRepo } from './evaluation.repo.ts'

export type AckRateSource = (w: Work, cadres: { id: number; unitId: number }[], period: { from: Date; to: Date }) => Promise<Map<number, number | null>>

export const noticeAckRates: AckRateSource = async (w, cadres, period) => {
  const unitIds = [...new Set(cadres.map((c) => c.unitId))]
  const byUnit = new Map<number, { total: number; acked: number }>()
  for (const r of await evaluationRepo.noticeAcks(w.db, unitIds, period.from, period.to)) {
    const u = byUnit.get(r.unitId) ?? { total: 0, acked: 0 }
    u.total += r.count
    if (r.acknowledged) u.acked += r.count
    byUnit.set(r.unitId, u)
  }
  return new Map(
    cadres.map((c) => {
      const u = byUnit.get(c.unitId)
      return [c.id, u?.total ? u.acked / u.total : null]
    }),
  )
}
