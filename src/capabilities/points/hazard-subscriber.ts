// A verified hazard report earns its reporter points (policies.points.hazard), once; residents are not in the ledger
// (it is the members'), so their reports earn nothing. The note joins the #核实 reply.
import type { Subscriber } from '../../kernel/events.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { earn } from './points.service.ts'
import { ledgerTexts } from './points.texts.ts'

export const onHazardVerified: Subscriber<'hazard.verified'> = {
  event: 'hazard.verified',
  phase: 'in-transaction',
  async handle(w, { reporterMemberId, ref }) {
    if (!reporterMemberId) return []
    const [reporter] = await orgRepo.membersByIds(w.db, [reporterMemberId])
    if (!reporter) return []
    const r = await earn(w, { memberId: reporter.id, unitId: reporter.unitId, source: 'hazard', ref, at: w.now })
    return r ? [ledgerTexts.earnedNote(reporter.name, r.centi, r.paidOwed)] : []
  },
}
