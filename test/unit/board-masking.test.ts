// The board (web console) shows a hazard's description in full only to the unit where it was reported; the units it
// was routed up to see it masked, like the bot's lists read from an ancestor's room (issue #14, privacy standard).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadOrgFile } from '../../src/config/org-file.ts'
import { orgRepo } from '../../src/kernel/org/org.repo.ts'
import { boardData } from '../../src/web/board/board-data.ts'
import { harness, type Harness } from '../helpers/harness.ts'
import { DEMO_ORG } from '../helpers/paths.ts'

let h: Harness

beforeAll(async () => {
  h = await harness(await loadOrgFile(DEMO_ORG), new Date('2026-11-20T09:00:00+08:00'), 100)
  // Urgent, so it is routed up at once: the community's and the street's boards list it too.
  await h.say('room-华府社区5号网格群', 'wxid_lijiaxin', '#隐患 消防 3号楼2单元301门口堆放杂物,电话13812345678,身份证410102195003041234 紧急')
})
afterAll(() => h?.db.close())

async function boardOf(name: string) {
  const district = await orgRepo.findDistrict(h.db.prisma, '二七区')
  const unit = await orgRepo.unitByName(h.db.prisma, district!.id, name)
  return boardData(h.db.prisma, unit!, h.clock.now(), [])
}

describe('board: a hazard description by the unit that owns it', () => {
  it('the grid where it was reported reads it whole', async () => {
    const board = await boardOf('华府社区5号网格')
    expect(board.hazards).toHaveLength(1)
    expect(board.hazards[0]!.title).toContain('13812345678')
    expect(board.hazards[0]!.title).toContain('410102195003041234')
  })

  it.each(['华府社区', '人和路街道', '二七区'])('%s above it reads it masked, and still sees which case it is', async (name) => {
    const board = await boardOf(name)
    expect(board.hazards).toHaveLength(1)
    const title = board.hazards[0]!.title
    expect(title).toContain('138****5678')
    expect(title).not.toContain('13812345678')
    expect(title).not.toContain('410102195003041234')
    expect(title).toContain('堆放杂物')
  })

  it('a sibling grid does not list it at all', async () => {
    const board = await boardOf('正商社区1号网格')
    expect(board.hazards).toEqual([])
  })
})

describe('board: upcoming activities (#24)', () => {
  it('lists the subtree’s open activities with their sign-ups, the place masked above its unit', async () => {
    await h.say('room-华府社区群', 'wxid_wang', '#活动 明天上午9点 义诊 限20人 联系13812345678')
    await h.say('room-华府社区5号网格群', 'wxid_lijiaxin', '#报名 A1')
    const own = await boardOf('华府社区')
    expect(own.activities).toEqual([{ id: 'A1', unit: '华府社区', name: '义诊', startsAt: '11月21日 09:00', place: '联系13812345678', signed: '1/20' }])
    const above = await boardOf('人和路街道')
    expect(above.activities[0]).toMatchObject({ id: 'A1', signed: '1/20', place: '联系138****5678' })
    expect((await boardOf('正商社区')).activities).toEqual([])
  })

  it('a grid also lists the activities recruiting it from a unit above (a 招募令 to its community or the district)', async () => {
    await h.say('room-华府社区群', 'wxid_wang', '#活动 明天下午3点 清理楼道 @华府社区')
    const grid = await boardOf('华府社区5号网格')
    expect(grid.activities.map((a) => [a.id, a.unit, a.name])).toEqual([['A2', '华府社区', '清理楼道']])
    expect((await boardOf('正商社区1号网格')).activities).toEqual([])
    expect((await boardOf('华府社区')).activities.map((a) => a.id)).toEqual(['A1', 'A2'])
  })
})
