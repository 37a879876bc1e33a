// A deterministic city for benchmarks and tests (issue #26): N generated districts of the given size, each its own
// file, under a city file with the city's group, two 团市委 supervisors and an admin. Same arguments, same files.
import type { CitySpec } from './city-spec.ts'
import { must } from '../core/must.ts'
import { cityGenerateTexts as t } from './city-generate.texts.ts'
import { generateDistrict, type GenerateOptions } from './org-generate.ts'
import type { OrgSpec } from './org-spec.ts'

export interface GeneratedCity {
  city: CitySpec
  /** Each district's file name (as the city file names it) and content. */
  districts: { file: string; spec: OrgSpec }[]
}

/** `base`: the city file's name without extension; district files are `<base>-01.yaml` … beside it. */
export function generateCity(opts: Omit<GenerateOptions, 'district' | 'idPrefix'> & { districts: number; city?: string; base: string }): GeneratedCity {
  const name = opts.city ?? t.city
  const districts = Array.from({ length: opts.districts }, (_, i) => {
    const n = String(i + 1).padStart(2, '0')
    const spec = generateDistrict({ ...opts, district: t.district(i + 1), idPrefix: `d${n}-` })
    return { file: `${opts.base}-${n}.yaml`, spec: { ...spec, city: name } }
  })
  const room = t.room(name)
  // The city's group is served by the first district's first account: a city of 10 districts runs on 80 accounts.
  const account = must(districts[0]?.spec.accounts[0], 'CITY_NO_ACCOUNT').id
  const member = (person: string, wxid: string, role: 'supervisor' | 'admin') => ({
    name: person,
    wxid,
    unit: name,
    role,
    rooms: [room],
    teams: [],
    duties: [],
  })
  const city: CitySpec = {
    city: name,
    districts: districts.map((d) => d.file),
    accounts: [{ id: account }],
    rooms: [{ topic: room, unit: name, account, accounts: [], admin: true }],
    members: [
      member(t.supervisor(1), 'wxid_city_s1', 'supervisor'),
      member(t.supervisor(2), 'wxid_city_s2', 'supervisor'),
      member(t.admin, 'wxid_city_a1', 'admin'),
    ],
    guests: [],
  }
  return { city, districts }
}
