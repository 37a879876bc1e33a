// Issue #25: an image that cannot be kept (the media folder not writable) is never a lost message. Over real Wechaty
// (the mock puppet) and the whole pipeline: the message is recorded in the inbox with its media marked missing and
// why, the sender is asked to resend, the admins' group is told once per cause, the metric moves, /readyz reports the
// media store unhealthy while writes fail and healthy once the folder is writable again, and the next image is kept.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { orgSpecSchema } from '../src/config/org-spec.ts'
import { systemClock } from '../src/core/clock.ts'
import { createLogger } from '../src/core/logger.ts'
import { importOrg } from '../src/app/org-import.ts'
import { readiness } from '../src/http/readiness.ts'
import { startApp, type App } from '../src/main.ts'
import { FileMediaStore } from '../src/storage/file-media-store.ts'
import { GuardedMediaStore } from '../src/storage/media-guard.ts'
import { MockWeChat } from '../src/transport/mock/mock-wechat.ts'
import type { ObservedMessage } from '../src/transport/transport.ts'
import { freshStores, type TestStores } from './helpers/stores.ts'
import { until } from './helpers/wait.ts'

const GRID = 'grid@chatroom'
const ADMINS = 'admins@chatroom'
const spec = orgSpecSchema.parse({
  district: '媒体区',
  accounts: [{ id: 'bot-main' }],
  units: [{ name: '媒体社区', kind: 'community', children: [{ name: '媒体1号网格', kind: 'grid' }] }],
  rooms: [
    { topic: '媒体1号网格群', unit: '媒体1号网格', account: 'bot-main', wxRoomId: GRID },
    { topic: '媒体区管理员群', unit: '媒体区', account: 'bot-main', admin: true, wxRoomId: ADMINS },
  ],
  members: [
    { name: '管理员', wxid: 'wx_admin', unit: '媒体区', role: 'admin', rooms: ['媒体区管理员群'] },
    { name: '孙网格', wxid: 'wx_cadre', unit: '媒体1号网格', role: 'grid_cadre', rooms: ['媒体1号网格群'] },
  ],
})

let stores: TestStores
let app: App | null = null
let wechat: MockWeChat
const said: ObservedMessage[] = []
const base = mkdtempSync(path.join(os.tmpdir(), 'gridbot-media-broken-'))
// A folder that cannot be created or written (even as root): its parent is a plain file.
const blocker = path.join(base, 'data')
const folder = path.join(blocker, 'media')
const media = new GuardedMediaStore(new FileMediaStore(folder))
const inRoom = (roomId: string) => said.filter((m) => m.roomId === roomId).map((m) => m.text)

// No hook timeout of its own: the config's bound only ends a hang (a 60 s one failed this set-up at load 14-17).
beforeAll(async () => {
  writeFileSync(blocker, 'not a folder')
  stores = await freshStores()
  await importOrg(stores.db.prisma, spec)
  wechat = new MockWeChat({ clock: systemClock, log: createLogger('silent'), media })
  wechat.onMessage((m) => {
    if (m.self) said.push(m)
  })
  app = await startApp({ role: 'all', env: stores.env, infra: stores.infra, log: createLogger('silent'), makeTransport: wechat.transport, pace: null, media })
  wechat.populate('bot-main', {
    botName: '网格助手',
    people: [
      { wxid: 'wx_admin', name: '管理员' },
      { wxid: 'wx_cadre', name: '孙网格' },
    ],
    rooms: [
      { roomId: GRID, topic: '媒体1号网格群', memberIds: ['wx_cadre'] },
      { roomId: ADMINS, topic: '媒体区管理员群', memberIds: ['wx_admin'] },
    ],
  })
})
afterAll(async () => {
  await app?.stop()
  await stores?.cleanup()
  rmSync(base, { recursive: true, force: true })
})

const checks = () => ({
  database: () => stores.db.ping(),
  redis: async () => void (await app!.queueEnv.connection.ping()),
  accounts: () => app!.transports.map((t) => t.status()),
  media: () => media.healthy(),
})

describe('an image the media folder cannot keep', () => {
  it('is recorded missing with its cause; sender asked to resend, admins told once, metric moved, /readyz unhealthy', async () => {
    const photo = Buffer.from('not really a jpeg')
    const first = wechat.sendImage('bot-main', 'wx_cadre', GRID, 'a.jpg', photo)
    await until('the sender told', async () => inRoom(GRID).some((t) => t.includes('照片没有收到')))
    expect(inRoom(GRID).find((t) => t.includes('照片没有收到'))).toContain('不可写')
    const row = await stores.db.prisma.inboxMessage.findFirstOrThrow({ where: { accountId: 'bot-main', messageId: first } })
    expect(row.payload).toMatchObject({ kind: 'image', mediaMissing: 'not_writable', talkerId: 'wx_cadre' })
    expect((row.payload as { mediaRef?: string }).mediaRef).toBeUndefined()
    await until('the admins told', async () => inRoom(ADMINS).some((t) => t.includes('图片未能保存')))

    // A second image of the same cause: the sender is told again, the admins are not.
    wechat.sendImage('bot-main', 'wx_cadre', GRID, 'b.jpg', photo)
    await until('the second reply', async () => inRoom(GRID).filter((t) => t.includes('照片没有收到')).length === 2)
    await until('handled', async () => (await stores.db.prisma.inboxMessage.count({ where: { handledAt: null } })) === 0)
    await until('the admins alert sent', async () => (await stores.db.prisma.outboxMessage.count({ where: { roomId: ADMINS, sentAt: null } })) === 0)
    expect(inRoom(ADMINS).filter((t) => t.includes('图片未能保存'))).toHaveLength(1)

    const metrics = await app!.metrics.text()
    expect(metrics).toMatch(/gridbot_media_missing_total\{account="bot-main",cause="not_writable"\} 2/)

    const bad = await readiness(checks())
    expect(bad.ready).toBe(false)
    expect(bad.media?.ok).toBe(false)
    expect(bad.media?.error).toContain(folder)
  })

  it('recovers once the folder is writable: /readyz healthy again and the next image is kept', async () => {
    rmSync(blocker)
    const good = await readiness(checks())
    expect(good.media).toEqual({ ok: true })
    const id = wechat.sendImage('bot-main', 'wx_cadre', GRID, 'c.jpg', Buffer.from('a photo'))
    await until('kept', async () => {
      const row = await stores.db.prisma.inboxMessage.findFirst({ where: { accountId: 'bot-main', messageId: id } })
      return Boolean((row?.payload as { mediaRef?: string } | undefined)?.mediaRef)
    })
    expect(inRoom(GRID).filter((t) => t.includes('照片没有收到'))).toHaveLength(2)
  })
})
