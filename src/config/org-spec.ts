// The org file: the district's tree of units, its WeChat rooms, bot accounts and people.
// Loaded from YAML (tests, the simulator) or from the xlsx sheet district offices already keep.
import { z } from 'zod'
import { personName } from '../parser/normalise.ts'
import { orgSpecTexts as t } from './org-spec.texts.ts'

export const UNIT_KINDS = ['district', 'town', 'community', 'grid'] as const
export const ROLES = ['admin', 'supervisor', 'grid_cadre', 'volunteer'] as const

export type UnitSpec = { name: string; kind: (typeof UNIT_KINDS)[number]; policies?: Record<string, unknown>; children?: UnitSpec[] }

const unitSpec: z.ZodType<UnitSpec> = z.lazy(() =>
  z.object({
    name: z.string().trim().min(1),
    kind: z.enum(UNIT_KINDS),
    policies: z.record(z.string(), z.unknown()).optional(),
    children: z.array(unitSpec).optional(),
  }),
)

export const orgSpecSchema = z.object({
  district: z.string().trim().min(1),
  /** The city the district belongs to, when its file says so: a city file importing it checks it (issue #26). */
  city: z.string().trim().min(1).optional(),
  policies: z.record(z.string(), z.unknown()).optional(),
  accounts: z.array(z.object({ id: z.string().trim().min(1), name: z.string().optional(), messagesPerSec: z.number().positive().optional() })).min(1),
  units: z.array(unitSpec).default([]),
  rooms: z
    .array(
      z.object({
        topic: z.string().trim().min(1),
        unit: z.string().trim().min(1),
        /** The account that serves the group (answers, posts). */
        account: z.string().trim().optional(),
        /** Other accounts in the group that post for it while `account` is down (never answer: one voice per group). */
        accounts: z.array(z.string().trim().min(1)).default([]),
        /** The group's WeChat room id (e.g. 1234567890@chatroom): bound at import, no #绑定 needed. */
        wxRoomId: z.string().trim().min(1).optional(),
        /** The admins' group: account alerts (login QR, logout, lost link, recovery) are posted here. */
        admin: z.boolean().default(false),
      }),
    )
    .default([]),
  members: z
    .array(
      z.object({
        /** Compared with what people type in #登记, so normalised the same way (invisible characters, padding). */
        name: z.string().transform(personName).pipe(z.string().min(1)),
        /** The WeChat contact id. Offices often do not have it: leave it out and the person links it with #登记. */
        wxid: z.string().trim().min(1).optional(),
        /** Optional; its last four digits check a #登记 (e.g. 13800001234). */
        phone: z.coerce
          .string()
          .trim()
          .regex(/^\+?[\d\s-]{4,20}$/, t.phoneDigits)
          .optional(),
        unit: z.string().trim().min(1),
        role: z.enum(ROLES),
        rooms: z.array(z.string()).default([]),
        teams: z.array(z.string()).default([]),
        duties: z.array(z.string()).default([]),
      }),
    )
    .default([]),
  guests: z.array(z.object({ name: z.string().trim().min(1), wxid: z.string().trim().min(1), rooms: z.array(z.string()).default([]) })).default([]),
  /** What members can redeem points for; `unit`: whose members (its subtree) may redeem it. */
  catalogue: z
    .array(
      z
        .object({
          item: z.string().trim().min(1).max(50),
          points: z.number().min(0).max(100_000),
          stock: z.number().int().min(0),
          unit: z.string().trim().min(1),
          provider: z.object({ wxid: z.string().trim().min(1).optional(), name: z.string().trim().min(1).optional() }).optional(),
          /** A currency (泽古): `points` per unit, redeemed in any whole amount for one code; `stock` units are backed. */
          currency: z.boolean().optional(),
        })
        .strict(),
    )
    .default([]),
})

export type OrgSpec = z.infer<typeof orgSpecSchema>

export interface FlatUnit {
  name: string
  kind: UnitSpec['kind']
  parent: string | null
  policies?: Record<string, unknown>
}

const KIND_DEPTH = { district: 0, town: 1, community: 2, grid: 3 } as const

/** Checks the references inside a spec and flattens its tree; returns problems in Chinese, one per line. */
export function validateOrg(spec: OrgSpec): { units: FlatUnit[]; problems: string[] } {
  const problems: string[] = []
  const root: FlatUnit = { name: spec.district, kind: 'district', parent: null, policies: spec.policies }
  const units: FlatUnit[] = [root]
  const walk = (list: UnitSpec[], parent: FlatUnit) => {
    for (const u of list) {
      if (KIND_DEPTH[u.kind] <= KIND_DEPTH[parent.kind]) problems.push(t.misplaced(u.name, u.kind, parent.name, parent.kind))
      const flat: FlatUnit = { name: u.name, kind: u.kind, parent: parent.name, policies: u.policies }
      units.push(flat)
      walk(u.children ?? [], flat)
    }
  }
  walk(spec.units, root)
  const names = new Set<string>()
  for (const u of units) {
    if (names.has(u.name)) problems.push(t.unitTwice(u.name))
    names.add(u.name)
  }
  const accounts = new Set(spec.accounts.map((a) => a.id))
  const topics = new Set<string>()
  const roomIds = new Map<string, string>()
  for (const r of spec.rooms) {
    if (!names.has(r.unit)) problems.push(t.roomUnit(r.topic, r.unit))
    if (r.account && !accounts.has(r.account)) problems.push(t.roomAccount(r.topic, r.account))
    for (const a of r.accounts) if (!accounts.has(a)) problems.push(t.roomBackup(r.topic, a))
    if (r.wxRoomId && roomIds.has(r.wxRoomId)) problems.push(t.roomIdTwice(r.wxRoomId, roomIds.get(r.wxRoomId), r.topic))
    if (r.wxRoomId) roomIds.set(r.wxRoomId, r.topic)
    if (topics.has(r.topic)) problems.push(t.topicTwice(r.topic))
    topics.add(r.topic)
  }
  const wxids = new Set<string>()
  for (const m of spec.members) {
    if (!names.has(m.unit)) problems.push(t.memberUnit(m.name, m.unit))
    if (m.wxid && wxids.has(m.wxid)) problems.push(t.wxidTwice(m.wxid))
    if (m.wxid) wxids.add(m.wxid)
    for (const topic of m.rooms) if (!topics.has(topic)) problems.push(t.memberRoom(m.name, topic))
  }
  const items = new Set<string>()
  for (const c of spec.catalogue) {
    if (!names.has(c.unit)) problems.push(t.itemUnit(c.item, c.unit))
    if (items.has(`${c.unit}|${c.item}`)) problems.push(t.itemTwice(c.unit, c.item))
    items.add(`${c.unit}|${c.item}`)
  }
  for (const g of spec.guests) for (const topic of g.rooms) if (!topics.has(topic)) problems.push(t.guestRoom(g.name, topic))
  return { units, problems }
}
