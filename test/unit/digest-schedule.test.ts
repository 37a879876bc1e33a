// Scheduled digests on PGlite with the virtual clock: the sweeper's source asks for the next 08:00; the occurrence
// posts once per supervisor room (a second run, as a second worker or a repaired timer would, posts nothing); after
// an outage only the latest missed occurrence goes out, marked 补发, once; the chart is drawn by its own job after the
// digest's transaction, posted once per room however often that job runs, and handed over again by the sweeper while
// owed; policies.digests validated and merged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Effects } from '../../src/core/effects.ts'
import { loadOrgFile } from '../../src/config/org-file.ts'
import { DEFAULT_DIGEST_POLICY, resolveDigestPolicy } from '../../src/capabilities/digests/digest-policy.ts'
import { digestTimers, pendingOccurrence, runDigestOccurrence } from '../../src/capabilities/digests/digest-schedule.service.ts'
import { digestChartTimers, runDigestChart } from '../../src/capabilities/digests/digest-chart-job.service.ts'
import { policyProblems, toPolicyPatch } from '../../src/kernel/policy/policy.ts'
import { DEMO_ORG } from '../helpers/paths.ts'
import { harness, type Harness } from '../helpers/harness.ts'
import { policySlices } from '../helpers/policy-slices.ts'

const at = (s: string) => new Date(s)
let h: Harness

beforeAll(async () => {
  h = await harness(await loadOrgFile(DEMO_ORG), at('2026-11-20T09:00:00+08:00'), 1000)
  await h.say('room-华府社区5号网格群', 'wxid_lijiaxin', '#签到 巡查')
})
afterAll(() => h?.db.close())

async function pending(before: Date | null = null) {
  const b = await digestTimers(h.clock).pending(h.db.prisma, before, 500, 0)
  return b?.timers ?? []
}

async function run(t: { subjectId: number; step: number; cycle: number }) {
  const e = new Effects()
  const outcome = await h.db.prisma.$transaction((tx) => runDigestOccurrence(tx as never, e, h.clock.now(), t.subjectId, t.step, t.cycle))
  return { outcome, posts: e.posts, timers: e.timers }
}

/** The chart job of an occurrence (what its digest_chart timer runs): the images it sent. */
async function chart(t: { subjectId: number; step: number; cycle: number }) {
  h.outbox.clear()
  const deps = { prisma: h.db.prisma, outbox: h.outbox, scheduler: h.scheduler, clock: h.clock, log: h.log, counters: h.counters, media: h.media }
  const outcome = await runDigestChart(deps, t.subjectId, t.step, t.cycle)
  return { outcome, images: h.outbox.sent.filter((m) => m.image) }
}
const chartsOwed = async () => (await digestChartTimers.pending(h.db.prisma, null, 500, 0))?.timers ?? []

describe('policies.digests', () => {
  it('validated at import, merged down the tree, false switches one off', () => {
    expect(policyProblems({ digests: { daily: '0 8 * * *', weekly: false } }, policySlices)).toEqual([])
    expect(policyProblems({ digests: { daily: '每天8点' } }, policySlices)[0]).toContain('digests.daily')
    expect(policyProblems({ digests: { daily: '0 8 31 2 *' } }, policySlices)[0]).toContain('cron')
    expect(policyProblems({ digests: { yearly: '0 8 1 1 *' } }, policySlices)).not.toEqual([])
    const district = toPolicyPatch({ digests: { daily: '30 7 * * *', monthly: false } }, policySlices)
    const town = toPolicyPatch({ digests: { daily: '0 9 * * *' } }, policySlices)
    expect(district.ok && town.ok).toBe(true)
    if (!district.ok || !town.ok) return
    expect(resolveDigestPolicy([])).toEqual(DEFAULT_DIGEST_POLICY)
    expect(resolveDigestPolicy([district.patch, town.patch])).toEqual({ daily: '0 9 * * *', weekly: '0 8 * * 1', monthly: null })
  })

  it.each([
    [null, '2026-11-20T09:00:00+08:00', '2026-11-21T08:00:00+08:00'],
    ['2026-11-20T08:00:00+08:00', '2026-11-20T09:00:00+08:00', '2026-11-21T08:00:00+08:00'],
    ['2026-11-20T08:00:00+08:00', '2026-11-24T09:00:00+08:00', '2026-11-24T08:00:00+08:00'],
  ])('after %s at %s the daily timer is for %s', (last, now, want) => {
    expect(pendingOccurrence('0 8 * * *', last ? at(last) : null, at(now))).toEqual(at(want))
  })
})

describe('scheduled digests', () => {
  it('the sweeper wants the next 08:00 for each supervisor unit and kind within reach; none for grids', async () => {
    expect(await pending()).toEqual([]) // 09:00: tomorrow's 08:00 is not within reach yet, even on a full sweep
    expect(await pending(at('2026-11-20T08:59:00+08:00'))).toEqual([]) // nor late
    h.clock.set(at('2026-11-21T07:30:00+08:00'))
    const timers = [
      ...(await pending()),
      ...(await digestTimers({ now: () => at('2026-11-23T07:30:00+08:00') } as never).pending(h.db.prisma, null, 500, 0))!.timers.filter((t) => t.step === 1),
      ...(await digestTimers({ now: () => at('2026-12-01T07:30:00+08:00') } as never).pending(h.db.prisma, null, 500, 0))!.timers.filter((t) => t.step === 2),
    ]
    const daily = timers.filter((t) => t.step === 0)
    expect(daily).toHaveLength(4) // 二七区, 人和路街道, 华府社区, 正商社区
    expect(daily.every((t) => t.dueAt.getTime() === at('2026-11-21T08:00:00+08:00').getTime())).toBe(true)
    expect(timers.find((t) => t.step === 1)?.dueAt).toEqual(at('2026-11-23T08:00:00+08:00'))
    expect(timers.find((t) => t.step === 2)?.dueAt).toEqual(at('2026-12-01T08:00:00+08:00'))
  })

  it('at 08:00 each room gets it once; a second run posts nothing; the next one is set', async () => {
    const [t] = (await pending()).filter((x) => x.step === 0)
    h.clock.set(at('2026-11-21T08:00:00+08:00'))
    const first = await run(t!)
    expect(first.outcome).toBe('posted')
    // The text in the digest's transaction; the chart of the district's towns owed to a job due at once.
    expect(first.posts).toHaveLength(1)
    expect(first.posts[0]!.message.text).toMatch(/^【日报】二七区 · 11月20日\n/)
    expect(first.posts[0]!.message.text).not.toContain('补发')
    expect(first.timers.filter((x) => x.kind === 'digest').map((x) => x.dueAt)).toEqual([at('2026-11-22T08:00:00+08:00')])
    const chartTimer = first.timers.find((x) => x.kind === 'digest_chart')
    expect(chartTimer).toMatchObject({ subjectId: t!.subjectId, step: t!.step, cycle: t!.cycle })
    expect((await chartsOwed()).map((x) => x.subjectId)).toEqual([t!.subjectId])
    const again = await run(t!)
    expect(again.posts).toEqual([])
    // The chart job: one image into the room (kept in the media store), then nothing owed and nothing more sent.
    const drawn = await chart(chartTimer!)
    expect(drawn.outcome).toBe('posted')
    expect(drawn.images).toHaveLength(1)
    expect(drawn.images[0]!.roomId).toBe(first.posts[0]!.message.roomId)
    expect((await h.media.get(drawn.images[0]!.image!)).subarray(1, 4).toString()).toBe('PNG')
    expect(await chartsOwed()).toEqual([])
    expect(await chart(chartTimer!)).toEqual({ outcome: 'stale', images: [] })
    // An early or changed-policy timer does nothing.
    expect((await run({ ...t!, cycle: t!.cycle + 1 })).outcome).toBe('stale')
  })

  it('after an outage the latest missed occurrence only, marked 补发, once', async () => {
    h.clock.set(at('2026-11-25T10:00:00+08:00'))
    const missed = (await pending(at('2026-11-25T09:59:00+08:00'))).filter((x) => x.step === 0)
    const unit1 = missed.find((x) => x.dueAt.getTime() === at('2026-11-25T08:00:00+08:00').getTime())
    expect(unit1).toBeDefined()
    const r = await run(unit1!)
    expect(r.posts.map((p) => Boolean(p.message.image))).toEqual([false])
    expect((await chart(r.timers.find((x) => x.kind === 'digest_chart')!)).images).toHaveLength(1)
    expect(r.posts[0]!.message.text.split('\n')[0]).toBe('【日报】二七区 · 11月24日(补发)')
    expect((await run(unit1!)).posts).toEqual([])
  })
})
