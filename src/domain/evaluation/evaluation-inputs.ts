// The inputs of an evaluation that other capabilities provide. Notices (issue #10) are built in parallel: until they
// land, the acknowledgement rate is unknown (null → shown as 暂无, adding nothing to a score). Notices plug theirs in
// by replacing `noticeAckRates` below with a query of their records — the share of notices delivered to each cadre's
// unit's rooms in the period that a cadre of that unit acknowledged (0–1) — nothing else changes.
import type { Work } from '../work.ts'

export type AckRateSource = (w: Work, cadres: { id: number; unitId: number }[], period: { from: Date; to: Date }) => Promise<Map<number, number | null>>

/** Not yet: no notices exist, so every rate is unknown. */
export const noticeAckRates: AckRateSource = async () => new Map()
