// Per-account puppet-service configuration, token masking, what a puppet error means for the link, what the admins
// are told, and room ids in org files (YAML and the xlsx sheet's 群ID column).
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { accountConnection, accountConnections, maskToken, maskTokensIn, tokenSource } from '../../src/config/account-connections.ts'
import { readOrgSheet } from '../../src/config/org-file.ts'
import { orgSpecSchema, validateOrg } from '../../src/config/org-spec.ts'
import { alertFor } from '../../src/domain/account/account-status.service.ts'
import { classifyLinkError } from '../../src/transport/wechaty/link-errors.ts'

describe('account connections', () => {
  it('reads each account’s token, endpoint and TLS; the single-account form is the fallback', () => {
    const src = {
      GRIDBOT_ACCOUNT_BOT_01_TOKEN: 'puppet_x_abcdef123',
      GRIDBOT_ACCOUNT_BOT_01_ENDPOINT: '10.0.0.5:8788',
      GRIDBOT_ACCOUNT_BOT_01_TLS_SERVER_NAME: 'puppet.internal',
      GRIDBOT_ACCOUNT_BOT_02_TOKEN: 'insecure_b2',
      GRIDBOT_ACCOUNT_BOT_02_NO_TLS: 'true',
      WECHATY_PUPPET_SERVICE_ENDPOINT: '127.0.0.1:9000',
    }
    expect(accountConnection('bot-01', src)).toEqual({
      accountId: 'bot-01',
      token: 'puppet_x_abcdef123',
      endpoint: '10.0.0.5:8788',
      tls: { serverName: 'puppet.internal' },
    })
    expect(accountConnection('bot-02', src)).toEqual({ accountId: 'bot-02', token: 'insecure_b2', endpoint: '127.0.0.1:9000', tls: { disable: true } })
    expect(accountConnection('bot-03', src)).toBeNull()
    expect(accountConnection('bot-03', { GRIDBOT_TOKENS: 'bot-03=insecure_c3' })?.token).toBe('insecure_c3')
  })

  // A refused token's error names the variable to fix, whichever form configured it.
  const sources: [string, Record<string, string>, string][] = [
    ['its own variable', { GRIDBOT_ACCOUNT_BOT_MAIN_TOKEN: 'insecure_a', GRIDBOT_TOKENS: 'bot-main=insecure_b' }, 'GRIDBOT_ACCOUNT_BOT_MAIN_TOKEN'],
    ['the token list', { GRIDBOT_TOKENS: 'bot-02=insecure_x,bot-main=insecure_b', WECHATY_PUPPET_SERVICE_TOKEN: 'insecure_c' }, 'GRIDBOT_TOKENS'],
    ['the single-account form', { WECHATY_PUPPET_SERVICE_TOKEN: 'insecure_c' }, 'WECHATY_PUPPET_SERVICE_TOKEN'],
    ['none (the variable to set)', {}, 'GRIDBOT_ACCOUNT_BOT_MAIN_TOKEN'],
  ]
  for (const [name, src, want] of sources) it(`names where bot-main's token came from: ${name}`, () => expect(tokenSource('bot-main', src)).toBe(want))

  it('refuses an account without a token and a token shared by two accounts', () => {
    expect(() => accountConnections(['a'], {})).toThrow(expect.objectContaining({ code: 'ACCOUNT_NO_TOKEN' }))
    expect(() => accountConnections(['a', 'b'], { GRIDBOT_TOKENS: 'a=insecure_t1,b=insecure_t1' })).toThrow(
      expect.objectContaining({ code: 'ACCOUNT_TOKEN_REUSED', userMessage: expect.not.stringContaining('insecure_t1') }),
    )
    expect(accountConnections(['a', 'b'], { GRIDBOT_TOKENS: 'a=insecure_t1,b=insecure_t2' })).toHaveLength(2)
  })

  it('an account may use the @juzi client (WorkPro); one gateway process serves one client only', () => {
    const src = { GRIDBOT_TOKENS: 'a=insecure_t1,b=insecure_t2', GRIDBOT_ACCOUNT_A_CLIENT: 'juzi' }
    expect(accountConnection('a', src)?.client).toBe('juzi')
    expect(accountConnection('b', src)?.client).toBeUndefined()
    expect(() => accountConnection('a', { ...src, GRIDBOT_ACCOUNT_A_CLIENT: 'padlocal' })).toThrow(expect.objectContaining({ code: 'ACCOUNT_CLIENT_UNKNOWN' }))
    expect(() => accountConnections(['a', 'b'], src)).toThrow(
      expect.objectContaining({ code: 'ACCOUNT_CLIENTS_MIXED', userMessage: expect.stringContaining('--accounts') }),
    )
    expect(accountConnections(['a', 'b'], { ...src, GRIDBOT_ACCOUNT_B_CLIENT: 'JUZI' }).map((c) => c.client)).toEqual(['juzi', 'juzi'])
    expect(accountConnections(['a'], src)).toHaveLength(1)
  })

  it('masks tokens: the prefix (TLS server name) stays, the secret goes', () => {
    expect(maskToken('puppet_padlocal_0123456789abcdef')).toBe('puppet_padlocal_***ef')
    expect(maskToken('insecure_b2')).toBe('insecure_***')
    expect(maskToken('secret')).toBe('***')
    expect(maskTokensIn('16 UNAUTHENTICATED: Invalid Wechaty TOKEN "insecure_wrongtoken9"', ['insecure_wrongtoken9'])).toBe(
      '16 UNAUTHENTICATED: Invalid Wechaty TOKEN "insecure_***n9"',
    )
  })
})

describe('puppet errors', () => {
  const g = (code: number, message: string) => ({ gerror: JSON.stringify({ code, message, details: message }) })
  it.each([
    [g(16, '16 UNAUTHENTICATED: Invalid Wechaty TOKEN "x"'), 'auth'],
    [g(14, '14 UNAVAILABLE: Connection dropped'), 'down'],
    [g(1, '1 CANCELLED'), 'down'],
    [g(2, 'Error: ERR_TLS_CERT_ALTNAME_INVALID'), 'auth'],
    [g(2, 'something else'), 'other'],
    [{ gerror: 'not json: ECONNREFUSED' }, 'down'],
  ])('%j → %s', (payload, problem) => {
    expect(classifyLinkError(payload).problem).toBe(problem)
  })
})

describe('what the admins are told', () => {
  const at = new Date('2026-11-20T01:00:00Z')
  it('names the account; a first login is not news, a recovery says how long it was away', () => {
    expect(alertFor({ accountId: 'bot-a', state: 'waiting_scan', since: at, detail: 'https://qr/x' }, '网格助手A', null)).toContain(
      '「网格助手A」(bot-a)需要扫码登录',
    )
    expect(alertFor({ accountId: 'bot-a', state: 'logged_out', since: at }, null, null)).toContain('「bot-a」已于 11月20日 09:00 退出登录')
    expect(alertFor({ accountId: 'bot-a', state: 'logged_in', since: at }, null, null)).toBeNull()
    expect(alertFor({ accountId: 'bot-a', state: 'logged_in', since: at }, null, new Date(at.getTime() - 120_000))).toContain('中断 2 分钟')
    expect(alertFor({ accountId: 'bot-a', state: 'stopped', since: at }, null, null)).toBeNull()
  })
})

describe('room ids in org files', () => {
  const base = { district: '甲区', accounts: [{ id: 'a' }, { id: 'b' }], units: [{ name: '乙镇', kind: 'town' }] }
  it('a room id may appear once; backup accounts must exist', () => {
    const spec = orgSpecSchema.parse({
      ...base,
      rooms: [
        { topic: '甲区群', unit: '甲区', wxRoomId: '1@chatroom', admin: true },
        { topic: '乙镇群', unit: '乙镇', wxRoomId: '1@chatroom', accounts: ['c'] },
      ],
    })
    expect(validateOrg(spec).problems).toEqual(['群「乙镇群」的备用账号「c」不在 accounts 中', '群ID重复:「1@chatroom」(群「甲区群」和「乙镇群」)'])
  })

  it('the xlsx sheet’s optional 群ID column binds groups', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('名单')
    ws.addRow(['区', '镇街', '社区', '网格', '群名', '姓名', '微信ID', '角色', '群ID'])
    ws.addRow(['甲区', '乙镇', '', '', '乙镇群', '王书记', 'wx_wang', '书记', '777@chatroom'])
    ws.addRow(['甲区', '', '', '', '甲区群', '赵管理', 'wx_zhao', '管理员', ''])
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'gridbot-sheet-')), 'org.xlsx')
    await wb.xlsx.writeFile(file)
    const spec = orgSpecSchema.parse(await readOrgSheet(file))
    expect(spec.rooms.find((r) => r.topic === '乙镇群')?.wxRoomId).toBe('777@chatroom')
    expect(spec.rooms.find((r) => r.topic === '甲区群')?.wxRoomId).toBeUndefined()
  })
})
