// The claim per outbox part the senders take just before a send (kernel/outbox claimParts): a part goes out once,
// whoever runs its job — a second run finds it claimed, a row marked sent is never claimed, a failed send lets it go,
// and a claim whose holder died (older than CLAIM_MS) may be taken again. Under an account lease (issue #27): a claim
// whose lease is no longer its account's is void at once for the lease's next holder; a claim under a current lease holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../src/db/client.ts'
import { CLAIM_MS, claimParts, markSent, partsSent, releaseParts, writeOutbox } from '../../src/kernel/outbox/outbox.service.ts'
import { outboxRepo } from '../../src/kernel/outbox/outbox.repo.ts'
import { templateDatabase } from '../helpers/template-db.ts'

let db: Database
const at = new Date('2026-12-07T10:00:00Z')
const post = (key: string) => ({ key, message: { accountId: 'bot-a', roomId: 'r@chatroom', text: key, mentionIds: [] } })

beforeAll(async () => {
  db = await templateDatabase()
  await writeOutbox(db.prisma, ['k1', 'k2', 'k3', 'k4'].map(post), at)
})
afterAll(async () => db?.close())

describe('outbox claims', () => {
  it('claims a part once: a second run finds it claimed', async () => {
    expect(await claimParts(db.prisma, [{ part: 'k1', key: 'k1' }], 'run-a', at)).toEqual(new Set(['k1']))
    expect(await claimParts(db.prisma, [{ part: 'k1', key: 'k1' }], 'run-b', at)).toEqual(new Set())
  })

  it('never claims a part of a row marked sent', async () => {
    await markSent(db.prisma, ['k2'], at)
    expect(await claimParts(db.prisma, [{ part: 'k2', key: 'k2' }], 'run-a', at)).toEqual(new Set())
  })

  it('lets a failed send go, and takes over a claim whose holder died', async () => {
    await claimParts(db.prisma, [{ part: 'k3', key: 'k3' }], 'run-a', at)
    await releaseParts(db.prisma, ['k3'], 'run-a')
    expect(await claimParts(db.prisma, [{ part: 'k3', key: 'k3' }], 'run-b', at)).toEqual(new Set(['k3']))
    const later = new Date(at.getTime() + CLAIM_MS + 1)
    expect(await claimParts(db.prisma, [{ part: 'k3', key: 'k3' }], 'run-c', later)).toEqual(new Set(['k3']))
  })

  it('never claims again a part of a long row that went out', async () => {
    await claimParts(db.prisma, [{ part: 'k4|p0', key: 'k4' }], 'run-a', at)
    await partsSent(db.prisma, ['k4|p0'], 'run-a')
    const later = new Date(at.getTime() + 2 * CLAIM_MS)
    expect(await claimParts(db.prisma, [{ part: 'k4|p0', key: 'k4' }], 'run-b', later)).toEqual(new Set())
    expect(await claimParts(db.prisma, [{ part: 'k4|p1', key: 'k4' }], 'run-b', later)).toEqual(new Set(['k4|p1']))
  })

  it('the sweeper leaves rows a live claim holds', async () => {
    const rows = await outboxRepo.unsent(db.prisma, new Date(0), new Date(at.getTime() + 1), 100, new Date(at.getTime() - CLAIM_MS))
    // k1 and k3 are claimed now, k2 is sent; k4's part p1 is claimed (live).
    expect(rows.map((r) => r.key)).toEqual([])
    const stale = await outboxRepo.unsent(db.prisma, new Date(0), new Date(at.getTime() + 1), 100, new Date(at.getTime() + 3 * CLAIM_MS))
    expect(stale.map((r) => r.key).sort()).toEqual(['k1', 'k3', 'k4'])
  })

  describe('under account leases', () => {
    /** The account leases now (what Redis holds), as AccountLeases.current reads them. */
    const leases = new Map<string, string>()
    const under = (account: string, value: string) => ({
      account,
      value,
      current: async (ls: { account: string; value: string }[]) => ls.map((l) => leases.get(l.account) === l.value),
    })

    it("a live holder's claim holds: its lease is still the account's", async () => {
      await writeOutbox(db.prisma, ['l1', 'l2', 'l3', 'l4'].map(post), at)
      leases.set('bot-a', 'gw1#1')
      expect(await claimParts(db.prisma, [{ part: 'l1', key: 'l1' }], 'run-a', at, under('bot-a', 'gw1#1'))).toEqual(new Set(['l1']))
      expect(await claimParts(db.prisma, [{ part: 'l1', key: 'l1' }], 'run-b', at, under('bot-a', 'gw1#1'))).toEqual(new Set())
    })

    it("a dead holder's claim is void at once for the lease's next holder (a restart included), long before CLAIM_MS", async () => {
      await claimParts(db.prisma, [{ part: 'l2', key: 'l2' }], 'run-a', at, under('bot-a', 'gw1#1'))
      leases.set('bot-a', 'gw2#2') // gw1 killed; gw2 (or gw1 restarted: a new holder) took the account's lease
      expect(
        await claimParts(
          db.prisma,
          [
            { part: 'l2', key: 'l2' },
            { part: 'l3', key: 'l3' },
          ],
          'run-c',
          at,
          under('bot-a', 'gw2#2'),
        ),
      ).toEqual(new Set(['l2', 'l3']))
      // the new holder's claim now holds against anyone else, the dead one's lease included
      expect(await claimParts(db.prisma, [{ part: 'l2', key: 'l2' }], 'run-d', at, under('bot-a', 'gw1#1'))).toEqual(new Set())
    })

    it('a claim on another account whose lease nobody holds (the post moved) is void; a sent row is never claimed', async () => {
      await claimParts(db.prisma, [{ part: 'l4', key: 'l4' }], 'run-a', at, under('bot-a', 'gw2#2'))
      leases.delete('bot-a')
      leases.set('bot-b', 'gw3#1')
      expect(await claimParts(db.prisma, [{ part: 'l4', key: 'l4' }], 'run-b', at, under('bot-b', 'gw3#1'))).toEqual(new Set(['l4']))
      await markSent(db.prisma, ['l3'], at)
      leases.set('bot-a', 'gw4#3')
      expect(await claimParts(db.prisma, [{ part: 'l3', key: 'l3' }], 'run-e', at, under('bot-a', 'gw4#3'))).toEqual(new Set())
    })
  })
})
