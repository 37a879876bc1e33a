// The daily check-in reminder (policies.digests.checkinReminder, off by default): at the policy's time each grid's
// group that has had no check-in that day gets one reminder. The same mechanism as the digests: a timer per (grid,
// occurrence) handed over by the sweeper, a DigestRun row per (room, day) under a unique key claimed before posting
// (several workers or a repaired timer remind once). No 补发 across days: a reminder found late the same day (after an
// outage) still goes out — the grid can still check in — but one whose day is over is dropped (recorded, not sent).
import type { Clock } from '../../core/clock.ts'
import type { Effects } from '../../core/effects.ts'
import { jobId } from '../../core/ids.ts'
import type { TimerRequest } from '../../core/ports.ts'
import type { DbOrTx } from '../../db/client.ts'
import { nextOccurrence } from '../../kernel/time/schedule-time.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { toRoom } from '../../kernel/org/room-message.ts'
import type { StepOutcome } from '../../kernel/timers/timer-step.ts'
import type { TimerSource } from '../../kernel/timers/sweeper.ts'
import { resolveReminderPolicy } from './digest-policy.ts'
import { dayPeriod } from './digest-rules.ts'
import { DIGEST_LOOKAHEAD_MS, pendingOccurrence } from './digest-schedule.service.ts'
import { digestRepo } from './digest.repo.ts'
import { digestTexts as t } from './digest.texts.ts'

export const REMINDER_KIND = 'checkin_reminder'

const minutesOf = (d: Date) => Math.floor(d.getTime() / 60_000)
const ancestorIds = (path: string) => path.split('/').filter(Boolean).map(Number)

export const reminderTimer = (unitId: number, at: Date): TimerRequest => ({
  kind: 'checkin_reminder',
  subjectId: unitId,
  cycle: minutesOf(at),
  step: 0,
  dueAt: at,
})

async function reminderCron(db: DbOrTx, path: string): Promise<string | null> {
  const ids = ancestorIds(path)
  const byId = new Map((await digestRepo.policiesOf(db, ids)).map((u) => [u.id, u.policy]))
  return resolveReminderPolicy(ids.map((id) => byId.get(id) ?? null))
}

/** The timer handler: the occurrence `cycle` (minutes since the epoch) of a grid's reminder. */
export async function runCheckinReminder(db: DbOrTx, effects: Effects, now: Date, unitId: number, cycle: number): Promise<StepOutcome> {
  const unit = await orgRepo.unitById(db, unitId)
  if (unit?.kind !== 'grid') return 'stale'

  const cron = await reminderCron(db, unit.path)
  const occurrence = new Date(cycle * 60_000)
  if (!cron || nextOccurrence(cron, new Date(occurrence.getTime() - 60_000))?.getTime() !== occurrence.getTime() || occurrence > now) return 'stale'
  const following = nextOccurrence(cron, new Date(Math.max(occurrence.getTime(), now.getTime())))
  if (following) effects.schedule(reminderTimer(unitId, following))
  const day = dayPeriod(occurrence)
  const dayOver = now.getTime() >= day.to.getTime()
  const checkedIn = !dayOver && (await digestRepo.checkedIn(db, unitId, day.from, now))
  let posted = false
  for (const room of await orgRepo.roomsOfUnit(db, unitId)) {
    // Claimed whatever happens next, so the sweeper moves on to the next occurrence.
    const claimed = await digestRepo.claimRun(db, {
      unitId,
      roomId: room.id,
      kind: REMINDER_KIND,
      periodFrom: day.from,
      occurrenceAt: occurrence,
      sentAt: now,
      late: dayOver,
    })
    if (!claimed || dayOver || checkedIn) continue
    effects.post(toRoom(room, t.checkinReminder(day.label)), jobId(REMINDER_KIND, room.id, minutesOf(day.from)))
    posted = true
  }
  return posted ? 'posted' : 'stale'
}

/** The sweeper's source: each grid with a bound room whose policy switches the reminder on, its pending occurrence. */
export const reminderTimers = (clock: Clock): TimerSource => ({
  async pending(db, before, take, afterId) {
    const grids = await digestRepo.gridsWithRooms(db, afterId, take)
    if (!grids.length) return null
    const now = clock.now()
    const horizon = (before ?? now).getTime() + DIGEST_LOOKAHEAD_MS
    const policies = new Map((await digestRepo.policiesOf(db, [...new Set(grids.flatMap((g) => ancestorIds(g.path)))])).map((u) => [u.id, u.policy]))
    const last = new Map(
      (
        await digestRepo.lastRuns(
          db,
          grids.map((g) => g.id),
        )
      )
        .filter((r) => r.kind === REMINDER_KIND)
        .map((r) => [r.unitId, r._max.occurrenceAt]),
    )
    const timers: TimerRequest[] = []
    for (const g of grids) {
      const cron = resolveReminderPolicy(ancestorIds(g.path).map((id) => policies.get(id) ?? null))
      if (!cron) continue
      const at = pendingOccurrence(cron, last.get(g.id) ?? null, now)
      if (at && at.getTime() < horizon) timers.push(reminderTimer(g.id, at))
    }
    return { lastId: grids.at(-1)?.id ?? afterId, timers }
  },
})
