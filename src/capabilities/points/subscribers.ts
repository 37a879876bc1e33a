// What points does when other capabilities' events happen, each inside the publisher's transaction.
import type { Subscriber } from '../../kernel/events.ts'
import { importCatalogue } from './catalogue.service.ts'
import { earn } from './points.service.ts'
import { creditActivityHours } from './volunteer.service.ts'
import { ledgerTexts } from './points.texts.ts'

/** policies.points.task to the holder of a completed task; the reply says how many. */
export const onTaskCompleted: Subscriber<'task.completed'> = {
  event: 'task.completed',
  phase: 'in-transaction',
  async handle(w, { ref, holder, actorId }) {
    if (!holder) return []
    const points = await earn(w, { memberId: holder.id, unitId: holder.unitId, source: 'task', ref, at: w.now, actorId })
    return points ? [ledgerTexts.earnedNote(holder.name, points.centi, points.paidOwed)] : []
  },
}

/** policies.points.project to the holder of a completed project (not its own creator); the reply says how many. */
export const onProjectCompleted: Subscriber<'project.completed'> = {
  event: 'project.completed',
  phase: 'in-transaction',
  async handle(w, { ref, holder, paysHolder, actorId }) {
    if (!paysHolder) return []
    const points = await earn(w, { memberId: holder.id, unitId: holder.unitId, source: 'project', ref, at: w.now, actorId })
    return points ? [ledgerTexts.earnedNote(holder.name, points.centi, points.paidOwed)] : []
  },
}

export const onMemberCredited: Subscriber<'member.credited'> = {
  event: 'member.credited',
  phase: 'in-transaction',
  async handle(w, c) {
    await earn(w, { memberId: c.memberId, unitId: c.unitId, source: c.source, ref: c.ref, at: c.at })
    return []
  },
}

/** The org file's `catalogue:` section, in the import's transaction; its lines join the import's report. */
export const onOrgImported: Subscriber<'org.imported'> = {
  event: 'org.imported',
  phase: 'in-transaction',
  // A file without a catalogue (an xlsx roster without its settings sheet) leaves the items as they are.
  handle: async (w, e) => (e.spec.catalogue.length ? importCatalogue(w.db, e.districtId, e.spec.catalogue, e.unitIdByName) : []),
}

/** An activity closed: volunteer hours for each member present (the notes join the organiser's reply). */
export const onActivityClosed: Subscriber<'activity.closed'> = {
  event: 'activity.closed',
  phase: 'in-transaction',
  handle: (w, e) => creditActivityHours(w, e),
}
