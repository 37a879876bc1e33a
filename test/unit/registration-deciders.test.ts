// Whom a registration asks when nobody above the entry is linked yet — early in onboarding, or a district's own
// supervisor: the admins, who may decide any request. Before, such a request was posted with nobody to answer it.
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadOrgFile } from '../../src/config/org-file.ts'
import { harness, type Harness } from '../helpers/harness.ts'

const ORG = `
district: 二七区
accounts: [{ id: bot-main }]
units:
  - name: 人和路街道
    kind: town
rooms:
  - { topic: 二七区网格总群, unit: 二七区, account: bot-main }
  - { topic: 管理员群, unit: 二七区, account: bot-main, admin: true }
  - { topic: 人和路街道工作群, unit: 人和路街道, account: bot-main }
members:
  - { name: 赵管理, wxid: wxid_admin, unit: 二七区, role: admin, rooms: [管理员群] }
  - { name: 周区长, unit: 二七区, role: supervisor, rooms: [二七区网格总群] }
  - { name: 刘书记, unit: 人和路街道, role: supervisor, rooms: [人和路街道工作群] }
`
let h: Harness

beforeAll(async () => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'gridbot-reg-')), 'org.yaml')
  writeFileSync(file, ORG)
  h = await harness(await loadOrgFile(file), new Date('2026-11-20T09:00:00+08:00'), 100)
})
afterAll(() => h?.db.close())

const asks = () => h.outbox.sent.filter((m) => m.text.includes('申请登记为'))

describe('a registration with nobody linked above it', () => {
  it("a district supervisor's request asks the admins, in their own group, @-ing them", async () => {
    const reply = (await h.say('room-二七区网格总群', 'wxid_zhou', '#登记 周区长')).join('\n')
    expect(reply).toContain('已通知 赵管理')
    expect(
      asks()
        .map((m) => m.roomId)
        .sort(),
    ).toEqual(['room-二七区网格总群', 'room-管理员群'])
    for (const m of asks()) expect(m.mentionIds).toEqual(['wxid_admin'])
  })

  it('a town supervisor with no district supervisor linked: the admins above are asked, and an admin confirms', async () => {
    const reply = (await h.say('room-人和路街道工作群', 'wxid_liu', '#登记 刘书记')).join('\n')
    expect(reply).toContain('已通知 赵管理')
    // The admin sits in the district unit, so the district's groups are asked (the admins' group among them).
    expect(asks().map((m) => m.roomId)).toEqual(expect.arrayContaining(['room-人和路街道工作群', 'room-管理员群']))
    expect((await h.say('room-管理员群', 'wxid_admin', '#确认 刘书记')).join('\n')).toContain('刘书记')
    const linked = await h.db.prisma.member.findFirst({ where: { name: '刘书记' } })
    expect(linked?.wxid).toBe('wxid_liu')
  })
})
