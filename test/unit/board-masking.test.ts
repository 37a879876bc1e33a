// The board (web console) shows a hazard's description in full only to the unit where it was reported; the units it
// was routed up to see it masked, like the bot's lists read from an ancestor's room (issue #14, privacy standard).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { VirtualClock } from '../../src/core/clock.ts'
import { createLogger } from '../../src/core/logger.ts'
import type { InboundMessage } from '../../src/core/message.ts'
import { Counters } from '../../src/core/metrics.ts'
import { commandSet } from '../../src/commands/registry.ts'
import { loadOrgFile } from '../../src/config/org-file.ts'
import { openDatabase, type Database } from '../../src/db/client.ts'
import { OrgCache } from '../../src/domain/org/org-cache.ts'
import { importOrg } from '../../src/domain/org/org-import.service.ts'
import { orgRepo } from '../../src/domain/org/org.repo.ts'
import { bindRoomsByTopic } from '../../src/domain/org/org.service.ts'
import { createDispatcher, type Dispatch } from '../../src/pipeline/dispatcher.ts'
import { boardData } from '../../src/web/board/board-data.ts'
import { DEMO_ORG } from '../helpers/paths.ts'
import { ManualScheduler, MemoryRateLimiter, RecordingOutbox, tempMedia } from '../helpers/seams.ts'

const GRID = 'room-华府社区5号网格群'
const clock = new VirtualClock(new Date('2026-11-20T09:00:00+08:00'))
let db: Database
let dispatch: Dispatch

beforeAll(async () => {
  db = await openDatabase({})
  await db.migrate()
  await importOrg(db.prisma, await loadOrgFile(DEMO_ORG))
  await bindRoomsByTopic(db.prisma, '二七区', (topic) => `room-${topic}`, clock.now())
  dispatch = createDispatcher({
    prisma: db.prisma,
    org: new OrgCache(clock),
    commands: commandSet,
    outbox: new RecordingOutbox(),
    scheduler: new ManualScheduler(),
    rateLimiter: new MemoryRateLimiter(),
    clock,
    log: createLogger('silent'),
    counters: new Counters(),
    rateLimitPerMinute: 100,
    media: tempMedia(),
  })
  const msg: InboundMessage = {
    accountId: 'bot-main',
    messageId: 'board-mask-1',
    roomId: GRID,
    roomTopic: null,
    talkerId: 'wxid_lijiaxin',
    talkerName: '李佳鑫',
    kind: 'text',
    // Urgent, so it is routed up at once: the community's and the street's boards list it too.
    text: '#隐患 消防 3号楼2单元301门口堆放杂物,电话13812345678,身份证410102195003041234 紧急',
    mentionsSelf: false,
    receivedAt: clock.now().toISOString(),
  }
  await dispatch(msg)
}, 60_000)
afterAll(() => db?.close())

async function boardOf(name: string) {
  const district = await orgRepo.findDistrict(db.prisma, '二七区')
  const unit = await orgRepo.unitByName(db.prisma, district!.id, name)
  return boardData(db.prisma, unit!, clock.now(), [])
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
