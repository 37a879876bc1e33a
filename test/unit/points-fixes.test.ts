// The points capability against what a hostile tester tried (through the real dispatcher on PGlite): corrections
// scoped to the district, self-dealing through resources, the service day and its limit, masking in #对接, member
// rankings a unit turned off, which item a partial name means, free items, forgiving input, corrections explained,
// logging for people outside the group, approving what one logged, and the example a usage problem shows.
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadOrgFile } from '../../src/config/org-file.ts'
import type { OrgSpec, UnitSpec } from '../../src/config/org-spec.ts'
import { importOrg } from '../../src/app/org-import.ts'
import { bindRoomsByTopic } from '../../src/kernel/org/org.service.ts'
import { exportPoints } from '../../src/capabilities/points/points-export.service.ts'
import { checkBalance } from '../../src/capabilities/points/points.service.ts'
import { DEMO_ORG } from '../helpers/paths.ts'
import { harness, type Harness } from '../helpers/harness.ts'

const GRID = 'room-华府社区5号网格群'
const GRID6 = 'room-华府社区6号网格群'
const COMMUNITY = 'room-华府社区群'
const ZS_GRID = 'room-正商社区1号网格群'
let h: Harness
const idOf = async (wxid: string) => (await h.db.prisma.member.findUniqueOrThrow({ where: { wxid } })).id
const lastNumber = (said: string[], letter: string) => new RegExp(`${letter}(\\d+)`).exec(said.join('\n'))![1]

/** The demo district again under other names: a second district in the same database, with its own T1, V1 … */
function otherDistrict(spec: OrgSpec): OrgSpec {
  const n = (s: string) => (s === '二七区' ? '中原区' : `中原${s}`)
  const units = (us: UnitSpec[]): UnitSpec[] => us.map((u) => ({ ...u, name: n(u.name), children: u.children && units(u.children) }))
  return {
    ...spec,
    district: '中原区',
    units: units(spec.units),
    rooms: spec.rooms.map((r) => ({ ...r, topic: `中原${r.topic}`, unit: n(r.unit) })),
    members: spec.members.map((m) => ({ ...m, wxid: `zy_${m.wxid}`, unit: n(m.unit), rooms: m.rooms.map((r) => `中原${r}`) })),
    guests: [],
    catalogue: [],
  }
}

beforeAll(async () => {
  const spec = await loadOrgFile(DEMO_ORG)
  spec.catalogue.push(
    { item: '理发套餐', points: 8, stock: 5, unit: '华府社区' },
    { item: '政策咨询', points: 0, stock: 3, unit: '华府社区' },
    { item: '毛巾', points: 1, stock: 5, unit: '华府社区' },
  )
  h = await harness(spec, new Date('2026-11-20T09:00:00+08:00'), 1000)
  const other = otherDistrict(await loadOrgFile(DEMO_ORG))
  await importOrg(h.db.prisma, other)
  await bindRoomsByTopic(h.db.prisma, other.district, (topic) => `room-${topic}`, h.clock.now())
})
afterAll(() => h?.db.close())

describe('#冲正 and ids per district', () => {
  it("two districts' T1 both earn, and each district's supervisor corrects its own", async () => {
    for (const [room, who] of [
      [GRID, 'wxid_lijiaxin'],
      ['room-中原华府社区5号网格群', 'zy_wxid_lijiaxin'],
    ] as const) {
      expect(await h.say(room, who, '#任务 清理楼道')).toEqual([expect.stringContaining('T1')])
      await h.say(room, who, '#认领 T1')
      expect((await h.say(room, who, '#完成 T1 已清理'))[0]).toContain('(李佳鑫 积分 +2)')
    }
    expect(await h.db.prisma.pointsEntry.count({ where: { source: 'task', ref: 'T1' } })).toBe(2)
    expect(await h.say(COMMUNITY, 'wxid_wang', '#冲正 T1 重复登记')).toEqual([expect.stringContaining('已冲正 T1:李佳鑫 -2')])
    expect(await h.say('room-中原华府社区群', 'zy_wxid_wang', '#冲正 T1 重复登记')).toEqual([expect.stringContaining('已冲正 T1:李佳鑫 -2')])
    for (const wxid of ['wxid_lijiaxin', 'zy_wxid_lijiaxin']) expect(await checkBalance({ db: h.db.prisma }, await idOf(wxid))).toEqual({ balance: 0, sum: 0 })
    // The member whose points were reversed hears it, @-ed, where they were earned.
  })

  it('tells the member reversed, @-ed, in the group where the points were earned; the reason is masked outside it; a second correction says when and by whom', async () => {
    await h.say(GRID, 'wxid_lijiaxin', '#任务 修路灯')
    await h.say(GRID, 'wxid_lijiaxin', '#认领 T2')
    await h.say(GRID, 'wxid_lijiaxin', '#完成 T2 修好了')
    h.clock.advance(60_000)
    const said = await h.say(COMMUNITY, 'wxid_wang', '#冲正 T2 重复,见3号楼2单元301电话13812345678')
    expect(said[0]).toContain('已冲正 T2:李佳鑫 -2')
    expect(said[0]).toContain('138****5678') // T2 is the grid's: said in the community, masked
    expect(said[0]).not.toContain('13812345678')
    expect(h.outbox.sent.filter((m) => m.roomId === GRID)).toEqual([
      expect.objectContaining({
        mentionIds: ['wxid_lijiaxin'],
        text: expect.stringContaining('T2 的积分已由 王书记 冲正:李佳鑫 -2。理由:重复,见3号楼2单元301电话13812345678'),
      }),
    ])
    expect((await h.say(GRID, 'wxid_lijiaxin', '#积分'))[0]).toContain('冲正(重复,见3号楼2单元301电话13812345678) -2')
    expect((await h.say(COMMUNITY, 'wxid_lijiaxin', '#积分'))[0]).toContain('冲正(重复,见3号楼2单元***电话138****5678) -2')
    const again = await h.say(COMMUNITY, 'wxid_wang', '#冲正 T2 再次')
    expect(again[0]).toContain('T2 的积分已于 11月20日 09:01 由 王书记 冲正过(理由:重复,见3号楼2单元***电话138****5678),无需再冲正')
    // The 台账's 说明 column: the district office reads it, so a grid's reason is masked there too.
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'points-fixes-')), 'ledger.xlsx')
    await exportPoints(h.db.prisma, { district: '二七区', month: '2026-11', file, now: h.clock.now() })
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    const notes: string[] = []
    wb.getWorksheet('积分台账')!.eachRow((row) => void notes.push(String(row.getCell(8).value ?? '')))
    expect(notes).toContain('重复,见3号楼2单元***电话138****5678')
    expect(notes.join()).not.toContain('13812345678')
  })
})

describe('resources: no self-dealing, and corrected with their task', () => {
  it("a provider earns nothing for a task they hold or created; #冲正 T reverses the providers' points too", async () => {
    /** A resource registered in a room, and a task of 李佳鑫's in the grid that used it, done. */
    const doneWith = async (room: string, who: string, resource: string, task: string) => {
      const r = lastNumber(await h.say(room, who, `#资源 ${resource}`), 'R')
      const t = lastNumber(await h.say(GRID, 'wxid_lijiaxin', `#任务 ${task}`), 'T')
      for (const say of [`#对接 T${t} R${r}`, `#认领 T${t}`, `#完成 T${t} 修好了`]) await h.say(GRID, 'wxid_lijiaxin', say)
      return r
    }
    const r = await doneWith(GRID, 'wxid_lijiaxin', '修电视 @李佳鑫', '帮王奶奶修电视')
    expect(await h.db.prisma.pointsEntry.count({ where: { source: 'resource', ref: `R${r}:T3` } })).toBe(0)
    expect(await h.db.prisma.pointsEntry.count({ where: { source: 'task', ref: 'T3' } })).toBe(1)
    // Someone else's resource on someone else's task pays its provider; the correction of the task takes it back.
    const r2 = await doneWith(COMMUNITY, 'wxid_wang', '家电维修 @陈晓', '修冰箱')
    expect(await h.db.prisma.pointsEntry.count({ where: { source: 'resource', ref: `R${r2}:T4` } })).toBe(1)
    const said = await h.say(COMMUNITY, 'wxid_wang', '#冲正 T4 未实际上门')
    expect(said[0]).toContain('已冲正 T4:李佳鑫 -2,陈晓 -1')
    // 陈晓 earned where the resource was offered (this group): the reply @-s him; 李佳鑫 hears it in the task's group.
    expect(h.outbox.sent.find((m) => m.roomId === COMMUNITY)?.mentionIds).toEqual(['wxid_wang', 'wxid_chenxiao'])
    expect(h.outbox.sent.filter((m) => m.roomId === GRID)).toEqual([
      expect.objectContaining({ mentionIds: ['wxid_lijiaxin'], text: expect.stringContaining('T4 的积分已由 王书记 冲正:李佳鑫 -2') }),
    ])
    expect(await checkBalance({ db: h.db.prisma }, await idOf('wxid_chenxiao'))).toEqual({ balance: 0, sum: 0 })
  })

  it('#冲正 takes hazard ids (H) and project ids (P) too', async () => {
    await h.say(GRID, 'wxid_lijiaxin', '#隐患 5号楼楼道堆放杂物堵塞通道')
    await h.say(COMMUNITY, 'wxid_wang', '#受理 H1')
    await h.say(COMMUNITY, 'wxid_wang', '#办结 H1 已清理')
    expect((await h.say(GRID, 'wxid_lijiaxin', '#核实 H1')).join()).toContain('积分 +1')
    expect(await h.say(COMMUNITY, 'wxid_wang', '#冲正 H1 重复上报')).toEqual([expect.stringContaining('已冲正 H1:李佳鑫 -1')])
    expect(await h.say(COMMUNITY, 'wxid_wang', '#冲正 P1 项目未完成')).toEqual([expect.stringContaining('P1 没有可冲正的积分记录')])
    expect(await h.say(COMMUNITY, 'wxid_wang', '#冲正 C1 签到')).toEqual([expect.stringContaining('H7(隐患)或 P3(项目)')])
  })
})

describe('#对接 masks each text by the unit that owns it', () => {
  it("the resource's personal data is masked in the task's group above; the task's in the resource's group below", async () => {
    const res = await h.say(GRID, 'wxid_lijiaxin', '#资源 上门理发 联系电话13912345678')
    const r = lastNumber(res, 'R')
    const task = await h.say(COMMUNITY, 'wxid_wang', '#任务 为3号楼2单元301王奶奶理发')
    const t = lastNumber(task, 'T')
    const said = await h.say(COMMUNITY, 'wxid_wang', `#对接 T${t} R${r}`)
    expect(said[0]).toContain('3号楼2单元301王奶奶') // the community's own task
    expect(said[0]).toContain('139****5678') // the grid's resource, shown above
    expect(said[0]).not.toContain('13912345678')
    const notice = h.outbox.sent.find((m) => m.roomId === GRID)!
    expect(notice.text).toContain('13912345678') // the grid's own resource
    expect(notice.text).toContain('3号楼2单元***') // the community's task, shown below
  })
})

describe('the service day and the daily limit', () => {
  it('logs for a day stated (昨天, 11月19日), counts the limit per service day, and refuses a future or too old day', async () => {
    const y = await h.say(GRID, 'wxid_yang', '#志愿 昨天 3小时 夜间巡逻')
    expect(y[0]).toMatch(/V\d+ 小杨 11月19日 3小时 夜间巡逻/)
    expect((await h.say(GRID, 'wxid_yang', '#志愿 11月19日 10小时 助老服务'))[0]).toContain(
      '小杨 当天已登记 3小时,再登记 10小时 会超过 12 小时上限(多出 1小时)',
    )
    expect((await h.say(GRID, 'wxid_yang', '#志愿 9小时 助老服务'))[0]).toMatch(/V\d+ 小杨 9小时 助老服务/)
    expect(await h.say(GRID, 'wxid_yang', '#志愿 11月25日 2小时 助老')).toEqual([expect.stringContaining('「11月25日」还没到')])
    expect(await h.say(GRID, 'wxid_yang', '#志愿 9月1日 2小时 助老')).toEqual([
      expect.stringContaining('只能补登 31 天内的服务\n例如:#志愿 昨天 3小时 夜间巡逻'),
    ])
  })

  it("approved hours are dated by the service: October's hours approved in November count for October", async () => {
    const said = await h.say(GRID, 'wxid_lijiaxin', '#志愿 10月31日 2小时 助老服务')
    const v = lastNumber(said, 'V')
    expect(said[0]).toContain('10月31日 2小时')
    const approved = await h.say(COMMUNITY, 'wxid_wang', `#审核 V${v} 通过`)
    expect(approved[0]).toContain(`V${v} 已通过:李佳鑫 10月31日 2小时 助老服务,积分 +2`)
    const id = await idOf('wxid_lijiaxin')
    const entry = await h.db.prisma.pointsEntry.findFirstOrThrow({ where: { source: 'volunteer', ref: `V${v}` } })
    expect(entry.at.toISOString()).toBe('2026-10-31T04:00:00.000Z') // noon of the service day, China time
    expect(await h.db.prisma.pointsMonthly.findFirst({ where: { memberId: id, month: 202610 } })).toMatchObject({ centi: 200 })
    // Its correction (in November) takes it back from October's ranking; the ledger only grows.
    await h.say(COMMUNITY, 'wxid_wang', `#冲正 V${v} 当天未参加`)
    expect(await h.db.prisma.pointsMonthly.findFirst({ where: { memberId: id, month: 202610 } })).toMatchObject({ centi: 0 })
    const rev = await h.db.prisma.pointsEntry.findFirstOrThrow({ where: { reversesId: entry.id } })
    expect(rev.at.toISOString()).toBe(h.clock.now().toISOString())
  })

  it('reads glued input: #志愿2小时 …, 2小时助老, and #志愿服务 still works', async () => {
    expect((await h.say(GRID6, 'wxid_chenxiao', '#志愿2小时 助老'))[0]).toMatch(/V\d+ 陈晓 2小时 助老/)
    expect((await h.say(GRID6, 'wxid_chenxiao', '#志愿 1小时助老'))[0]).toMatch(/V\d+ 陈晓 1小时 助老/)
    expect((await h.say(GRID6, 'wxid_chenxiao', '#志愿服务 1小时 宣传'))[0]).toMatch(/V\d+ 陈晓 1小时 宣传/)
  })
})

describe('who is logged for, and who approves', () => {
  it('refuses people outside the group and its unit; tells those named who are not in the group', async () => {
    expect(await h.say(GRID, 'wxid_yang', '#志愿 2小时 助老 @周敏')).toEqual([expect.stringContaining('周敏 不是华府社区5号网格或本群的成员')])
    expect(await h.db.prisma.volunteerEntry.count({ where: { memberId: await idOf('wxid_zhoumin') } })).toBe(0)
    // 王书记 is in the grid's group (the org file's rooms): accepted.
    expect((await h.say(GRID, 'wxid_yang', '#志愿 1小时 助老 @王书记'))[0]).toMatch(/V\d+ 王书记 1小时 助老/)
    // 小杨 is in the community's subtree but not in its group: accepted, and told in the grid's group.
    const said = await h.say(COMMUNITY, 'wxid_wang', '#志愿 2小时 社区义诊 @小杨')
    const v = /V(\d+) 小杨/.exec(said[0]!)![1]
    expect(h.outbox.sent.filter((m) => m.roomId === GRID)).toEqual([
      expect.objectContaining({
        mentionIds: ['wxid_yang'],
        text: expect.stringContaining(`王书记 为您登记了志愿时长,待负责人审核:\nV${v} 小杨 2小时 社区义诊`),
      }),
    ])
    // Whoever logged it is its owner: 王书记 does not approve 小杨's hours he logged, nor sees them waiting.
    expect(await h.say(COMMUNITY, 'wxid_wang', `#审核 V${v} 通过`)).toEqual([expect.stringContaining(`V${v} 是您登记的时长,不能自己审核`)])
    expect((await h.say(COMMUNITY, 'wxid_wang', '#审核'))[0]).not.toContain(`V${v} `)
  })

  it('a rejection without a reason shows one example, the right one', async () => {
    const said = await h.say(COMMUNITY, 'wxid_wang', '#审核 V3 驳回')
    expect(said).toEqual(['驳回请写明理由\n例如:#审核 V3 驳回 时长有误'])
  })
})

describe('rankings: a unit that turns member rankings off', () => {
  it('its members are never listed by name, in no ranking above; their unit still counts and each sees their own rank', async () => {
    const spec = await loadOrgFile(DEMO_ORG)
    spec.catalogue.push(
      { item: '理发套餐', points: 8, stock: 5, unit: '华府社区' },
      { item: '政策咨询', points: 0, stock: 3, unit: '华府社区' },
      { item: '毛巾', points: 1, stock: 5, unit: '华府社区' },
    )
    const grid5 = spec.units[0]!.children![0]!.children![0]!
    grid5.policies = { points: { memberRankings: false } }
    await importOrg(h.db.prisma, spec)
    h.clock.advance(2 * 60_000) // the org cache
    await h.say(COMMUNITY, 'wxid_wang', '#审核 全部通过')
    for (const [room, who] of [
      [COMMUNITY, 'wxid_chenxiao'],
      ['room-人和路街道工作群', 'wxid_wang'],
    ] as const) {
      const said = (await h.say(room, who, '#排行'))[0]!
      expect(said).toContain('成员前')
      expect(said).toContain('陈晓')
      expect(said).not.toContain('李佳鑫')
      expect(said).not.toContain('小杨')
      expect(said).toMatch(room === COMMUNITY ? /华府社区5号网格 人均 [\d.]+ · 合计 [1-9]/ : /华府社区 人均 [\d.]+ · 合计 [1-9]/)
    }
    expect((await h.say(GRID, 'wxid_lijiaxin', '#排行 社区'))[0]).toMatch(/您:第 \d+ 名/)
  })
})

describe('redemption: which item, free items', () => {
  it('an exact name first; several partial matches are asked back; punctuation dropped; one at a time', async () => {
    expect(await h.say(GRID, 'wxid_yang', '#兑换 理发')).toEqual([expect.stringContaining('「理发」对应多个物品:理发券、理发套餐。请写全名')])
    expect(await h.say(GRID, 'wxid_yang', '#兑换 毛巾 2条')).toEqual([expect.stringContaining('没有可兑换的「毛巾 2条」')])
    expect(await h.say(GRID, 'wxid_yang', '#兑换 毛巾 2件')).toEqual([expect.stringContaining('一次兑换一件')])
    expect(await h.say(GRID, 'wxid_yang', '#兑换毛巾。')).toEqual([expect.stringContaining('已兑换「毛巾」')])
    expect(await h.say(GRID, 'wxid_yang', '#兑换 理发券。')).toEqual([expect.stringContaining('已兑换「理发券」')])
  })

  it('a 0-point item is redeemable by a member who never had points', async () => {
    expect(await h.db.prisma.pointsBalance.findUnique({ where: { memberId: await idOf('wxid_zhoumin') } })).toBeNull()
    // 周敏 is in 正商社区: 政策咨询 is 华府社区's; 小杨 spent his points; 政策咨询 costs none.
    const said = await h.say(GRID, 'wxid_yang', '#兑换 政策咨询')
    expect(said[0]).toContain('已兑换「政策咨询」,扣 0 分')
    expect(await h.say(ZS_GRID, 'wxid_zhoumin', '#兑换 政策咨询')).toEqual([expect.stringContaining('没有可兑换的「政策咨询」')])
  })

  it("another district's live code is 兑换码无效 to a supervisor, not a refusal that tells it exists (issue #29, item 22)", async () => {
    const said = await h.say(GRID, 'wxid_yang', '#兑换 政策咨询')
    const code = /兑换码:([A-Z0-9]{6})/.exec(said[0]!)![1]!
    expect(await h.say('room-中原华府社区群', 'zy_wxid_wang', `#核销 ${code}`)).toEqual([`兑换码 ${code} 无效,请核对`])
    expect(await h.say('room-中原华府社区群', 'zy_wxid_wang', '#核销 ZZZZZZ')).toEqual(['兑换码 ZZZZZZ 无效,请核对'])
    expect(await h.say(COMMUNITY, 'wxid_wang', `#核销 ${code}`)).toEqual([expect.stringContaining(`已核销 ${code}`)])
  })
})
