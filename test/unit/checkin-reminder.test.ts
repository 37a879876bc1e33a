// The daily check-in reminder on PGlite with the virtual clock: the policy ("16:00" or cron, off by default), one
// reminder per grid group and day (a second run posts nothing), none for a grid that checked in, late the same day
// still sent, and none once the day is over (no 补发 across days) — the sweeper then moves on to the next occurrence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Effects } from '../../src/core/effects.ts'
import { loadOrgFile } from '../../src/config/org-file.ts'
import { reminderTimers, runCheckinReminder } from '../../src/capabilities/digests/checkin-reminder.service.ts'
import { resolveReminderPolicy } from '../../src/capabilities/digests/digest-policy.ts'
import { policyProblems, toPolicyPatch } from '../../src/kernel/policy/policy.ts'
import { harness, type Harness } from '../helpers/harness.ts'
import path from 'node:path'
import { FIXTURES } from '../helpers/paths.ts'
import { policySlices } from '../helpers/policy-slices.ts'

const at = (s: string) => new Date(s)
let h: Harness

beforeAll(async () => {
  h = await harness(await loadOrgFile(path.join(FIXTURES, 'reminder-org.yaml')), at('2026-11-20T09:00:00+08:00'), 1000)
  await h.say('room-华府社区5号网格群', 'wxid_lijiaxin', '#签到 巡查')
})
afterAll(() => h?.db.close())

const pending = async (before: Date | null = null) => (await reminderTimers(h.clock).pending(h.db.prisma, before, 500, 0))?.timers ?? []
async function run(t: { subjectId: number; cycle: number }) {
  const e = new Effects()
  const outcome = await h.db.prisma.$transaction((tx) => runCheckinReminder(tx as never, e, h.clock.now(), t.subjectId, t.cycle))
  return { outcome, texts: e.posts.map((p) => p.message.text), timers: e.timers }
}
const gridId = async (name: string) => (await h.db.prisma.unit.findFirstOrThrow({ where: { name } })).id

describe('policies.digests.checkinReminder', () => {
  it('"16:00" reads as a daily cron; a cron or false too; off unless set; nonsense refused', () => {
    const p = toPolicyPatch({ digests: { checkinReminder: '16:00' } }, policySlices)
    expect(p.ok && resolveReminderPolicy([p.patch])).toBe('0 16 * * *')
    const q = toPolicyPatch({ digests: { checkinReminder: '30 15 * * 1-5' } }, policySlices)
    expect(q.ok && resolveReminderPolicy([q.patch])).toBe('30 15 * * 1-5')
    const off = toPolicyPatch({ digests: { checkinReminder: false } }, policySlices)
    expect(off.ok && resolveReminderPolicy([p.ok ? p.patch : null, off.ok ? off.patch : null])).toBeNull()
    expect(resolveReminderPolicy([])).toBeNull()
    expect(policyProblems({ digests: { checkinReminder: '下午4点' } }, policySlices)[0]).toContain('checkinReminder')
    expect(policyProblems({ digests: { checkinReminder: '25:00' } }, policySlices)).not.toEqual([])
  })
})

describe('the check-in reminder', () => {
  it('one timer per grid with a room at 16:00, none for units above grids', async () => {
    h.clock.set(at('2026-11-20T15:30:00+08:00'))
    const timers = await pending()
    expect(timers).toHaveLength(3)
    expect(timers.every((t) => t.kind === 'checkin_reminder' && t.dueAt.getTime() === at('2026-11-20T16:00:00+08:00').getTime())).toBe(true)
  })

  it('reminds a silent grid once, not one that checked in, and sets the next day', async () => {
    h.clock.set(at('2026-11-20T16:00:00+08:00'))
    const cycle = Math.floor(at('2026-11-20T16:00:00+08:00').getTime() / 60_000)
    const silent = await run({ subjectId: await gridId('华府社区6号网格'), cycle })
    expect(silent.outcome).toBe('posted')
    expect(silent.texts).toEqual([expect.stringContaining('本网格今天(11月20日)还没有签到记录')])
    expect(silent.timers.map((t) => t.dueAt)).toEqual([at('2026-11-21T16:00:00+08:00')])
    expect((await run({ subjectId: await gridId('华府社区6号网格'), cycle })).texts).toEqual([]) // a second worker
    expect((await run({ subjectId: await gridId('华府社区5号网格'), cycle })).texts).toEqual([]) // checked in
  })

  it('after an outage: sent late the same day, dropped once the day is over', async () => {
    h.clock.set(at('2026-11-21T21:00:00+08:00'))
    const cycle21 = Math.floor(at('2026-11-21T16:00:00+08:00').getTime() / 60_000)
    expect((await run({ subjectId: await gridId('正商社区1号网格'), cycle: cycle21 })).texts).toEqual([expect.stringContaining('11月21日')])
    h.clock.set(at('2026-11-23T09:00:00+08:00'))
    const g5 = await gridId('华府社区5号网格')
    const late = (await pending(at('2026-11-23T08:59:00+08:00'))).find((t) => t.subjectId === g5)
    expect(late?.dueAt).toEqual(at('2026-11-22T16:00:00+08:00')) // the latest missed one, handed over ...
    const r = await run(late!)
    expect(r.texts).toEqual([]) // ... and dropped: its day is over
    expect(r.timers.map((t) => t.dueAt)).toEqual([at('2026-11-23T16:00:00+08:00')])
    // Recorded, so the sweeper moves on: the next one is today's.
    const after = (await pending()).filter((t) => t.subjectId === late!.subjectId)
    expect(after.map((t) => t.dueAt)).toEqual([])
    h.clock.set(at('2026-11-23T15:30:00+08:00'))
    expect((await pending()).filter((t) => t.subjectId === late!.subjectId).map((t) => t.dueAt)).toEqual([at('2026-11-23T16:00:00+08:00')])
  })
})
