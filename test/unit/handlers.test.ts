// Command handlers through the real dispatcher with no services: embedded PostgreSQL (PGlite, in process),
// a recording outbox, a manual scheduler, an in-memory rate limit and a virtual clock.
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
import { bindRoomsByTopic } from '../../src/domain/org/org.service.ts'
import { createDispatcher, type Dispatch } from '../../src/pipeline/dispatcher.ts'
import { DEMO_ORG } from '../helpers/paths.ts'
import { ManualScheduler, MemoryRateLimiter, RecordingOutbox } from '../helpers/seams.ts'

const GRID = 'room-华府社区5号网格群'
const COMMUNITY = 'room-华府社区群'
let db: Database
let dispatch: Dispatch
let n = 0
const clock = new VirtualClock(new Date('2026-11-20T09:00:00+08:00'))
const outbox = new RecordingOutbox()
const scheduler = new ManualScheduler()
const counters = new Counters()

beforeAll(async () => {
  db = await openDatabase({}) // in-memory PGlite
  await db.migrate()
  await importOrg(db.prisma, await loadOrgFile(DEMO_ORG))
  await bindRoomsByTopic(db.prisma, '二七区', (topic) => `room-${topic}`, clock.now())
  dispatch = createDispatcher({
    prisma: db.prisma,
    org: new OrgCache(clock),
    commands: commandSet,
    outbox,
    scheduler,
    rateLimiter: new MemoryRateLimiter(),
    clock,
    log: createLogger('silent'),
    counters,
    rateLimitPerMinute: 3,
  })
}, 60_000)
afterAll(() => db?.close())

/** Sends a text as a person in a room and returns what the bot said back there. */
async function say(roomId: string, talkerId: string, text: string): Promise<string[]> {
  outbox.clear()
  const msg: InboundMessage = {
    accountId: 'bot-main', messageId: `m${++n}`, roomId, roomTopic: null, talkerId, talkerName: talkerId,
    kind: 'text', text, mentionsSelf: false, receivedAt: clock.now().toISOString(),
  }
  await dispatch(msg)
  return outbox.to(roomId)
}

describe('handlers without services', () => {
  it('records a check-in and answers once', async () => {
    const said = await say(GRID, 'wxid_lijiaxin', '#签到 走访 5户')
    expect(said).toHaveLength(1)
    expect(said[0]).toContain('签到成功')
    expect(await db.prisma.checkin.count()).toBe(1)
  })

  it('answers a malformed command with the problem and one example', async () => {
    const said = await say(GRID, 'wxid_lijiaxin', '#认领 第三个')
    expect(said).toEqual(['任务编号应为 T 加数字,如 T12(收到的是「第三个」)\n例如:#认领 T12'])
  })

  it('schedules the first escalation of a new task on the manual scheduler, and nothing is posted elsewhere', async () => {
    const said = await say(GRID, 'wxid_lijiaxin', '#任务 修复路灯 紧急')
    expect(said.join()).toContain('已创建任务 T1【紧急】「修复路灯」')
    const timers = [...scheduler.pending.values()]
    expect(timers).toEqual([expect.objectContaining({ kind: 'escalate', step: 0, dueAt: new Date(clock.now().getTime() + 3 * 60_000) })])
    expect(outbox.to(COMMUNITY)).toEqual([])
  })

  it('accepts the full stop phones add after an id, and answers an id out of range as not found', async () => {
    clock.advance(61_000) // a new rate-limit window (3 a minute in this suite)
    expect(await say(GRID, 'wxid_lijiaxin', '#认领 T1。')).toEqual([expect.stringContaining('已认领 T1「修复路灯」')])
    expect(await say(GRID, 'wxid_lijiaxin', '#认领 T999999999999')).toEqual([expect.stringContaining('没有任务 T999999999999')])
  })

  it('rate-limits on the injected clock: the window moves with virtual time', async () => {
    const sender = 'wxid_yang'
    for (let i = 0; i < 3; i++) await say(GRID, sender, '#我的')
    expect(await say(GRID, sender, '#我的')).toEqual([expect.stringContaining('太快')])
    clock.advance(61_000)
    expect(await say(GRID, sender, '#我的')).toEqual([expect.stringContaining('小杨')])
  })
})
