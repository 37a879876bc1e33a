// A deterministic district of the reports' size (任城区: 15 towns, 109 communities, 1,034 grids) for tests and
// benchmarks. Same arguments, same file.
import { orgGenerateTexts as t } from './org-generate.texts.ts'
import type { OrgSpec, UnitSpec } from './org-spec.ts'

export interface GenerateOptions {
  district?: string
  towns: number
  communities: number
  grids: number
  /** One account cannot post to 1,034 groups within minutes (STACK-NOTES.md), so rooms are spread. */
  accounts?: number
  /** Put before contact and account ids, so the districts of a generated city never share one (`d03-`). */
  idPrefix?: string
}

/** Spreads `total` over `buckets` as evenly as possible, earlier buckets taking the remainder. */
function spread(total: number, buckets: number): number[] {
  return Array.from({ length: buckets }, (_, i) => Math.floor(total / buckets) + (i < total % buckets ? 1 : 0))
}

export function generateDistrict(opts: GenerateOptions): OrgSpec {
  const district = opts.district ?? t.district
  const roomCount = 1 + opts.towns + opts.communities + opts.grids
  const accountCount = opts.accounts ?? Math.max(1, Math.ceil(roomCount / 150))
  const pre = opts.idPrefix ?? ''
  const accounts = Array.from({ length: accountCount }, (_, i) => ({ id: `bot-${pre}${String(i + 1).padStart(2, '0')}` }))
  const rooms: OrgSpec['rooms'] = []
  const members: OrgSpec['members'] = []
  let roomIndex = 0
  let sup = 0
  let cad = 0
  /** The unit's group (accounts taken in turn) and its one member of `kind`. */
  const staff = (unit: string, kind: string, role: OrgSpec['members'][number]['role'], teams: string[] = []) => {
    const topic = t.room(unit)
    const account = accounts[roomIndex++ % accountCount]?.id
    rooms.push({ topic, unit, account, accounts: [], admin: false })
    const n = kind === t.cadre ? ++cad : ++sup
    members.push({ ...person(kind, n, pre), unit, role, rooms: [topic], teams, duties: [] })
  }
  staff(district, t.supervisor, 'supervisor')
  // The district's admin shares its group: put before the supervisor, as the file always listed them.
  members.unshift({ ...person(t.admin, 1, pre), unit: district, role: 'admin', rooms: [t.room(district)], teams: [], duties: [] })
  const commPerTown = spread(opts.communities, opts.towns)
  const gridsPerComm = spread(opts.grids, opts.communities)
  const units: UnitSpec[] = []
  let c = 0
  for (let i = 1; i <= opts.towns; i++) {
    const communities: UnitSpec[] = []
    units.push({ name: t.town(i), kind: 'town', children: communities })
    staff(t.town(i), t.supervisor, 'supervisor')
    for (let k = 0; k < (commPerTown[i - 1] ?? 0); k++) {
      const grids: UnitSpec[] = []
      communities.push({ name: t.community(++c), kind: 'community', children: grids })
      staff(t.community(c), t.supervisor, 'supervisor')
      for (let j = 1; j <= (gridsPerComm[c - 1] ?? 0); j++) {
        grids.push({ name: t.grid(c, j), kind: 'grid' })
        staff(t.grid(c, j), t.cadre, 'grid_cadre', [t.team])
      }
    }
  }
  return { district, accounts, units, rooms, members, guests: [], catalogue: [] }
}

/** A generated person: `kind` and a number as the name, a contact id from the kind's letter. */
function person(kind: string, n: number, pre: string) {
  const letter = kind === t.cadre ? 'g' : kind === t.supervisor ? 's' : 'a'
  return { name: `${kind}${n}`, wxid: `wxid_${pre}${letter}${String(n).padStart(5, '0')}` }
}
