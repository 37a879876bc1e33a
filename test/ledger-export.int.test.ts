// #导出 台账 in a group: real Wechaty on the mock, real BullMQ and PostgreSQL. The .xlsx arrives in the asking group as
// a file message through the outbox; read back with exceljs it has one row per record, scoped to that group's unit
// subtree (a community's export holds only its grids' records), texts masked; bad input gets a short reply.
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testSim, type TestSim } from './helpers/sim.ts'

const G5 = '华府社区5号网格群'
const G6 = '华府社区6号网格群'
const Z1 = '正商社区1号网格群'
const HF = '华府社区群'
const ZS = '正商社区群'
const DISTRICT = '二七区网格总群'
let sim: TestSim

const say = async (who: string, room: string, text: string) => {
  sim.world.say(sim.world.person(who), room, text)
  await sim.settle()
}
const files = (room: string) => sim.world.transcript.filter((l) => l.self && l.room === room && l.file)
const lastText = (room: string) => sim.world.transcript.filter((l) => l.self && l.room === room && !l.file).at(-1)?.text ?? ''

async function workbook(room: string) {
  const f = files(room).at(-1)
  expect(f, `a file in ${room}`).toBeDefined()
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(f!.file!.bytes as never)
  return { wb, line: f! }
}
// Row 1 is the title, row 2 the header (issue #29): records from row 3.
const column = (ws: ExcelJS.Worksheet, col: number) => ws.getColumn(col).values.slice(3).map(String)

beforeAll(async () => {
  sim = await testSim({ start: new Date('2026-11-20T09:00:00+08:00') })
  await say('李佳鑫', G5, '#签到 走访 5户 3号楼王奶奶家,电话13812345678')
  await say('李佳鑫', G5, '#签到 巡查')
  await say('陈晓', G6, '#签到 巡查')
  await say('周敏', Z1, '#签到 巡查')
  await say('李佳鑫', G5, '#任务 修复3号楼路灯')
  await say('周敏', Z1, '#任务 清理楼道')
  await say('小杨', G5, '#志愿 2小时 助老服务')
  sim.clock.advance(3_600_000)
})
afterAll(() => sim?.close())

describe('#导出 台账', () => {
  it("a community's export arrives as a file in its group with only its grids' records, as recorded", async () => {
    await say('王书记', HF, '#导出 台账 本月')
    // Answered at once; the file is built by a job outside the command's transaction, then posted once.
    expect(sim.world.transcript.filter((l) => l.self && l.room === HF).map((l) => l.text)).toContain('正在生成 华府社区 2026年11月 台账,稍后发到本群。')
    expect(files(HF)).toHaveLength(1)
    expect(await sim.stores.db.prisma.ledgerExport.findMany({ select: { status: true, month: true } })).toEqual([{ status: 'done', month: '2026-11' }])
    const { wb, line } = await workbook(HF)
    expect(line.text).toBe('[文件] 台账-华府社区-2026年11月.xlsx')
    expect(line.file!.name).toBe('台账-华府社区-2026年11月.xlsx')
    expect(line.file!.bytes.subarray(0, 2).toString()).toBe('PK') // a zip: .xlsx
    expect(wb.worksheets.map((s) => s.name)).toEqual(['签到', '任务', '隐患', '志愿', '积分', '项目', '活动', '签到汇总'])
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 })
      expect(ws.getRow(2).font?.bold).toBe(true)
    }
    // The same rows as the records of its subtree, and no other unit's.
    const db = sim.stores.db.prisma
    const hf = await db.unit.findFirstOrThrow({ where: { name: '华府社区' } })
    const mine = await db.checkin.findMany({ where: { unit: { path: { startsWith: hf.path } } }, include: { unit: true }, orderBy: { id: 'asc' } })
    const checkins = wb.getWorksheet('签到')!
    expect(checkins.rowCount - 2).toBe(mine.length)
    expect(column(checkins, 2)).toEqual(mine.map((c) => c.unit.name))
    expect(column(checkins, 2)).not.toContain('正商社区1号网格')
    expect(column(checkins, 6).join()).not.toContain('13812345678') // masked: read from the community's group
    const tasks = wb.getWorksheet('任务')!
    const subtree = (await db.unit.findMany({ where: { path: { startsWith: hf.path } } })).map((u) => u.id)
    const myTasks = await db.task.findMany({ where: { unitId: { in: subtree } }, orderBy: { number: 'asc' } })
    expect(column(tasks, 1)).toEqual(myTasks.map((t) => `T${t.number}`))
    expect(column(tasks, 2)).toEqual(['修复3号楼路灯'])
    expect(wb.getWorksheet('志愿')!.rowCount - 2).toBe(await db.volunteerEntry.count())
    expect(lastText(HF)).toContain(`签到 ${mine.length} 行`)
  })

  it("the district's export holds every unit's records", async () => {
    await say('孙区长', DISTRICT, '#导出 台账')
    const { wb } = await workbook(DISTRICT)
    const all = await sim.stores.db.prisma.checkin.count()
    expect(wb.getWorksheet('签到')!.rowCount - 2).toBe(all)
    expect(column(wb.getWorksheet('任务')!, 2).sort()).toEqual(['修复3号楼路灯', '清理楼道'])
  })

  it('a bad period or word gets a short Chinese reply with an example; a cadre or a grid group gets no file', async () => {
    await say('王书记', HF, '#导出 台账 明年')
    expect(lastText(HF)).toContain('#导出 台账 上月')
    const requests = await sim.stores.db.prisma.ledgerExport.count()
    await say('王书记', HF, '#导出 台账 2026-12') // a month not begun: refused, nothing requested
    expect(lastText(HF)).toContain('这个月还没到')
    expect(await sim.stores.db.prisma.ledgerExport.count()).toBe(requests)
    await say('王书记', HF, '#导出 花名册')
    expect(lastText(HF)).toContain('#导出 台账 上月')
    const before = files(ZS).length + files(G5).length
    await say('周敏', ZS, '#导出 台账')
    await say('王书记', G5, '#导出 台账')
    expect(files(ZS).length + files(G5).length).toBe(before)
    expect(lastText(G5)).toContain('负责的单位')
  })
})
