// `gridbot org export`: the roster as the database holds it — units, groups (with their room ids), and people (with
// the contact ids linked in chat) — in the org file's own shape, so the office's sheet stays the source: export,
// edit, import again. Policies (in their stored form), the points catalogue, accounts and teams are written too, so a
// round trip keeps everything (the xlsx keeps them on a second sheet, 设置).
import { must } from '../../core/must.ts'
import { AppError } from '../../core/errors.ts'
import type { DbOrTx } from '../../db/client.ts'
import type { OrgSpec, UnitSpec } from '../../config/org-spec.ts'
import { orgRepo } from './org.repo.ts'
import { orgExportTexts } from './org-export.texts.ts'
import type { OrgSpec as OrgFile } from '../../config/org-spec.ts'

export interface RosterExport {
  spec: OrgSpec
  /** Members without a contact id yet (waiting for #登记). */
  unlinked: number
  /** What the file leaves out that the database holds (told to the operator). */
  notExported: string[]
}

/** A capability's section of the org file (the points catalogue), read back for the export; the app passes it in. */
export type CatalogueExport = (db: DbOrTx, districtId: number, unitName: (id: number) => string | undefined) => Promise<OrgFile['catalogue']>

export async function exportRoster(db: DbOrTx, districtName?: string, catalogue?: CatalogueExport): Promise<RosterExport> {
  const districts = await orgRepo.districts(db)
  const district = districtName ? districts.find((d) => d.name === districtName) : districts.length === 1 ? districts[0] : undefined
  if (!district)
    throw new AppError(
      'ORG_EXPORT_DISTRICT',
      `district ${districtName ?? '(none given)'} not found among ${districts.length}`,
      districtName ? orgExportTexts.districtNotFound(districtName) : orgExportTexts.whichDistrict(districts.length),
    )
  return exportUnitRoster(db, district, catalogue)
}

/** One district's file — or a city's own part (its unit, groups and people: a city numbers as a district, #26). */
export async function exportUnitRoster(db: DbOrTx, district: { id: number; name: string }, catalogue?: CatalogueExport): Promise<RosterExport> {
  const units = (await orgRepo.unitsOfDistrict(db, district.id)).sort((a, b) => a.depth - b.depth || a.id - b.id)
  const nameOf = new Map(units.map((u) => [u.id, u.name]))
  const specOf = new Map<number, UnitSpec>()
  const roots: UnitSpec[] = []
  for (const u of units) {
    // The district's own row, and a city above it (never one of its units): not part of the district's file.
    if (u.id === district.id || u.kind === 'city') continue
    const spec: UnitSpec = { name: u.name, kind: u.kind, children: [] }
    specOf.set(u.id, spec)
    if (u.parentId === district.id || u.parentId === null) roots.push(spec)
    else specOf.get(u.parentId)?.children?.push(spec)
  }
  for (const s of specOf.values()) if (!s.children?.length) delete s.children
  const rooms = (await orgRepo.roomsOfDistrict(db, district.id)).sort((a, b) => a.id - b.id)
  const used = new Set(rooms.flatMap((r) => [r.accountId, ...r.backupAccountIds]))
  const accounts = (await orgRepo.accounts(db)).filter((a) => used.has(a.id))
  const members = (await orgRepo.membersOfDistrict(db, district.id)).filter((m) => m.active).sort((a, b) => a.id - b.id)
  const notExported: string[] = []
  const policyOf = (id: number) => {
    const p = units.find((u) => u.id === id)?.policy
    return p && typeof p === 'object' ? { policies: p as Record<string, unknown> } : {}
  }
  for (const [id, s] of specOf) Object.assign(s, policyOf(id))
  const spec: OrgSpec = {
    district: district.name,
    ...policyOf(district.id),
    accounts: accounts.map((a) => ({ id: a.id, ...(a.name ? { name: a.name } : {}), ...(a.messagesPerSec ? { messagesPerSec: a.messagesPerSec } : {}) })),
    units: roots,
    rooms: rooms.map((r) => ({
      topic: r.topic,
      unit: must(nameOf.get(r.unitId), 'ORG_EXPORT_UNIT'),
      account: r.accountId,
      accounts: r.backupAccountIds,
      ...(r.wxRoomId ? { wxRoomId: r.wxRoomId } : {}),
      admin: r.isAdmin,
    })),
    members: members.map((m) => ({
      name: m.name,
      ...(m.wxid ? { wxid: m.wxid } : {}),
      ...(m.phone ? { phone: m.phone } : {}),
      unit: must(nameOf.get(m.unitId), 'ORG_EXPORT_UNIT'),
      role: m.role,
      rooms: m.roomTopics,
      teams: m.teams,
      duties: m.duties,
    })),
    guests: [],
    catalogue: catalogue ? await catalogue(db, district.id, (id) => nameOf.get(id)) : [],
  }
  return { spec, unlinked: members.filter((m) => !m.wxid).length, notExported }
}
