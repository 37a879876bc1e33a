// The records people name by id (T3, N2, H7, P3, R5), looked up by any capability that refers to another's: which
// unit owns each, the group it was said in, and its title. Capabilities meet here instead of in each other's
// repositories (resources match tasks and needs; points corrects what tasks, hazards and projects paid).
import type { DbOrTx } from '../../db/client.ts'

/** What an id names. */
export type ItemKind = 'task' | 'need' | 'hazard' | 'project' | 'resource'

/** A named record as another capability sees it: the unit that owns its text, the group it was said in. */
export interface ItemRecord {
  id: number
  unitId: number
  roomId: number
  /** The task's or project's title; the need's, hazard's or resource's description. */
  title: string
}

const where = (districtId: number, number: number) => ({ where: { districtId_number: { districtId, number } } })

export const itemRepo = {
  /** The record of `kind` numbered `number` in a district, or null. */
  byNumber: async (db: DbOrTx, kind: ItemKind, districtId: number, number: number): Promise<ItemRecord | null> => {
    const q = where(districtId, number)
    if (kind === 'task') {
      const t = await db.task.findUnique(q)
      return t && { id: t.id, unitId: t.unitId, roomId: t.roomId, title: t.title }
    }
    if (kind === 'need') {
      const n = await db.need.findUnique(q)
      return n && { id: n.id, unitId: n.unitId, roomId: n.roomId, title: n.description }
    }
    if (kind === 'hazard') {
      // A hazard's points were earned where it was reported, by the unit that reported it.
      const h = await db.hazard.findUnique(q)
      return h && { id: h.id, unitId: h.reportUnitId, roomId: h.reportRoomId, title: h.description }
    }
    if (kind === 'project') {
      const p = await db.project.findUnique(q)
      return p && { id: p.id, unitId: p.unitId, roomId: p.roomId, title: p.title }
    }
    const r = await db.resource.findUnique(q)
    return r && { id: r.id, unitId: r.unitId, roomId: r.roomId, title: r.description }
  },
}
