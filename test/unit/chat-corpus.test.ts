// Ordinary group chat stays chat (issue #23): 100+ lines of what cadres write in a grid's work group — greetings,
// questions (收到了吗, 签到了吗), names, forwarded articles, numbered lines — are neither a command nor an
// acknowledgement, so the gateway keeps none of them. The same lines go through the whole app in
// test/chat-corpus.int.test.ts (no record, no reply).
import { describe, expect, it } from 'vitest'
import type { InboundMessage } from '../../src/core/message.ts'
import { parseAck } from '../../src/parser/ack.ts'
import { BARE_COMMANDS, parseCommand } from '../../src/parser/command.ts'
import { whyNotForTheBot } from '../../src/pipeline/inbox-row.ts'
import { CHAT } from '../helpers/chat-corpus.ts'

describe('ordinary group chat', () => {
  it('has 100+ lines', () => {
    expect(CHAT.length).toBeGreaterThanOrEqual(100)
  })
  it.each(CHAT)('%j is chat', (text) => {
    const m: InboundMessage = {
      ...{ accountId: 'a', messageId: 'm', roomId: 'r@chatroom', roomTopic: null, talkerId: 't', talkerName: 't' },
      ...{ kind: 'text', text, mentionsSelf: false, receivedAt: new Date(0).toISOString() },
    }
    expect([whyNotForTheBot(m), parseCommand(text, { bare: BARE_COMMANDS }), parseAck(text)]).toEqual(['chat', null, null])
  })
})

describe('messages that are not text', () => {
  const of = (kind: InboundMessage['kind']): InboundMessage => ({
    ...{ accountId: 'a', messageId: 'm', roomId: 'r@chatroom', roomTopic: null, talkerId: 't', talkerName: 't' },
    ...{ kind, text: '', mentionsSelf: false, receivedAt: new Date(0).toISOString() },
  })
  it('keeps a voice message (for its once-a-day hint) and drops files and link cards at the gateway', () => {
    expect(whyNotForTheBot(of('voice'))).toBeNull()
    expect(whyNotForTheBot(of('other'))).toBe('chat')
  })
})
