// The generated city for the city-size benchmarks (issue #26): `gridbot org generate --districts N` (10: ~11,600
// groups, ~11,600 people, 80 accounts), with each district's group names prefixed by its district. The generator
// repeats one district's names in every district (1号街道…网格群 ten times); that is fine in PostgreSQL (a topic is
// unique per unit) and on WeChat (each district has its own accounts), but the mock world keys its groups by name, so
// the benchmarks make them unique city-wide. Ids, accounts, people and the tree are the generator's.
import { generateCity } from '../src/config/city-generate.ts'
import { flattenCity, type CitySource } from '../src/config/city-spec.ts'
import type { OrgSpec } from '../src/config/org-spec.ts'

export const DISTRICT_SIZE = { towns: 15, communities: 109, grids: 1034 }

function prefixed(spec: OrgSpec): OrgSpec {
  const p = (topic: string) => `${spec.district}${topic.startsWith(spec.district) ? topic.slice(spec.district.length) : `·${topic}`}`
  return {
    ...spec,
    policies: { ...spec.policies, quietHours: false },
    rooms: spec.rooms.map((r) => ({ ...r, topic: p(r.topic) })),
    members: spec.members.map((m) => ({ ...m, rooms: m.rooms.map(p) })),
    guests: spec.guests.map((g) => ({ ...g, rooms: g.rooms.map(p) })),
  }
}

/** The city source to import (importCity) and its flattened world (SimWorld). */
export function benchCity(districts = 10): { source: CitySource; world: OrgSpec } {
  const g = generateCity({ ...DISTRICT_SIZE, districts, base: 'bench-city' })
  const source: CitySource = {
    file: 'bench-city.yaml',
    city: { ...g.city, policies: { ...g.city.policies, quietHours: false } },
    districts: g.districts.map((d) => ({ file: d.file, spec: prefixed(d.spec) })),
  }
  return { source, world: flattenCity(source) }
}
