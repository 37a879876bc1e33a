// A deterministic district of the reports' size (任城区: 15 towns, 109 communities, 1,034 grids) for tests and
// benchmarks. Same arguments, same file.
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
  const district = opts.district ?? '示范区'
  const roomCount = 1 + opts.towns + opts.communities + opts.grids
  const accountCount = opts.accounts ?? Math.max(1, Math.ceil(roomCount / 150))
  const pre = opts.idPrefix ?? ''
  const accounts = Array.from({ length: accountCount }, (_, i) => ({ id: `bot-${pre}${String(i + 1).padStart(2, '0')}` }))
  const rooms: OrgSpec['rooms'] = []
  const members: OrgSpec['members'] = []
  let roomIndex = 0
  const addRoom = (unit: string) => {
    const topic = `${unit}群`
    rooms.push({ topic, unit, account: accounts[roomIndex++ % accountCount]!.id, accounts: [], admin: false })
    return topic
  }
  const person = (kind: string, n: number) => ({
    name: `${kind}${n}`,
    wxid: `wxid_${pre}${kind === '网格员' ? 'g' : kind === '书记' ? 's' : 'a'}${String(n).padStart(5, '0')}`,
  })
  let sup = 0
  let cad = 0
  const districtRoom = addRoom(district)
  members.push({ ...person('管理员', 1), unit: district, role: 'admin', rooms: [districtRoom], teams: [], duties: [] })
  members.push({ ...person('书记', ++sup), unit: district, role: 'supervisor', rooms: [districtRoom], teams: [], duties: [] })
  const commPerTown = spread(opts.communities, opts.towns)
  const gridsPerComm = spread(opts.grids, opts.communities)
  const units: UnitSpec[] = []
  let c = 0
  let g = 0
  for (let t = 1; t <= opts.towns; t++) {
    const town: UnitSpec = { name: `${t}号街道`, kind: 'town', children: [] }
    const townRoom = addRoom(town.name)
    members.push({ ...person('书记', ++sup), unit: town.name, role: 'supervisor', rooms: [townRoom], teams: [], duties: [] })
    for (let i = 0; i < commPerTown[t - 1]!; i++) {
      const comm: UnitSpec = { name: `${++c}号社区`, kind: 'community', children: [] }
      const commRoom = addRoom(comm.name)
      members.push({ ...person('书记', ++sup), unit: comm.name, role: 'supervisor', rooms: [commRoom], teams: [], duties: [] })
      for (let j = 0; j < gridsPerComm[c - 1]!; j++) {
        const grid: UnitSpec = { name: `${c}号社区${j + 1}号网格`, kind: 'grid' }
        g++
        const gridRoom = addRoom(grid.name)
        members.push({ ...person('网格员', ++cad), unit: grid.name, role: 'grid_cadre', rooms: [gridRoom], teams: ['团员先锋队'], duties: [] })
        comm.children!.push(grid)
      }
      town.children!.push(comm)
    }
    units.push(town)
  }
  return { district, accounts, units, rooms, members, guests: [], catalogue: [] }
}
