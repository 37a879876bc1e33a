// Scheduled digests: at each occurrence of a unit's cron (policies.digests, Asia/Shanghai, the injected clock), each
// bound room of the unit gets the digest of the period before, once per (room, kind, period) — a DigestRun row under
// a unique key claims it, so several workers or a repaired timer send it once. A timer per (unit, kind,
// occurrence) wakes the handler; after downtime the sweeper hands over the latest missed occurrence only, sent late
// and marked 补发 (missed ones collapse into it); a unit that never had a scheduled digest gets no catch-up.
import type { Clock } from '../../core/clock.ts'
import type { Effects } from '../../core/effects.ts'
import { jobId } from '../../core/ids.ts'
import type { TimerRequest } from '../../core/ports.ts'
import type { DbOrTx } from '../../db/client.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import type { Unit } from '../../kernel/org/org.types.ts'
import { toRoom } from '../../kernel/org/room-message.ts'
import { nextOccurrence } from '../../kernel/time/schedule-time.ts'
import type { StepOutcome } from '../../kernel/timers/timer-step.ts'
import type { TimerSource } from '../../kernel/timers/sweeper.ts'
import { DIGEST_KINDS, resolveDigestPolicy, type DigestPolicy } from './digest-policy.ts'
import { digestText, previousPeriod } from './digest-rules.ts'
import { digestRepo } from './digest.repo.ts'
import { digestFor } from './digest.service.ts'
import { digestChartSpec } from './digest-chart.ts'
import { digestReady } from './digest-events.ts'
import { publish } from '../../kernel/events.ts'
import type { Publisher } from '../../kernel/work.ts'

/** Sent more than this after its occurrence: 补发. */
export const DIGEST_LATE_MS = 10 * 60_000
/**
 * The sweeper asks for timers already late (`before`); a digest's first timer has no earlier step to set it, so the
 * source hands over occurrences due within this long, and none further off, even on a full sweep after a Redis flush
 * (deterministic job ids: ensuring one twice is harmless). More than the simulator's sweep interval (1 virtual
 * hour); production sweeps every minute. The sweeper counts each first hand-over as a repair.
 */
export const DIGEST_LOOKAHEAD_MS = 65 * 60_000
/** At most this many occurrences walked forward when looking for the latest missed one. */
const MAX_WALK = 1000

export const minutesOf = (d: Date) => Math.floor(d.getTime() / 60_000)
const ancestorIds = (path: string) => path.split('/').filter(Boolean).map(Number)

export function digestTimer(unitId: number, kindIndex: number, at: Date): TimerRequest {
  return { kind: 'digest', subjectId: unitId, cycle: minutesOf(at), step: kindIndex, dueAt: at }
}

/** The chart of an occurrence's digest (same subject, cycle and step as its digest timer), due at once. */
export function digestChartTimer(unitId: number, kindIndex: number, occurrence: Date, dueAt: Date): TimerRequest {
  return { kind: 'digest_chart', subjectId: unitId, cycle: minutesOf(occurrence), step: kindIndex, dueAt }
}

/** The timer handler: the occurrence `cycle` (minutes since the epoch) of digest kind `step` for unit `unitId`. */
export async function runDigestOccurrence(
  db: DbOrTx,
  effects: Effects,
  now: Date,
  unitId: number,
  step: number,
  cycle: number,
  events?: Publisher,
): Promise<StepOutcome> {
  const kind = DIGEST_KINDS[step]
  const unit = (await orgRepo.unitById(db, unitId)) as Unit | null
  if (!kind || !unit || unit.kind === 'grid') return 'stale'
  const chain = [...(await digestRepo.policiesOf(db, ancestorIds(unit.path))).sort((a, b) => a.id - b.id)]
  const byId = new Map(chain.map((u) => [u.id, u.policy]))
  const cron = resolveDigestPolicy(ancestorIds(unit.path).map((id) => byId.get(id) ?? null))[kind]
  const occurrence = new Date(cycle * 60_000)
  // The policy changed since the timer was set, or the timer is early: not an occurrence to send.
  if (!cron || nextOccurrence(cron, new Date(occurrence.getTime() - 60_000))?.getTime() !== occurrence.getTime() || occurrence > now) return 'stale'
  const following = nextOccurrence(cron, new Date(Math.max(occurrence.getTime(), now.getTime())))
  if (following) effects.schedule(digestTimer(unitId, step, following))
  const rooms = await orgRepo.roomsOfUnit(db, unitId)
  const period = previousPeriod(kind, occurrence)
  const late = now.getTime() - occurrence.getTime() > DIGEST_LATE_MS
  let digest: { text: string; charted: boolean } | null = null
  const claimed: number[] = []
  for (const room of rooms) {
    if (!(await digestRepo.claimRun(db, { unitId, roomId: room.id, kind, periodFrom: period.from, occurrenceAt: occurrence, sentAt: now, late }))) continue
    if (!digest) {
      // Counted once per occurrence, whatever the number of rooms.
      const c = await digestFor({ db, effects, now }, unit, period, { late })
      digest = { text: digestText(c), charted: digestChartSpec(c) !== null }
      if (events) await publish({ db, effects, now, events }, 'digest.ready', digestReady(unitId, c))
    }
    effects.post(toRoom(room, digest.text), jobId('digest', room.id, kind, minutesOf(period.from)))
    claimed.push(room.id)
  }
  // The chart (~100 ms of ECharts and resvg) is drawn after this transaction commits, by its own job: this one only
  // counts and writes the texts; the claimed runs say a chart is owed, so the sweeper can hand the job over again.
  if (digest?.charted) {
    await digestRepo.chartWanted(db, { unitId, kind, periodFrom: period.from, roomIds: claimed })
    effects.schedule(digestChartTimer(unitId, step, occurrence, now))
  }
  const posted = claimed.length > 0
  return posted ? 'posted' : 'stale'
}

/** The occurrence a (unit, kind) timer should be pending for: the latest missed one after `last`, else the next. */
export function pendingOccurrence(cron: string, last: Date | null, now: Date): Date | null {
  if (!last) return nextOccurrence(cron, now)
  let at = nextOccurrence(cron, last)
  if (!at || at > now) return at
  for (let i = 0; i < MAX_WALK; i++) {
    const next = nextOccurrence(cron, at)
    if (!next || next > now) break
    at = next
  }
  return at
}

/** The sweeper's source: for every unit with a bound room (not a grid) and each kind switched on, its timer. */
export const digestTimers = (clock: Clock): TimerSource => ({
  async pending(db, before, take, afterId) {
    const units = await digestRepo.unitsWithRooms(db, afterId, take)
    if (!units.length) return null
    const now = clock.now()
    // Far-off occurrences are not pending yet, even on a full sweep: each is handed over when it comes within reach.
    const horizon = (before ?? now).getTime() + DIGEST_LOOKAHEAD_MS
    const ids = [...new Set(units.flatMap((u) => ancestorIds(u.path)))]
    const policies = new Map((await digestRepo.policiesOf(db, ids)).map((u) => [u.id, u.policy]))
    const last = new Map(
      (
        await digestRepo.lastRuns(
          db,
          units.map((u) => u.id),
        )
      ).map((r) => [`${r.unitId}|${r.kind}`, r._max.occurrenceAt]),
    )
    const timers: TimerRequest[] = []
    for (const u of units) {
      const policy: DigestPolicy = resolveDigestPolicy(ancestorIds(u.path).map((id) => policies.get(id) ?? null))
      DIGEST_KINDS.forEach((kind, i) => {
        const cron = policy[kind]
        if (!cron) return
        const at = pendingOccurrence(cron, last.get(`${u.id}|${kind}`) ?? null, now)
        if (at && at.getTime() < horizon) timers.push(digestTimer(u.id, i, at))
      })
    }
    return { lastId: units.at(-1)?.id ?? afterId, timers }
  },
})
