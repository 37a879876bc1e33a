import { describe, expect, it } from 'vitest'
import { conversationOf, shardOf } from '../../src/jobs/inbound.ts'

describe('inbound shards', () => {
  it('are standard FNV-1a: fixed for ever (gateways and workers of any version must agree)', () => {
    expect(shardOf('', 16)).toBe(0x811c9dc5 % 16)
    expect(shardOf('a', 1024)).toBe(0xe40c292c % 1024)
    expect(shardOf('bot-01/wxid_张三', 16)).toBe(12) // UTF-8 bytes, not UTF-16 units
  })

  it('key a group by account + room, a direct message by account + person', () => {
    expect(conversationOf({ accountId: 'bot-01', roomId: 'r1@chatroom', talkerId: 'wxid_a' })).toBe('bot-01/r1@chatroom')
    expect(conversationOf({ accountId: 'bot-01', roomId: null, talkerId: 'wxid_a' })).toBe('bot-01/wxid_a')
  })

  it('spread groups evenly', () => {
    const counts = new Array(16).fill(0)
    for (let i = 0; i < 1600; i++) counts[shardOf(`bot-01/${20000000000 + i * 7919}@chatroom`, 16)]++
    expect(Math.min(...counts)).toBeGreaterThan(60)
    expect(Math.max(...counts)).toBeLessThan(140)
  })
})
