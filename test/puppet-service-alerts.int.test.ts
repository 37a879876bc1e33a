// Account alerts over real gRPC (loopback puppet services, `gridbot start`): a post to a group bot-a has left is not
// silently failed — the admins' group hears it through bot-b and the post is kept as failed with the reason; and a
// login QR code (`scan`) is written to the log as a link and posted, with the account's name, in the admins' group
// through the other logged-in account. Each is told once; no elapsed time is asserted (waits only end hangs).
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TestStores } from './helpers/stores.ts'
import { closeLoopbackPair, openLoopbackPair, startGridbot, stopGridbot, type LoopbackService } from './helpers/loopback.ts'
import { sleep, until } from './helpers/wait.ts'

const ORG = path.resolve(import.meta.dirname, 'fixtures/loopback-org.yaml')
const COMMUNITY = 'community@chatroom' // bot-a's only (no other account in it)
const ADMIN = 'admin@chatroom' // bot-b's

let stores: TestStores
let a: LoopbackService
let b: LoopbackService
let gw: ReturnType<typeof startGridbot> | null = null

beforeEach(async () => {
  ;({ stores, a, b } = await openLoopbackPair())
  gw = startGridbot(stores, ORG, [
    { id: 'bot-a', token: a.cfg.token, endpoint: a.endpoint },
    { id: 'bot-b', token: b.cfg.token, endpoint: b.endpoint },
  ])
  await until(
    'both accounts logged in',
    async () => {
      if (gw && gw.proc.exitCode !== null) throw new Error(`gridbot exited ${gw.proc.exitCode}: ${(await gw.exited).stderr.slice(-2000)}`)
      const rows = await stores.db.prisma.botAccount.findMany({ where: { state: 'logged_in' } })
      return rows.length === 2
    },
    180_000,
  )
})
afterEach(async () => {
  await closeLoopbackPair({ stores, a, b }, gw)
  gw = null
})

describe('account alerts over a loopback puppet service', () => {
  it('a post to a group the account has left: the admins are told through the other account, the post is kept as failed', async () => {
    a.say('wx_sup', COMMUNITY, '#今日')
    await until('the first answer', async () => a.botSaid(COMMUNITY).length > 0, 30_000)
    a.leave(COMMUNITY)
    await sleep(500)
    const leftAt = Date.now()
    a.say('wx_sup', COMMUNITY, '#今日')
    await until('the admins told', async () => b.botSaid(ADMIN).some((s) => s.text.includes('网格助手A') && s.text.includes('已不在群「回环社区群」')))
    const told = b.botSaid(ADMIN).find((s) => s.text.includes('已不在群'))!
    expect(told.text).toContain('gridbot outbox retry')
    // Nothing said in the group after it was left; the reply is a failed post with the reason, not a silent loss.
    expect(a.botSaid(COMMUNITY, leftAt)).toEqual([])
    await until(
      'the reply recorded as failed',
      async () => (await stores.db.prisma.outboxMessage.count({ where: { roomId: COMMUNITY, sentAt: null, failedAt: { not: null } } })) === 1,
      30_000,
    )
    const failed = await stores.db.prisma.outboxMessage.findFirstOrThrow({ where: { roomId: COMMUNITY, failedAt: { not: null } } })
    expect(failed.failReason).toContain('not in room')
    // Told once, and never through the account that left the group.
    expect(b.botSaid(ADMIN).filter((s) => s.text.includes('已不在群'))).toHaveLength(1)
    expect(a.botSaid(ADMIN).filter((s) => s.text.includes('已不在群'))).toEqual([])
  })

  it('a login QR code: logged as a link, and posted with the account’s name in the admins’ group through the other account', async () => {
    const qr = 'https://login.weixin.qq.com/l/loopback-qr-7'
    a.scan(qr)
    await until('the QR told to the admins', async () => b.botSaid(ADMIN).some((s) => s.text.includes('需要扫码登录')))
    const told = b.botSaid(ADMIN).find((s) => s.text.includes('需要扫码登录'))!
    const link = `https://wechaty.js.org/qrcode/${encodeURIComponent(qr)}`
    expect(told.text).toContain('网格助手A')
    expect(told.text).toContain(link)
    expect(b.botSaid(ADMIN).filter((s) => s.text.includes('需要扫码登录'))).toHaveLength(1)
    expect((await stores.db.prisma.botAccount.findUniqueOrThrow({ where: { id: 'bot-a' } })).state).toBe('waiting_scan')
    await stopGridbot(gw!)
    const { stderr } = await gw!.exited
    gw = null
    const line = stderr.split('\n').find((l) => l.includes(link))
    expect(line, stderr.slice(-2000)).toBeDefined()
    expect(line).toContain('等待扫码登录')
    expect(line).toContain('bot-a')
  })
})
