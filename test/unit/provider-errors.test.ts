// Issue #25: provider errors classified, with WorkPro's known codes (20001 throttled, 23060 send failed while logged out).
import { describe, expect, it } from 'vitest'
import { classifyProviderError } from '../../src/outbound/provider-errors.ts'

describe('provider error classification', () => {
  const table: [string, unknown, string, number | null][] = [
    ['WorkPro 20001 as a numeric code', { code: 20001, message: 'rate limited' }, 'throttled', 20001],
    ['WorkPro 20001 in the message', new Error('send failed: errcode 20001'), 'throttled', 20001],
    ['WorkPro 23060 as a string code', { code: '23060', message: 'send failed' }, 'logged_out', 23060],
    ['WorkPro 23060 in brackets', new Error('[23060] 发送失败'), 'logged_out', 23060],
    ['WorkPro 23060 through gRPC (status 2 UNKNOWN)', Object.assign(new Error('2 UNKNOWN: [23060] 账号已掉线,发送失败'), { code: 2 }), 'logged_out', 23060],
    ['gRPC UNAVAILABLE in a gerror', { gerror: JSON.stringify({ code: 14, message: 'No connection established' }) }, 'transient', 14],
    ['gRPC RESOURCE_EXHAUSTED', { code: 8, message: 'quota' }, 'throttled', 8],
    ['gRPC UNAUTHENTICATED', { gerror: JSON.stringify({ code: 16, message: 'Invalid Wechaty TOKEN' }) }, 'auth', 16],
    ['WeChat’s own words for a burst', new Error('发送消息过于频繁'), 'throttled', null],
    ['logged out in words', new Error('account bot-01 is not logged in'), 'logged_out', null],
    ['a reset socket', new Error('read ECONNRESET'), 'transient', null],
    ['anything else', new Error('room not found'), 'unknown', null],
  ]
  for (const [what, err, problem, code] of table)
    it(what, () => {
      expect(classifyProviderError(err)).toEqual({ problem, code })
    })
})
