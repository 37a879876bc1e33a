// The claim per outbox part the senders take just before a send (kernel/outbox claimParts): a part goes out once,
// whoever runs its job — a second run finds it claimed, a row marked sent is never claimed, a failed send lets it go,
// and a claim whose holder died (older than CLAIM_MS) may be taken again.
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
})
