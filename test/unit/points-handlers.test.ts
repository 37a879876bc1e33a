// The points capability through the real dispatcher on PGlite: volunteer hours → approval → ledger → balance,
// redemption and check-off, rankings, corrections, check-in settlement, the catalogue import, and the ledger's
// invariants (balance = sum of entries after a random sequence; no entry ever changes).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadOrgFile } from '../../src/config/org-file.ts'
import { importOrg } from '../../src/app/org-import.ts'
import { checkBalance } from '../../src/capabilities/points/points.service.ts'
import { DEMO_ORG } from '../helpers/paths.ts'
import { harness, type Harness } from '../helpers/harness.ts'

const GRID = 'room-华府社区5号网格群'
const GRID6 = 'room-华府社区6号网格群'
const COMMUNITY = 'room-华府社区群'
const ZS = 'room-正商社区群'
const DISTRICT = 'room-二七区网格总群'
let h: Harness
const idOf = async (wxid: string) => (await h.db.prisma.member.findUniqueOrThrow({ where: { wxid } })).id

beforeAll(async () => {
  h = await harness(await loadOrgFile(DEMO_ORG), new Date('2026-11-20T09:00:00+08:00'), 1000)
})
afterAll(() => h?.db.close())

describe('volunteer hours', () => {
  it('logs hours for the sender and the people named, each pending with its own id', async () => {
    const said = await h.say(GRID, 'wxid_yang', '#志愿 2小时 助老服务 @李佳鑫')
    expect(said).toHaveLength(1)
    expect(said[0]).toContain('V1 小杨 2小时 助老服务')
    expect(said[0]).toContain('V2 李佳鑫 2小时 助老服务')
    expect(said[0]).toContain('待负责人审核')
  })

  it('answers bad input with what was wrong and an example', async () => {
    expect(await h.say(GRID, 'wxid_yang', '#志愿')).toEqual([expect.stringContaining('例如:#志愿 2小时 助老服务')])
    expect(await h.say(GRID, 'wxid_yang', '#志愿 很久 助老服务')).toEqual([expect.stringContaining('看不懂时长「很久」')])
    expect(await h.say(GRID, 'wxid_yang', '#志愿 2小时')).toEqual([expect.stringContaining('请写明服务活动')])
    expect(await h.say(GRID, 'wxid_wang', '#审核 V1')).toEqual([expect.stringContaining('请写“通过”或“驳回')])
    expect(await h.say(GRID, 'wxid_wang', '#审核 V1 驳回')).toEqual([expect.stringContaining('驳回请写明理由')])
  })

  it('flags the same activity on the same day, and refuses past 12 hours a day', async () => {
    const again = await h.say(GRID, 'wxid_yang', '#志愿 1.5h 助老服务')
    expect(again.join()).toContain('V3 小杨 1.5小时 助老服务(⚠ 与 V1 同日同活动)')
    const over = await h.say(GRID, 'wxid_yang', '#志愿 9小时 垃圾分类宣传')
    expect(over.join()).toContain('超过 12 小时上限')
    expect(await h.db.prisma.volunteerEntry.count({ where: { memberId: await idOf('wxid_yang') } })).toBe(2)
  })

  it('only a supervisor over the unit approves, never their own hours; the list shows flags', async () => {
    expect(await h.say(GRID, 'wxid_lijiaxin', '#审核 V1 通过')).toEqual([expect.stringContaining('只有负责人可以审核')])
    expect(await h.say(GRID, 'wxid_yang', '#审核 V2 通过')).toEqual([expect.stringContaining('只有负责人可以审核')])
    expect(await h.say(GRID, 'wxid_yang', '#审核 V1 通过')).toEqual([expect.stringContaining('V1 是您本人的时长,不能自己审核')])
    expect(await h.say(ZS, 'wxid_wu', '#审核 V1 通过')).toEqual([expect.stringContaining('属于华府社区5号网格,您无权审核')])
    await h.say(COMMUNITY, 'wxid_wang', '#志愿 半天 七彩暑托班')
    expect(await h.say(COMMUNITY, 'wxid_wang', '#审核 V4 通过')).toEqual([expect.stringContaining('不能自己审核')])
    const list = await h.say(COMMUNITY, 'wxid_wang', '#审核')
    expect(list[0]).toContain('待审核志愿时长 3 条')
    expect(list[0]).toContain('V3 小杨(华府社区5号网格)')
    expect(list[0]).toContain('⚠ 与 V1 同日同活动')
    expect(list[0]).not.toContain('V4')
  })

  it('approval converts by policy, writes the ledger once, and tells the logger where the hours were logged', async () => {
    const said = await h.say(COMMUNITY, 'wxid_wang', '#审核 V1 通过')
    expect(said).toEqual([expect.stringContaining('V1 已通过:小杨 2小时 助老服务,积分 +2')])
    expect(h.outbox.sent.filter((m) => m.roomId === GRID)).toEqual([
      expect.objectContaining({ mentionIds: ['wxid_yang'], text: expect.stringContaining('V1 已通过') }),
    ])
    expect(await h.say(COMMUNITY, 'wxid_wang', '#审核 V1 通过')).toEqual([expect.stringContaining('V1 已通过,无需再审核')])
    const rejected = await h.say(GRID, 'wxid_wang', '#审核 V3 驳回 与V1重复')
    expect(rejected[0]).toContain('V3 已驳回')
    expect(rejected[0]).toContain('理由:与V1重复')
    const all = await h.say(DISTRICT, 'wxid_sun', '#审核 全部通过')
    expect(all[0]).toContain('已全部通过 2 条(V2、V4)') // V2 (李佳鑫) and V4 (王书记 半天 = 4 h)
    const wang = await checkBalance({ db: h.db.prisma }, await idOf('wxid_wang'))
    expect(wang).toEqual({ balance: 400, sum: 400 })
  })

  it('an activity with personal data is masked in the groups above, shown as typed in its own', async () => {
    const logged = await h.say(GRID, 'wxid_yang', '#志愿 1小时 帮3号楼2单元301王奶奶买药(电话13812345678)')
    expect(logged[0]).toContain('13812345678')
    const list = await h.say(COMMUNITY, 'wxid_wang', '#审核')
    expect(list[0]).toContain('138****5678')
    expect(list[0]).not.toContain('13812345678')
    const id = /V(\d+) 小杨[^\n]*买药/.exec(list[0]!)![1]
    const approved = await h.say(COMMUNITY, 'wxid_wang', `#审核 V${id} 驳回 请写清楚`)
    expect(approved[0]).not.toContain('13812345678')
    expect(h.outbox.sent.find((m) => m.roomId === GRID)?.text).toContain('13812345678')
  })

  it('#积分 shows the balance and the last entries', async () => {
    const said = await h.say(GRID, 'wxid_yang', '#积分')
    expect(said[0]).toContain('小杨 积分余额:2 分')
    expect(said[0]).toContain('志愿服务 V1 +2')
  })
})

describe('tasks, corrections and check-ins earn by the same ledger', () => {
  it('a completed task pays its holder once', async () => {
    await h.say(GRID, 'wxid_lijiaxin', '#任务 清理楼道')
    await h.say(GRID, 'wxid_lijiaxin', '#认领 T1')
    const done = await h.say(GRID, 'wxid_lijiaxin', '#完成 T1 已清理')
    expect(done[0]).toContain('(李佳鑫 积分 +2)')
    expect(await h.db.prisma.pointsEntry.count({ where: { source: 'task', ref: 'T1' } })).toBe(1)
  })

  it('a correction is a reversing entry with a reason, by a supervisor above, once', async () => {
    expect(await h.say(GRID, 'wxid_lijiaxin', '#冲正 V2 重复')).toEqual([expect.stringContaining('#冲正')])
    expect(await h.say(GRID, 'wxid_wang', '#冲正 V2')).toEqual([expect.stringContaining('冲正须写明理由')])
    const said = await h.say(COMMUNITY, 'wxid_wang', '#冲正 V2 时长登记有误')
    expect(said[0]).toContain('已冲正 V2:李佳鑫 -2')
    // A second correction says when, by whom and why it was reversed.
    expect(await h.say(COMMUNITY, 'wxid_wang', '#冲正 V2 再来')).toEqual([expect.stringContaining('V2 的积分已于 11月20日 09:')])
    expect((await h.say(COMMUNITY, 'wxid_wang', '#冲正 V2 再来'))[0]).toContain('由 王书记 冲正过(理由:时长登记有误),无需再冲正')
    expect(await h.say(COMMUNITY, 'wxid_wang', '#冲正 V999 再来')).toEqual([expect.stringContaining('没有可冲正的积分记录')])
    const rev = await h.db.prisma.pointsEntry.findFirstOrThrow({ where: { source: 'correction' } })
    expect(rev).toMatchObject({ centi: -200, reason: '时长登记有误' })
  })

  it('check-ins are settled lazily: after the undo window, at most the daily cap', async () => {
    for (let i = 0; i < 3; i++) await h.say(GRID6, 'wxid_chenxiao', '#签到 巡查')
    expect((await h.say(GRID6, 'wxid_chenxiao', '#积分'))[0]).toContain('积分余额:0 分') // still undoable
    h.clock.advance(11 * 60_000)
    expect((await h.say(GRID6, 'wxid_chenxiao', '#积分'))[0]).toContain('积分余额:1 分') // 2 × 0.5, capped
    expect((await h.say(GRID6, 'wxid_chenxiao', '#积分'))[0]).toContain('积分余额:1 分') // settled once
  })
})

describe('redemption', () => {
  it('lists what can be redeemed, refuses when points fall short, and issues a single-use code', async () => {
    const list = await h.say(GRID, 'wxid_yang', '#商品')
    expect(list[0]).toContain('微心愿 2 分,剩 1')
    expect(list[0]).toContain('理发券 5 分,剩 20,提供方 爱心理发店')
    expect(await h.say(GRID, 'wxid_yang', '#兑换 理发券')).toEqual([expect.stringContaining('积分不足:「理发券」需 5 分,您的余额 2 分')])
    expect(await h.db.prisma.catalogueItem.findFirstOrThrow({ where: { name: '理发券' } })).toMatchObject({ stock: 20 }) // rolled back
    const got = await h.say(GRID, 'wxid_yang', '#兑换 微心愿')
    expect(got[0]).toContain('已兑换「微心愿」,扣 2 分,余额 0 分')
    const code = /兑换码:([A-Z0-9]{6})/.exec(got[0]!)![1]!
    expect(await h.say(GRID, 'wxid_wang', '#兑换 微心愿')).toEqual([expect.stringContaining('已兑完')])
    expect(await h.say(GRID, 'wxid_lijiaxin', `#核销 ${code}`)).toEqual([expect.stringContaining('只有负责人或该物品的提供方可以核销')])
    expect(await h.say(DISTRICT, 'wxid_sun', `#核销 ${code.toLowerCase()}`)).toEqual([expect.stringContaining(`已核销 ${code}:小杨 的「微心愿」`)])
    expect(await h.say(DISTRICT, 'wxid_sun', `#核销 ${code}`)).toEqual([expect.stringContaining('已于')])
    expect(await h.say(DISTRICT, 'wxid_sun', '#核销 ZZZZZZ')).toEqual([expect.stringContaining('兑换码 ZZZZZZ 无效')])
    expect(await checkBalance({ db: h.db.prisma }, await idOf('wxid_yang'))).toEqual({ balance: 0, sum: 0 })
  })

  it('the provider named in the catalogue may check off its item', async () => {
    await h.say(COMMUNITY, 'wxid_wang', '#志愿 3小时 家电义修 @陈晓')
    await h.say(DISTRICT, 'wxid_sun', '#审核 全部通过')
    const got = await h.say(GRID, 'wxid_wang', '#兑换 家电维修')
    const code = /兑换码:(\w+)/.exec(got[0]!)![1]!
    expect(await h.say(GRID6, 'wxid_chenxiao', `#核销 ${code}`)).toEqual([expect.stringContaining('已核销')])
  })
})

describe('rankings', () => {
  it('top members, the sender’s own rank, and units raw and per cadre', async () => {
    const said = await h.say(COMMUNITY, 'wxid_yang', '#排行')
    expect(said[0]).toContain('华府社区 2026年11月 积分排行')
    expect(said[0]).toContain('1. 王书记 7 分\n2. 陈晓 4 分\n3. 李佳鑫 2 分\n3. 小杨 2 分') // ties share a rank
    expect(said[0]).toContain('您:第 3 名(共 4 人),2 分')
    expect(said[0]).toContain('单位(按人均)')
    expect(said[0]).toContain('华府社区6号网格 人均')
    const district = await h.say(GRID, 'wxid_yang', '#排行 本年 全区')
    expect(district[0]).toContain('二七区 2026年 积分排行')
    expect(await h.say(GRID, 'wxid_yang', '#排行 上周')).toEqual([expect.stringContaining('看不懂「上周」')])
  })

  it('the org policy can turn the member list off: units and one’s own rank stay', async () => {
    const spec = await loadOrgFile(DEMO_ORG)
    spec.policies = { points: { memberRankings: false } }
    await importOrg(h.db.prisma, spec)
    const said = await h.say(COMMUNITY, 'wxid_yang', '#排行')
    expect(said[0]).toContain('(本单位不公布成员排名)')
    expect(said[0]).not.toContain('王书记')
    expect(said[0]).toContain('您:第 3 名')
    expect(said[0]).toContain('单位(按人均)')
  })
})

describe('the ledger', () => {
  it('refuses UPDATE and DELETE at the database (append-only)', async () => {
    await expect(h.db.prisma.$executeRawUnsafe('UPDATE "PointsEntry" SET "centi" = 0')).rejects.toThrow(/append-only/)
    await expect(h.db.prisma.$executeRawUnsafe('DELETE FROM "PointsEntry"')).rejects.toThrow(/append-only/)
  })

  it('balance = sum of entries for every member, and no entry changed, after a random sequence of operations', async () => {
    const snapshot = async () => new Map((await h.db.prisma.pointsEntry.findMany()).map((e) => [e.id, JSON.stringify(e)]))
    const before = await snapshot()
    const people = ['wxid_yang', 'wxid_lijiaxin', 'wxid_chenxiao', 'wxid_zhoumin']
    const rooms: Record<string, string> = { wxid_yang: GRID, wxid_lijiaxin: GRID, wxid_chenxiao: GRID6, wxid_zhoumin: 'room-正商社区1号网格群' }
    let seed = 42
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    for (let i = 0; i < 40; i++) {
      const who = people[rand(people.length)]!
      const op = rand(5)
      h.clock.advance(60_000)
      if (op === 0) await h.say(rooms[who]!, who, `#志愿 ${1 + rand(3)}小时 活动${rand(3)}`)
      else if (op === 1) await h.say(DISTRICT, 'wxid_sun', '#审核 全部通过')
      else if (op === 2) await h.say(rooms[who]!, who, `#兑换 ${['理发券', '家电维修', '微心愿'][rand(3)]}`)
      else if (op === 3) await h.say(rooms[who]!, who, '#签到 巡查')
      else await h.say(DISTRICT, 'wxid_sun', `#冲正 V${1 + rand(12)} 抽查`)
    }
    h.clock.advance(11 * 60_000)
    await h.say(GRID, 'wxid_yang', '#积分')
    for (const wxid of [...people, 'wxid_wang']) {
      const b = await checkBalance({ db: h.db.prisma }, await idOf(wxid))
      expect(b.balance, wxid).toBe(b.sum)
      expect(b.balance, wxid).toBeGreaterThanOrEqual(-10_000)
    }
    const after = await snapshot()
    for (const [id, row] of before) expect(after.get(id)).toBe(row)
    // The monthly rollups agree with the ledger (spending excluded).
    const rolled = await h.db.prisma.pointsMonthly.aggregate({ _sum: { centi: true } })
    const earned = await h.db.prisma.pointsEntry.findMany({ where: { NOT: { source: 'redeem' } } })
    const reversedRedeems = await h.db.prisma.pointsEntry.count({
      where: { source: 'correction', reversesId: { in: (await h.db.prisma.pointsEntry.findMany({ where: { source: 'redeem' } })).map((e) => e.id) } },
    })
    expect(reversedRedeems).toBe(0)
    expect(rolled._sum.centi).toBe(earned.reduce((s, e) => s + e.centi, 0))
  })
})

describe('the catalogue in the org file', () => {
  it('a second import changes nothing; raising the stock adds the difference; a removed item is withdrawn', async () => {
    const spec = await loadOrgFile(DEMO_ORG)
    const again = await importOrg(h.db.prisma, spec)
    expect(again.lines.filter((l) => l.includes('兑换品'))).toEqual([])
    const before = await h.db.prisma.catalogueItem.findFirstOrThrow({ where: { name: '理发券' } })
    spec.catalogue = spec.catalogue.filter((c) => c.item !== '微心愿').map((c) => (c.item === '理发券' ? { ...c, stock: c.stock + 10 } : c))
    const r = await importOrg(h.db.prisma, spec)
    expect(r.lines).toEqual(expect.arrayContaining(['~ 兑换品 理发券(库存 +10)', '- 兑换品 微心愿 已下架(不在文件中)']))
    expect((await h.db.prisma.catalogueItem.findFirstOrThrow({ where: { name: '理发券' } })).stock).toBe(before.stock + 10)
    expect((await importOrg(h.db.prisma, spec)).lines.filter((l) => l.includes('兑换品'))).toEqual([])
  })
})

describe('gridbot export points', () => {
  it("writes the month's ledger as .xlsx with Chinese headers, read back", async () => {
    const { mkdtempSync } = await import('node:fs')
    const os = await import('node:os')
    const path = await import('node:path')
    const ExcelJS = (await import('exceljs')).default
    const { exportPoints, LEDGER_HEADERS, SUMMARY_HEADERS } = await import('../../src/capabilities/points/points-export.service.ts')
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'points-export-')), 'ledger.xlsx')
    const r = await exportPoints(h.db.prisma, { month: '2026-11', file, now: h.clock.now() })
    const total = await h.db.prisma.pointsEntry.count()
    expect(r.rows).toBe(total)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    const ledger = wb.getWorksheet('积分台账')!
    // Row 1 the title (district, month, when exported), row 2 the header; printed landscape, one page wide (issue #29).
    expect(String(ledger.getRow(1).getCell(1).value)).toMatch(/^二七区 2026年11月 积分台账\(导出于 \d{4}-\d\d-\d\d \d\d:\d\d\)$/)
    expect((ledger.getRow(2).values as unknown[]).slice(1)).toEqual(LEDGER_HEADERS)
    expect(ledger.rowCount).toBe(total + 2)
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:2' })
      expect(ws.headerFooter.oddFooter).toContain('第 &P 页,共 &N 页')
    }
    const sources = new Set<string>()
    ledger.eachRow((row, n) => void (n > 2 && sources.add(String(row.getCell(5).value))))
    expect([...sources]).toEqual(expect.arrayContaining(['志愿服务', '完成任务', '签到', '兑换', '冲正']))
    const summary = wb.getWorksheet('汇总')!
    expect((summary.getRow(2).values as unknown[]).slice(1)).toEqual(SUMMARY_HEADERS)
    await expect(exportPoints(h.db.prisma, { month: '2026-13', file })).rejects.toThrow(/month/)
    // An empty month writes the headers only.
    expect((await exportPoints(h.db.prisma, { month: '2026-10', file })).rows).toBe(0)
  })
})
