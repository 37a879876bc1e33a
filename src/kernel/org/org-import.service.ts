// `gridbot org import`: makes the database match the org file. Idempotent — a second import of the same
// file changes nothing — and reports what it changed.
import type { Db, Tx } from '../../db/client.ts'
import { AppError } from '../../core/errors.ts'
import { must } from '../../core/must.ts'
import { validateOrg, type FlatUnit, type OrgSpec } from '../../config/org-spec.ts'
import { orgRepo } from './org.repo.ts'
import { isPatch, policyProblems, toPolicyPatch } from '../policy/policy.ts'
import type { PolicySlice } from '../policy/slice.ts'
import { inTransaction } from '../../db/transaction.ts'
import { Effects } from '../../core/effects.ts'
import type { Outbox, Scheduler } from '../../core/ports.ts'
import type { Publisher } from '../events.ts'
import { matchRoster } from './roster-match.ts'
import { orgImportTexts } from './org-import.texts.ts'

export interface ImportReport {
  districtId: number
  created: { units: number; rooms: number; members: number; accounts: number }
  updated: { units: number; rooms: number; members: number }
  deactivated: number
  /** Members whose contact id (linked in chat) the file replaced with another. */
  relinked: number
  unchanged: number
  lines: string[]
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/** Policies are stored validated and converted (see PolicyPatch), so nothing re-validates them at run time. importOrg
 *  converts every block first (with the capabilities' slices); later calls see the stored form and keep it. */
function stored(raw: object | undefined, slices: readonly PolicySlice[] = []): object | undefined {
  if (!raw) return undefined
  if (isPatch(raw)) return raw // exported as stored (`gridbot org export`): kept exactly
  const r = toPolicyPatch(raw, slices)
  return r.ok ? r.patch : undefined
}

/** The import speaks to no room and sets no timer; a subscriber that tried would be a fault, said loudly. */
const nowhere: Outbox & Scheduler = {
  send: () => Promise.reject(new Error('the org import posts nothing')),
  schedule: () => Promise.reject(new Error('the org import sets no timer')),
  ensure: () => Promise.reject(new Error('the org import sets no timer')),
}

/** Throws ORG_INVALID listing the file's problems; returns the file with its policies in their stored form and its
 *  units flattened (parents first). `slices`: the capabilities' slices of `policies:` (each validated with its schema
 *  and stored under its key). */
export function checkOrgSpec(spec: OrgSpec, slices: readonly PolicySlice[]): { spec: OrgSpec; units: FlatUnit[] } {
  const { units, problems } = validateOrg(spec)
  for (const u of units) if (u.policies) problems.push(...policyProblems(u.policies, slices).map((p) => orgImportTexts.policyProblem(u.name, p)))
  if (problems.length) throw new AppError('ORG_INVALID', problems.join('; '), orgImportTexts.invalid(problems))
  for (const u of units) u.policies = stored(u.policies, slices) as Record<string, unknown> | undefined
  return { spec: { ...spec, policies: stored(spec.policies, slices) as Record<string, unknown> | undefined }, units }
}

export const emptyReport = (): ImportReport => ({
  districtId: 0,
  created: { units: 0, rooms: 0, members: 0, accounts: 0 },
  updated: { units: 0, rooms: 0, members: 0 },
  deactivated: 0,
  relinked: 0,
  unchanged: 0,
  lines: [],
})

/** The import speaks to no room and sets no timer: what every import's effects are flushed to. */
export const flushImport = (effects: Effects) => effects.flush(nowhere, nowhere)

/** `events`: the deployment's subscribers (each capability imports its section of the file, e.g. the catalogue);
 *  `slices`: the capabilities' slices of `policies:`. */
export async function importOrg(db: Db, spec: OrgSpec, now: Date, events: Publisher, slices: readonly PolicySlice[]): Promise<ImportReport> {
  const checked = checkOrgSpec(spec, slices)
  const effects = new Effects()
  const report = await inTransaction(db, (tx) => importDistrictIn(tx, { ...checked, now, events, effects }), { timeoutMs: 600_000 })
  await flushImport(effects)
  return report
}

export interface DistrictImport {
  spec: OrgSpec
  units: FlatUnit[]
  now: Date
  events: Publisher
  effects: Effects
  /** The city the district stands under (a city file's import); left out, a district keeps the parent it has. */
  city?: UnitRow
}

/** One district's import inside a transaction the caller opened (one district's file, or each of a city's). */
export async function importDistrictIn(tx: Tx, d: DistrictImport): Promise<ImportReport> {
  const report = emptyReport()
  await importAccounts(tx, d.spec, report)
  const { districtId, byName } = await importUnits(tx, d, report)
  await importRooms(tx, d.spec, districtId, byName, report)
  await importMembers(tx, d.spec, districtId, byName, d.now, report)
  const work = { db: tx, effects: d.effects, now: d.now, events: d.events }
  report.lines.push(
    ...(await d.events.publish(work, 'org.imported', { districtId, spec: d.spec, unitIdByName: (name) => must(byName.get(name), 'ORG_UNIT_MISSING').id })),
  )
  return report
}

/** A unit as the import places others under it. */
export type UnitRow = { id: number; path: string; depth: number }
export type UnitsByName = Map<string, UnitRow>

export async function importAccounts(tx: Tx, spec: OrgSpec, report: ImportReport) {
  const knownAccounts = new Set((await orgRepo.accounts(tx)).map((a) => a.id))
  for (const a of spec.accounts) {
    if (!knownAccounts.has(a.id)) {
      report.created.accounts++
      report.lines.push(orgImportTexts.accountAdded(a.id))
    }
    // Left out of the file (an xlsx sheet has no account columns): kept as it is, not cleared.
    await orgRepo.upsertAccount(tx, a.id, { name: a.name, messagesPerSec: a.messagesPerSec })
  }
}

/** The district's own row, created under its city (the one importing it, else the one it stands under) when new. */
async function districtRow(tx: Tx, d: DistrictImport, report: ImportReport) {
  const { spec } = d
  const found = await orgRepo.findDistrict(tx, spec.district)
  const top = d.city ?? (found?.parentId ? await orgRepo.unitById(tx, found.parentId) : null)
  if (found) return { district: found, isNew: false, top }
  const root = top ? top.path : '/'
  const row = await orgRepo.createUnit(tx, {
    name: spec.district,
    kind: 'district',
    parentId: top?.id ?? null,
    districtId: null,
    policy: stored(spec.policies),
  })
  report.created.units++
  report.lines.push(orgImportTexts.districtAdded(spec.district))
  const district = await orgRepo.updateUnit(tx, row.id, { districtId: row.id, path: `${root}${row.id}/`, depth: top ? top.depth + 1 : 0 })
  return { district, isNew: true, top }
}

async function importUnits(tx: Tx, d: DistrictImport, report: ImportReport) {
  const { units } = d
  // Units, parents before children (validateOrg lists them depth-first).
  const { district, isNew: districtIsNew, top } = await districtRow(tx, d, report)
  const root = top ? top.path : '/'
  const rootDepth = top ? top.depth + 1 : 0
  const districtId = district.id
  report.districtId = districtId
  const existing = new Map((await orgRepo.unitsOfDistrict(tx, districtId)).map((u) => [u.name, u]))
  // New units get their ids first (a path holds the unit's own id) and are written together, parents before children.
  const ids = await orgRepo.nextUnitIds(tx, units.filter((u) => !existing.has(u.name)).length)
  const fresh: Parameters<typeof orgRepo.createUnits>[1] = []
  const changed: { id: number; data: Parameters<typeof orgRepo.updateUnit>[2] }[] = []
  const byName: UnitsByName = new Map()
  for (const u of units) {
    const parent = u.parent ? must(byName.get(u.parent), 'ORG_UNIT_MISSING') : null
    const path = (id: number) => `${parent ? parent.path : root}${id}/`
    const depth = parent ? parent.depth + 1 : rootDepth
    const parentId = parent?.id ?? top?.id ?? null
    const row = existing.get(u.name)
    if (!row) {
      const id = must(ids[fresh.length], 'ORG_UNIT_ID_MISSING')
      const policy = stored(u.policies)
      fresh.push({ id, name: u.name, kind: u.kind, parentId, districtId, path: path(id), depth, ...(policy ? { policy } : {}) })
      byName.set(u.name, { id, path: path(id), depth })
      report.created.units++
      report.lines.push(orgImportTexts.unitAdded(u.name, u.kind))
      continue
    }
    if (
      row.kind !== u.kind ||
      row.parentId !== parentId ||
      row.path !== path(row.id) ||
      row.depth !== depth ||
      (u.policies !== undefined && !same(row.policy, stored(u.policies)))
    ) {
      // A unit whose policies the file does not mention (an xlsx roster, say) keeps its own: never cleared.
      changed.push({
        id: row.id,
        data: { kind: u.kind, parentId, path: path(row.id), depth, ...(u.policies !== undefined ? { policy: stored(u.policies) ?? null } : {}) },
      })
      if (!(districtIsNew && row.id === districtId)) {
        report.updated.units++
        report.lines.push(orgImportTexts.unitUpdated(row.id === districtId, u.name))
      }
    } else if (!(districtIsNew && row.id === districtId)) report.unchanged++
    byName.set(u.name, { id: row.id, path: path(row.id), depth })
  }
  await orgRepo.createUnits(tx, fresh)
  for (const c of changed) await orgRepo.updateUnit(tx, c.id, c.data)
  // Units that left the file stay (their records must not be lost); they are reported.
  for (const name of existing.keys()) if (!byName.has(name)) report.lines.push(orgImportTexts.unitMissing(name))
  return { districtId, byName }
}

export async function importRooms(tx: Tx, spec: OrgSpec, districtId: number, byName: UnitsByName, report: ImportReport) {
  const rooms = new Map((await orgRepo.roomsOfDistrict(tx, districtId)).map((r) => [r.topic, r]))
  const fresh: Parameters<typeof orgRepo.createRooms>[1] = []
  const at = new Date()
  for (const r of spec.rooms) {
    const unitId = must(byName.get(r.unit), 'ORG_UNIT_MISSING').id
    const accountId = r.account ?? must(spec.accounts[0], 'ORG_NO_ACCOUNT').id
    const row = rooms.get(r.topic)
    const extra = { backupAccountIds: r.accounts.filter((a) => a !== accountId), isAdmin: r.admin }
    if (!row) {
      // A room id from the file binds the group at once (released from any other row that had it).
      fresh.push({ topic: r.topic, unitId, accountId, ...extra, ...(r.wxRoomId ? { wxRoomId: r.wxRoomId, boundAt: at } : {}) })
      report.created.rooms++
      report.lines.push(orgImportTexts.roomAdded(r.topic))
    } else if (
      row.unitId !== unitId ||
      row.accountId !== accountId ||
      (r.wxRoomId && row.wxRoomId !== r.wxRoomId) ||
      !same(row.backupAccountIds, extra.backupAccountIds) ||
      row.isAdmin !== extra.isAdmin
    ) {
      await orgRepo.updateRoom(tx, row.id, { unitId, accountId, ...extra })
      if (r.wxRoomId && row.wxRoomId !== r.wxRoomId) await orgRepo.bindRoom(tx, row.id, r.wxRoomId, at)
      report.updated.rooms++
      report.lines.push(orgImportTexts.roomUpdated(r.topic))
    } else report.unchanged++
  }
  // After the updates: a room id an updated row gave up is then free for a new row, as when each row was written in turn.
  await orgRepo.createRooms(tx, fresh)
}

export async function importMembers(tx: Tx, spec: OrgSpec, districtId: number, byName: UnitsByName, now: Date, report: ImportReport) {
  const rows = await orgRepo.membersOfDistrict(tx, districtId)
  const rowById = new Map(rows.map((r) => [r.id, r]))
  const entries = spec.members.map((m) => ({
    name: m.name,
    unitId: must(byName.get(m.unit), 'ORG_UNIT_MISSING').id,
    wxid: m.wxid,
    phone: m.phone,
    role: m.role,
  }))
  const { matches, leftOver } = matchRoster(entries, rows)
  // New roster entries are written together after the updates (an id an updated row gave up is then free).
  const fresh: Parameters<typeof orgRepo.createMembers>[1] = []
  for (const [i, m] of spec.members.entries()) {
    const match = must(matches[i], 'ORG_MATCH_MISSING')
    const data = {
      name: m.name,
      unitId: must(entries[i], 'ORG_MATCH_MISSING').unitId,
      role: m.role,
      phone: m.phone ?? null,
      teams: m.teams,
      duties: m.duties,
      roomTopics: m.rooms,
      active: true,
      wxid: match.wxid,
    }
    const row = match.rowId === null ? undefined : rowById.get(match.rowId)
    if (row && Object.entries(data).every(([k, v]) => same(row[k as keyof typeof row], v))) {
      report.unchanged++
      continue
    }
    // The contact id's origin: a new id from the file is the file's; an id kept from chat stays the chat's.
    const link = match.wxid && match.wxid !== row?.wxid ? { linkedVia: 'file', linkedAt: now } : {}
    if (row) await orgRepo.updateMember(tx, row.id, { ...data, ...link })
    else fresh.push({ ...data, ...link })
    if (match.replacedWxid) {
      report.relinked++
      report.lines.push(orgImportTexts.wxidReplaced(m.name, match.replacedWxid, match.wxid))
    }
    if (row) {
      report.updated.members++
      report.lines.push(orgImportTexts.memberUpdated(m.name))
    } else {
      report.created.members++
      report.lines.push(orgImportTexts.memberAdded(m.name, m.role, !!match.wxid))
    }
  }
  await orgRepo.createMembers(tx, fresh)
  const gone = leftOver.filter((row) => row.active)
  for (const row of gone) {
    report.deactivated++
    report.lines.push(orgImportTexts.memberDeactivated(row.name))
  }
  if (gone.length)
    await orgRepo.deactivateMembers(
      tx,
      gone.map((row) => row.id),
    )
}

export function summariseImport(r: ImportReport): string {
  const c = r.created
  const u = r.updated
  return orgImportTexts.summary(c, u, r.deactivated, r.unchanged)
}
