// `gridbot org generate --districts N` (issue #26): a city file and N district files that import together — no
// contact id or account shared between districts, every file valid, the same files for the same arguments.
import { describe, expect, it } from 'vitest'
import { generateCity } from '../../src/config/city-generate.ts'
import { citySpecSchema, cityAsOrgSpec } from '../../src/config/city-spec.ts'
import { generateDistrict } from '../../src/config/org-generate.ts'
import { validateOrg } from '../../src/config/org-spec.ts'

const size = { towns: 2, communities: 4, grids: 10 }

describe('a generated city', () => {
  const g = generateCity({ ...size, districts: 3, base: 'city' })

  it('names its districts’ files and passes the city file’s schema', () => {
    expect(g.city.districts).toEqual(['city-01.yaml', 'city-02.yaml', 'city-03.yaml'])
    expect(citySpecSchema.safeParse(g.city).success).toBe(true)
    expect(validateOrg(cityAsOrgSpec(g.city)).problems).toEqual([])
    for (const d of g.districts) expect(validateOrg(d.spec).problems).toEqual([])
  })

  it('shares no contact id and no district account between districts', () => {
    const wxids = [...g.city.members, ...g.districts.flatMap((d) => d.spec.members)].map((m) => m.wxid)
    expect(new Set(wxids).size).toBe(wxids.length)
    const accounts = g.districts.flatMap((d) => d.spec.accounts.map((a) => a.id))
    expect(new Set(accounts).size).toBe(accounts.length)
    expect(accounts).toContain(g.city.accounts[0]!.id)
  })

  it('is deterministic, and a district generated alone keeps its ids', () => {
    expect(generateCity({ ...size, districts: 3, base: 'city' })).toEqual(g)
    expect(generateDistrict(size).members[0]!.wxid).toBe('wxid_a00001')
  })
})
