import { describe, expect, it } from 'vitest'
import { generateDistrict } from '../../src/config/org-generate.ts'
import { orgSpecSchema, validateOrg } from '../../src/config/org-spec.ts'
import { loadOrgFile } from '../../src/config/org-file.ts'
import { DEMO_ORG } from '../helpers/paths.ts'

describe('generateDistrict', () => {
  // The report counts 1 + 15 + 109 + 1,034 units but "1,154" groups; one group per unit gives 1,159.
  it('builds the reports’ district: one room per unit and about 1,200 people, deterministically', () => {
    const spec = generateDistrict({ towns: 15, communities: 109, grids: 1034 })
    expect(spec.rooms).toHaveLength(1159)
    expect(spec.members.length).toBeGreaterThanOrEqual(1150)
    expect(spec.members.filter((m) => m.role === 'grid_cadre')).toHaveLength(1034)
    expect(validateOrg(spec).problems).toEqual([])
    expect(validateOrg(spec).units).toHaveLength(1159)
    expect(JSON.stringify(generateDistrict({ towns: 15, communities: 109, grids: 1034 }))).toBe(JSON.stringify(spec))
    // One account cannot post to 1,034 groups in minutes: rooms are spread over several.
    expect(spec.accounts.length).toBeGreaterThan(1)
  })
})

describe('validateOrg', () => {
  it('reports dangling references and impossible nesting in Chinese', () => {
    const spec = orgSpecSchema.parse({
      district: '区',
      accounts: [{ id: 'a' }],
      units: [{ name: '网格1', kind: 'grid', children: [{ name: '镇1', kind: 'town' }] }],
      rooms: [{ topic: '群', unit: '不存在', account: 'b' }],
      members: [{ name: '甲', wxid: 'w1', unit: '网格1', role: 'grid_cadre', rooms: ['没有的群'] }],
    })
    const { problems } = validateOrg(spec)
    expect(problems.join('\n')).toMatch(/不能位于/)
    expect(problems.join('\n')).toMatch(/所属单位「不存在」不存在/)
    expect(problems.join('\n')).toMatch(/账号「b」/)
    expect(problems.join('\n')).toMatch(/所在群「没有的群」不存在/)
  })
  it('accepts the demo district', async () => {
    expect(validateOrg(await loadOrgFile(DEMO_ORG)).problems).toEqual([])
  })
  it('rejects a malformed file with a readable message', async () => {
    await expect(loadOrgFile(new URL('../fixtures/bad-org.yaml', import.meta.url).pathname)).rejects.toMatchObject({ code: 'ORG_FILE_INVALID' })
  })
})
