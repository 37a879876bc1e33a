// 资源清单 and 对接: what a unit, a partner organisation or a volunteer offers (R5), matched to tasks and needs.
// A match is recorded once and the resource's contact is told in the group where it was offered; when a task that
// used a resource is completed, the provider (if a member) earns points by the points policy.
import { must } from '../../core/must.ts'
import { jobId } from '../../core/ids.ts'
import { refuser } from '../../core/errors.ts'
import { publish } from '../../kernel/events.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { districtOf, type BoundRoom, type MemberWithUnit, type Unit } from '../../kernel/org/org.types.ts'
import { textFor } from '../../kernel/org/visibility.ts'
import { shortIdRepo } from '../../domain/short-id.repo.ts'
import { itemRepo } from '../../kernel/items/item.repo.ts'
import { isAtOrAbove, maySee } from '../../kernel/org/authority.ts'
import { refInRange } from '../../parser/refs.ts'
import type { Work } from '../../kernel/work.ts'
import { resourceRepo } from './resource.repo.ts'
import { resourceId, resourceTexts } from './resource.texts.ts'
import { recordDistrict } from '../../kernel/org/city-refs.ts'

/** Every refusal resource answers with (tests assert these; its texts module words them). */
export type ResourceRefusalCode =
  | 'RESOURCE_ALREADY_MATCHED'
  | 'RESOURCE_NOT_VISIBLE'
  | 'RESOURCE_TOO_LONG'
  | 'RESOURCE_UNKNOWN'
  | 'RESOURCE_WORK_NOT_VISIBLE'
  | 'RESOURCE_WORK_UNKNOWN'
const refuse = refuser<ResourceRefusalCode>('resource')

const MAX_TEXT = 200
const LIST_LIMIT = 40

export async function registerResource(
  w: Work,
  a: { room: BoundRoom; actor: MemberWithUnit; description: string; providerName: string | null; provider: MemberWithUnit | null },
) {
  const description = a.description.trim()
  if (description.length > MAX_TEXT) throw refuse('RESOURCE_TOO_LONG', resourceTexts.tooLong(MAX_TEXT))
  const districtId = districtOf(a.room.unit)
  const number = await shortIdRepo.next(w.db, districtId, 'R')
  return resourceRepo.create(w.db, {
    districtId,
    number,
    unitId: a.room.unitId,
    roomId: a.room.id,
    description,
    providerName: a.providerName ?? a.provider?.name ?? null,
    providerId: a.provider?.id ?? null,
    contactId: a.actor.id,
    createdAt: w.now,
  })
}

/** The resources of a unit's subtree; descriptions of units below are masked (personal data stays in its group). */
export async function listResources(w: Work, unit: Unit) {
  const units = await orgRepo.subtree(w.db, unit)
  const names = new Map(units.map((u) => [u.id, u.name]))
  const ids = units.map((u) => u.id)
  const [rows, total] = await Promise.all([resourceRepo.inUnits(w.db, ids, LIST_LIMIT), resourceRepo.countInUnits(w.db, ids)])
  const counts = new Map(
    (
      await resourceRepo.matchCounts(
        w.db,
        rows.map((r) => r.id),
      )
    ).map((c) => [c.resourceId, c.n]),
  )
  const lines = rows.map((r) => textFor(unit.id, r.unitId, resourceTexts.line(r, names.get(r.unitId) ?? '', counts.get(r.id) ?? 0)))
  return { total, lines }
}

/** #对接 T3 R5 (or N2 R5): records the match and tells the resource's contact where the resource was offered. */
export async function matchResource(
  w: Work & { messageId: string },
  a: { actor: MemberWithUnit; room: BoundRoom; work: { kind: 'T' | 'N'; number: number; label: string }; resource: { number: number; label: string } },
) {
  const districtId = recordDistrict(w, a.actor.unit)
  const res = refInRange(a.resource.number) ? await resourceRepo.byNumber(w.db, districtId, a.resource.number) : null
  if (!res) throw refuse('RESOURCE_UNKNOWN', resourceTexts.unknown(a.resource.label))
  const resUnit = must(await orgRepo.unitById(w.db, res.unitId), 'UNIT_MISSING')
  // A resource offered by one's own unit, a unit above (a district partner) or a unit below may be used.
  if (!isAtOrAbove(resUnit, a.actor.unit) && !maySee(a.actor, resUnit))
    throw refuse('RESOURCE_NOT_VISIBLE', resourceTexts.notVisible(a.resource.label, resUnit.name))
  const rec = refInRange(a.work.number) ? await itemRepo.byNumber(w.db, a.work.kind === 'T' ? 'task' : 'need', districtId, a.work.number) : null
  if (!rec) throw refuse('RESOURCE_WORK_UNKNOWN', resourceTexts.unknownWork(a.work.label))
  const workUnit = must(await orgRepo.unitById(w.db, rec.unitId), 'UNIT_MISSING')
  if (!maySee(a.actor, workUnit)) throw refuse('RESOURCE_WORK_NOT_VISIBLE', resourceTexts.workNotVisible(a.work.label, workUnit.name))
  const title = rec.title
  const fresh = await resourceRepo.match(w.db, {
    resourceId: res.id,
    taskId: a.work.kind === 'T' ? rec.id : null,
    needId: a.work.kind === 'N' ? rec.id : null,
    actorId: a.actor.id,
    createdAt: w.now,
  })
  if (!fresh) throw refuse('RESOURCE_ALREADY_MATCHED', resourceTexts.already(a.work.label, resourceId(res)))
  // Each text is masked by the unit that owns it, relative to the group it is said in: the task's (or need's) title
  // belongs to its unit, the resource's description to the unit it was registered in.
  const said = (roomUnitId: number) => ({
    title: textFor(roomUnitId, rec.unitId, title),
    res: { ...res, description: textFor(roomUnitId, res.unitId, res.description) },
  })
  // The contact hears it in the group where the resource was offered (said there, the reply is enough).
  const [contact] = await orgRepo.membersByIds(w.db, [res.contactId])
  const room = await orgRepo.roomById(w.db, res.roomId)
  if (contact && room?.wxRoomId && room.id !== a.room.id) {
    const t = said(room.unitId)
    const text = resourceTexts.toContact(a.work.label, t.title, t.res, a.actor.name, workUnit.name)
    w.effects.post(
      { accountId: room.accountId, roomId: room.wxRoomId, text, mentionIds: [contact.wxid] },
      jobId('resource-match', res.id, a.work.label, w.messageId),
    )
  }
  // The outcome, as said in this group (the command words it): the contact is @-ed when the resource was offered here.
  const t = said(a.room.unitId)
  return { kind: 'matched' as const, work: a.work.label, title: t.title, resource: t.res, contactWxid: room?.id === a.room.id ? contact?.wxid : undefined }
}

/**
 * A completed task that used resources: each provider who is a member earns by the points policy (once per task) —
 * but never for a task they held or created themselves (registering oneself as a resource's provider and matching it
 * to one's own task would otherwise pay task and resource points with nobody approving). `#冲正 T12` reverses these
 * too.
 */
export async function creditProviders(w: Work, task: { id: number; number: number; needId: number | null; holderId: number | null; creatorId: number }) {
  for (const r of await resourceRepo.forTask(w.db, task.id, task.needId)) {
    if (!r.providerId || r.providerId === task.holderId || r.providerId === task.creatorId) continue
    const [provider] = await orgRepo.membersByIds(w.db, [r.providerId])
    if (provider)
      await publish(w, 'member.credited', {
        memberId: provider.id,
        unitId: provider.unitId,
        source: 'resource',
        ref: `R${r.number}:T${task.number}`,
        at: w.now,
      })
  }
}
