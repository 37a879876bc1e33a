// A logout in the middle of an escalation, over real gRPC: the step that falls due while bot-a is logged out is
// decided and recorded (上报), its post waits in bot-a's queue (the community group has no other account), the admins'
// group hears of the logout through bot-b, and after re-login the post goes out and only then is it recorded as
// delivered (已送达). `gridbot accounts` shows each account's state; `gridbot outbox failed|retry` lists and re-sends
// posts that gave up.
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Queue } from 'bullmq'
import type { TestStores } from './helpers/stores.ts'
import { closeLoopbackPair, openLoopbackPair, startGridbot, type LoopbackService } from './helpers/loopback.ts'
import { sleep, until } from './helpers/wait.ts'
import { workerEnv } from './helpers/worker-process.ts'
import { outboundQueueName } from '../src/jobs/queues.ts'
import { redisOptions } from '../src/config/redis-url.ts'
import { Redis } from 'ioredis'

const run = promisify(execFile) as unknown as (file: string, args: string[], opts: { env: NodeJS.ProcessEnv }) => Promise<{ stdout: string }>
const root = path.resolve(import.meta.dirname, '..')
const ORG = path.resolve(import.meta.dirname, 'fixtures/loopback-escalation-org.yaml')
const GRID = 'grid1@chatroom'
const COMMUNITY = 'community@chatroom'
const ADMIN = 'admin@chatroom'

let stores: TestStores
let a: LoopbackService
let b: LoopbackService
let gw: ReturnType<typeof startGridbot> | null = null

const gridbot = async (...args: string[]): Promise<{ stdout: string }> => {
  const r = await run(process.execPath, [path.join(root, 'bin/gridbot.js'), ...args], { env: workerEnv(stores, { LOG_LEVEL: 'silent' }) })
  return { stdout: String(r.stdout) }
}
const state = async (id: string) => (await stores.db.prisma.botAccount.findUnique({ where: { id } }))?.state

beforeEach(async () => {
  ;({ stores, a, b } = await openLoopbackPair())
})

afterEach(async () => {
  await closeLoopbackPair({ stores, a, b }, gw)
  gw = null
})

describe('a logout mid-escalation', () => {
  it('holds the step while logged out, sends it after re-login, and the audit trail says when it was delivered', async () => {
    gw = startGridbot(stores, ORG, [
      { id: 'bot-a', token: a.cfg.token, endpoint: a.endpoint },
      { id: 'bot-b', token: b.cfg.token, endpoint: b.endpoint },
    ])
    await until('both online', async () => (await state('bot-a')) === 'logged_in' && (await state('bot-b')) === 'logged_in', 90_000)
    a.say('wx_cadre', GRID, '#任务 修复路灯')
    await until('the task', async () => a.botSaid(GRID).some((s) => s.text.includes('已创建任务 T1')), 30_000)
    const task = await stores.db.prisma.task.findFirstOrThrow()
    // Level 0 (the grid's own group, 15 s) may go out; before level 1 (the community's group, 30 s) bot-a logs out.
    a.logout()
    const loggedOutAt = Date.now()
    await until('bot-a logged out', async () => (await state('bot-a')) === 'logged_out', 30_000)
    await until('the logout told to the admins', async () => b.botSaid(ADMIN).some((s) => s.text.includes('网格助手A') && s.text.includes('退出登录')), 60_000)
    expect(b.botSaid(ADMIN).find((s) => s.text.includes('退出登录'))!.at - loggedOutAt).toBeLessThanOrEqual(60_000)
    const accounts = (await gridbot('accounts')).stdout
    expect(accounts).toMatch(/bot-a\t网格助手A\t已退出登录/)
    expect(accounts).toMatch(/bot-b\t网格助手B\t在线/)
    // The groups were bound by the org file's room ids (wxRoomId): no #绑定 typed.
    const rooms = (await gridbot('rooms')).stdout
    expect(rooms).toContain('共 3 个群,未绑定 0 个')
    expect(rooms).toMatch(/bot-a\t回环社区1号网格群\t回环社区1号网格\tgrid1@chatroom\t.+\tbot-b/)

    // Level 1 falls due while logged out: decided and recorded, not delivered, nothing said in the community group.
    await until(
      'level 1 decided',
      async () => (await stores.db.prisma.taskEvent.count({ where: { taskId: task.id, kind: 'escalated', level: 1 } })) === 1,
      60_000,
    )
    await sleep(3_000)
    expect(a.botSaid(COMMUNITY)).toEqual([])
    expect(await stores.db.prisma.taskEvent.count({ where: { taskId: task.id, kind: 'delivered', level: 1 } })).toBe(0)
    const unsent = await stores.db.prisma.outboxMessage.findMany({ where: { roomId: COMMUNITY, sentAt: null } })
    expect(unsent.length).toBeGreaterThanOrEqual(1)

    a.login()
    const loginAt = Date.now()
    await until('the held step posted', async () => a.botSaid(COMMUNITY).some((s) => s.text.includes('T1')), 60_000)
    const posted = a.botSaid(COMMUNITY).find((s) => s.text.includes('T1'))!
    expect(posted.at).toBeGreaterThanOrEqual(loginAt)
    await until(
      'delivery recorded',
      async () => (await stores.db.prisma.taskEvent.count({ where: { taskId: task.id, kind: 'delivered', level: 1 } })) === 1,
      30_000,
    )
    const delivered = await stores.db.prisma.taskEvent.findFirstOrThrow({ where: { taskId: task.id, kind: 'delivered', level: 1 } })
    const decided = await stores.db.prisma.taskEvent.findFirstOrThrow({ where: { taskId: task.id, kind: 'escalated', level: 1 } })
    expect(delivered.at.getTime()).toBeGreaterThanOrEqual(loginAt - 1000)
    expect(delivered.at.getTime()).toBeGreaterThan(decided.at.getTime())
    expect(delivered.note).toContain('回环社区群')
    await until('recovery told', async () => b.botSaid(ADMIN).some((s) => s.text.includes('网格助手A') && s.text.includes('已恢复在线')), 60_000)
  })

  it('gridbot outbox failed lists posts that gave up; retry sends them again', async () => {
    const at = new Date()
    await stores.db.prisma.outboxMessage.create({
      data: {
        key: 'test|gave-up',
        accountId: 'bot-a',
        roomId: COMMUNITY,
        text: '一条没送出去的消息',
        createdAt: at,
        failedAt: at,
        failReason: 'account bot-a is not in room community@chatroom',
      },
    })
    const listed = (await gridbot('outbox', 'failed')).stdout
    expect(listed).toContain('未送达的消息 1 条')
    expect(listed).toContain('test|gave-up')
    expect(listed).toContain('not in room')
    const retried = (await gridbot('outbox', 'retry')).stdout
    expect(retried).toContain('已重新排队 1 条')
    const conn = new Redis(redisOptions(stores.redisUrl) as never)
    const q = new Queue(outboundQueueName('bot-a'), { connection: conn, prefix: stores.prefix })
    const job = await q.getJob('test|gave-up')
    expect(job?.data).toMatchObject({ roomId: COMMUNITY, text: '一条没送出去的消息' })
    await q.close()
    conn.disconnect()
    expect((await gridbot('outbox', 'failed')).stdout).toContain('没有未送达的消息')
  })
})
