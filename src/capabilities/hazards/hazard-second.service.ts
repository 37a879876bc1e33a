// #附议 H3 ("+1", issue #28): someone in the group a report belongs to says they see it too. Each person counts once
// (the report's 人次, shown in its escalations and export), and becomes one of its subscribers: told in their group
// as it is taken on, resolved and verified — watching the report. Their own report, one closed, or one of another
// group is refused with the reason.
import { refuser } from '../../core/errors.ts'
import { isAtOrAbove } from '../../kernel/org/authority.ts'
import { districtOf } from '../../kernel/org/org.types.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { refInRange } from '../../parser/refs.ts'
import type { HazardOp, HazardRef } from './hazard.service.ts'
import { hazardRepo } from './hazard.repo.ts'
import { hazardTexts } from './hazard.texts.ts'
import { hazardSecondTexts } from './hazard-second.texts.ts'
import { OPEN_STATUSES } from './hazard.types.ts'

type SecondRefusal = 'HAZARD_UNKNOWN' | 'HAZARD_NOT_VISIBLE' | 'HAZARD_SECOND_OWN' | 'HAZARD_SECOND_CLOSED'
const refuse = refuser<SecondRefusal>('hazard')

export async function secondHazard(op: HazardOp, ref: HazardRef) {
  const h = refInRange(ref.number) ? await hazardRepo.byNumber(op.db, districtOf(op.room.unit), ref.number) : null
  const reportUnit = h && (await orgRepo.unitById(op.db, h.reportUnitId))
  if (!h || !reportUnit) throw refuse('HAZARD_UNKNOWN', hazardTexts.unknown(ref.label))
  // The groups it was reported in or is handled in, and members whose unit is at or above the reporting one.
  const here = op.room.unitId === h.reportUnitId || op.room.unitId === h.unitId || (op.member && isAtOrAbove(op.member.unit, reportUnit))
  if (!here) throw refuse('HAZARD_NOT_VISIBLE', hazardSecondTexts.elsewhere(ref.label))
  if (h.reporterWxid === op.wxid) throw refuse('HAZARD_SECOND_OWN', hazardSecondTexts.own(h))
  if (!OPEN_STATUSES.includes(h.status) || h.status === 'resolved') throw refuse('HAZARD_SECOND_CLOSED', hazardSecondTexts.closed(h))
  const added = await hazardRepo.subscribe(op.db, { hazardId: h.id, wxid: op.wxid, roomId: op.room.id, name: op.name, at: op.now })
  if (!added.count) return { hazard: h, count: h.reportCount, already: true }
  const grown = await hazardRepo.addReport(op.db, h.id)
  await hazardRepo.addEvent(op.db, { hazardId: h.id, at: op.now, kind: 'seconded', actorId: op.member?.id ?? null, actorWxid: op.wxid, roomId: op.room.id })
  return { hazard: h, count: grown.reportCount, already: false }
}
