// #确认绑定 / #拒绝绑定 through the real dispatcher with no services (PGlite in process, the recording outbox): a
// district of 205 grids whose groups are all proposed; 全部 binds at most 200 per message and says what is left;
// decided and unknown ids, a refusal for good, the pending list, and #帮助.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDistrict } from '../../src/config/org-generate.ts'
import { reviewGroups } from '../../src/capabilities/binding/binding.service.ts'
import { harness, type Harness } from '../helpers/harness.ts'

const spec = generateDistrict({ towns: 1, communities: 1, grids: 205 })
spec.rooms[0] = { ...spec.rooms[0]!, admin: true }
const ADMIN_ROOM = `room-${spec.rooms[0]!.topic}`
const ADMIN = 'wxid_a00001'
let h: Harness

beforeAll(async () => {
  h = await harness(spec, new Date('2026-11-20T09:00:00+08:00'), 1000)
  // The harness binds every room by topic; here only the admins' group is bound, the rest wait for proposals.
  await h.db.prisma.room.updateMany({ where: { isAdmin: false }, data: { wxRoomId: null, boundAt: null } })
  const seen = spec.rooms.flatMap((r, i) => (i > 0 ? [{ wxRoomId: `g${i}@chatroom`, topic: r.topic }] : []))
  const posts = await reviewGroups(h.db.prisma, { accountId: spec.accounts[0]!.id, seen, full: true }, h.clock.now())
  expect(posts).toHaveLength(1)
  expect(posts[0]!.message.text).toContain(`发现 ${seen.length} 个未绑定的群`)
  expect(posts[0]!.message.text).toContain(`……另有 ${seen.length - 20} 个未列出`)
})
afterAll(() => h?.db.close())

const bound = () => h.db.prisma.room.count({ where: { wxRoomId: { not: null }, isAdmin: false } })

describe('#确认绑定 and #拒绝绑定', () => {
  it('alone: the pending proposals, the first 20 by id', async () => {
    const [said] = await h.say(ADMIN_ROOM, ADMIN, '#确认绑定')
    expect(said).toContain('待确认的绑定建议(207 个)')
    expect(said!.match(/G\d+「/g)).toHaveLength(20)
  })

  it('#拒绝绑定 drops one for good; a second review does not propose it again', async () => {
    const [said] = await h.say(ADMIN_ROOM, ADMIN, '#拒绝绑定 G1')
    expect(said).toContain('已拒绝绑定建议 G1')
    const seen = spec.rooms.flatMap((r, i) => (i > 0 ? [{ wxRoomId: `g${i}@chatroom`, topic: r.topic }] : []))
    expect(await reviewGroups(h.db.prisma, { accountId: spec.accounts[0]!.id, seen, full: true }, h.clock.now())).toEqual([])
    expect((await h.db.prisma.bindProposal.findFirstOrThrow({ where: { number: 1 } })).state).toBe('refused')
  })

  it('a group renamed away goes stale; renamed back, it is proposed again under its old id and announced again', async () => {
    const p = await h.db.prisma.bindProposal.findFirstOrThrow({ where: { number: 5 }, include: { room: true } })
    const review = (topic: string) => reviewGroups(h.db.prisma, { accountId: p.accountId, seen: [{ wxRoomId: p.wxRoomId, topic }], full: false }, h.clock.now())
    const proposal = () => h.db.prisma.bindProposal.findUniqueOrThrow({ where: { id: p.id } })
    expect(await review(`${p.room.topic}(旧)`)).toEqual([])
    expect(await proposal()).toMatchObject({ state: 'stale', reason: '群名已改,不再与组织名单一致' })
    const posts = await review(p.room.topic)
    expect(posts).toHaveLength(1)
    expect(posts[0]!.message.text).toContain(`G5「${p.room.topic}」`)
    expect(await proposal()).toMatchObject({ state: 'pending', reason: null })
  })

  it('全部 binds at most 200 per message and says how many are left; the next one binds the rest', async () => {
    const [first] = await h.say(ADMIN_ROOM, ADMIN, '#确认绑定 全部')
    expect(first).toContain('已绑定 200 个群')
    expect(first).toContain('还有 6 个待确认:请再发送 #确认绑定 全部')
    expect(await bound()).toBe(200)
    // Each bound group is welcomed there.
    expect(h.outbox.sent.filter((m) => m.roomId.startsWith('g') && m.text.includes('本群已绑定到')).length).toBe(200)
    const [second] = await h.say(ADMIN_ROOM, ADMIN, '#确认绑定 全部')
    expect(second).toContain('已绑定 6 个群')
    expect(second).not.toContain('还有')
    expect(await bound()).toBe(206)
    expect((await h.say(ADMIN_ROOM, ADMIN, '#确认绑定 全部'))[0]).toBe('目前没有待确认的绑定建议。')
  })

  it('decided and unknown ids are answered, bad ones get an example, and #帮助 lists both commands', async () => {
    const [said] = await h.say(ADMIN_ROOM, ADMIN, '#确认绑定 G2 G1 G9999')
    expect(said).toContain('G2 未绑定:该建议已确认过')
    expect(said).toContain('G1 未绑定:该建议已被拒绝')
    expect(said).toContain('G9999 未绑定:没有这个建议编号')
    expect((await h.say(ADMIN_ROOM, ADMIN, '#拒绝绑定'))[0]).toContain('例如:#拒绝绑定 G12')
    expect((await h.say(ADMIN_ROOM, ADMIN, '#确认绑定 第二个'))[0]).toContain('例如:#确认绑定 G12 G13')
    const help = (await h.say(ADMIN_ROOM, ADMIN, '#帮助')).join('\n')
    expect(help).toContain('确认绑定')
    expect(help).toContain('拒绝绑定')
  })
})
