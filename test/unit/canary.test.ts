// The canary's rules (issue #25) on a fake transport: a nonce echoed back passes; two misses in a row make the account
// deaf (once per two misses, restarted each time); hearing again after that is reported; a partner's nonce counts
// when the provider does not echo; an account without a canary group does not run it; canary texts are recognised.
import { describe, expect, it } from 'vitest'
import { Canary } from '../../src/outbound/canary.ts'
import { canaryNonce, canaryText } from '../../src/transport/canary-text.ts'
import type { AccountStatus, ChatTransport } from '../../src/transport/transport.ts'
import { until } from '../helpers/wait.ts'

const silent = { debug() {}, info() {}, warn() {}, error() {} } as never

interface Member {
  deafTo: boolean
  hear(n: string, self: boolean): void
}
interface Room {
  said: { by: string; text: string }[]
  members: Member[]
}

/** A transport whose service echoes the bot's own posts while `echo` holds; one `deafTo` hears nothing. */
function fake(accountId: string, room: Room) {
  const nonceListeners: ((n: string, self: boolean) => void)[] = []
  const statusListeners: ((s: AccountStatus) => void)[] = []
  const t = {
    accountId,
    echo: true,
    deafTo: false,
    troubles: [] as string[],
    state: 'logged_in' as AccountStatus['state'],
    status: () => ({ accountId, state: t.state, since: new Date(0) }),
    onStatus: (l: (s: AccountStatus) => void) => void statusListeners.push(l),
    say: async (_room: string, text: string) => {
      room.said.push({ by: accountId, text })
      const n = canaryNonce(text)!
      for (const m of room.members) if (!m.deafTo && (m !== t || t.echo)) m.hear(n, m === t)
    },
    hear: (n: string, self: boolean) => {
      for (const l of nonceListeners) l(n, self)
    },
    setState: (s: AccountStatus['state']) => {
      t.state = s
      for (const l of statusListeners) l(t.status())
    },
    health: {
      onNonce: (l: (n: string, self: boolean) => void) => void nonceListeners.push(l),
      trouble: (state: string) => {
        t.troubles.push(state)
        t.setState('logged_in') // the link restarted at once
      },
    },
  }
  room.members.push(t)
  return t
}

function setup(roomOf: (id: string) => string | null = () => 'canary@chatroom') {
  const room: Room = { said: [], members: [] }
  const passed: string[] = []
  const missed: string[] = []
  const canary = new Canary(
    { log: silent, roomOf: async (id) => roomOf(id), passed: (id) => void passed.push(id), missed: (id) => void missed.push(id) },
    { everyMs: 20, waitMs: 20 },
  )
  return { room, passed, missed, canary }
}

describe('canary', () => {
  it('recognises only its own texts', () => {
    expect(canaryNonce(canaryText('0a1b2c3d4e5f'))).toBe('0a1b2c3d4e5f')
    for (const t of ['#签到 巡查', 'gridbot canary', 'gridbot canary hello', '我们 gridbot canary 0a1b2c3d']) expect(canaryNonce(t)).toBeNull()
  })

  it('an account hearing its own echo stays well; a deaf one is marked deaf after two misses, and reported when it hears again', async () => {
    const { room, passed, missed, canary } = setup()
    const a = fake('bot-a', room)
    canary.watch(a as unknown as ChatTransport)
    await until('a few rounds', async () => room.said.length >= 3, 5_000)
    expect(a.troubles).toEqual([])
    expect(missed).toEqual([])
    a.deafTo = true
    await until('deaf', async () => a.troubles.length >= 2, 5_000)
    expect(a.troubles.every((s) => s === 'deaf')).toBe(true)
    expect(missed.length).toBeGreaterThanOrEqual(4)
    expect(passed).toEqual([])
    a.deafTo = false
    await until('heard again', async () => passed.length === 1, 5_000)
    canary.close()
  })

  it('without echoes, a partner’s nonce proves the account hears', async () => {
    const { room, canary } = setup()
    const a = fake('bot-a', room)
    const b = fake('bot-b', room)
    a.echo = false
    b.echo = false
    canary.watch(a as unknown as ChatTransport)
    canary.watch(b as unknown as ChatTransport)
    await until('several rounds', async () => room.said.filter((s) => s.by === 'bot-b').length >= 4, 5_000)
    expect([...a.troubles, ...b.troubles]).toEqual([])
    canary.close()
  })

  it('an account with no canary group sends nothing', async () => {
    const { room, canary } = setup(() => null)
    const a = fake('bot-a', room)
    canary.watch(a as unknown as ChatTransport)
    await new Promise((r) => setTimeout(r, 100))
    expect(room.said).toEqual([])
    canary.close()
  })
})
