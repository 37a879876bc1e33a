// Issue #25: console login codes are never kept in clear: the outbox row that carried one keeps no usable copy once
// WeChat has accepted it (the code's own row in WebLoginCode holds only its hash).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loginTexts } from '../src/capabilities/console/login.texts.ts'
import { markSent, writeOutbox } from '../src/kernel/outbox/outbox.service.ts'
import { freshStores, type TestStores } from './helpers/stores.ts'

let stores: TestStores
beforeAll(async () => {
  stores = await freshStores()
})
afterAll(async () => {
  await stores?.cleanup()
})

describe('a login code in the outbox', () => {
  it('is dropped from the row when it is marked sent; other texts stay as they were', async () => {
    const at = new Date()
    const codeText = loginTexts.code('ABCD-EF23', new Date(at.getTime() + 300_000))
    expect(codeText).toContain('ABCD-EF23')
    await writeOutbox(
      stores.db.prisma,
      [
        { key: 'login|1', message: { accountId: 'bot-main', roomId: 'r@chatroom', text: codeText, mentionIds: [] } },
        { key: 'other|1', message: { accountId: 'bot-main', roomId: 'r@chatroom', text: '签到成功 ABCD-EF23', mentionIds: [] } },
      ],
      at,
    )
    expect(await markSent(stores.db.prisma, ['login|1', 'other|1'], at)).toHaveLength(2)
    const rows = await stores.db.prisma.outboxMessage.findMany({ orderBy: { key: 'asc' } })
    const login = rows.find((r) => r.key === 'login|1')!
    expect(login.sentAt).not.toBeNull()
    expect(login.text).not.toContain('ABCD-EF23')
    expect(login.text).toContain('登录码:(已发送,不再保存)')
    expect(rows.find((r) => r.key === 'other|1')!.text).toBe('签到成功 ABCD-EF23')
  })
})
