// A scheduled digest's chart, drawn after the digest's transaction: the digest job counts, posts the texts and marks
// its claimed runs chart "pending"; this job (deterministic id per unit, kind and occurrence) counts again with no
// transaction open — the period is over, so the numbers are the text's — renders the PNG, keeps it in the media store
// under a name per (unit, kind, period), and in one short transaction moves each run pending → sent and writes its
// image to the outbox. Run twice, it posts nothing more; lost with Redis, the sweeper hands it over again.
import { Effects } from '../../core/effects.ts'
import { jobId } from '../../core/ids.ts'
import type { TimerRequest } from '../../core/ports.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import type { Unit } from '../../kernel/org/org.types.ts'
import { imageToRoom } from '../../kernel/org/room-message.ts'
import { runTimerStep, type StepOutcome, type TimerDeps } from '../../kernel/timers/timer-step.ts'
import type { TimerSource } from '../../kernel/timers/sweeper.ts'
import { DIGEST_KINDS } from './digest-policy.ts'
import { previousPeriod } from './digest-rules.ts'
import { digestChartTimer, minutesOf } from './digest-schedule.service.ts'
import { digestFor } from './digest.service.ts'
import { digestChartPng } from './digest-chart.ts'
import { digestRepo } from './digest.repo.ts'

export async function runDigestChart(deps: TimerDeps, unitId: number, step: number, cycle: number): Promise<StepOutcome> {
  const kind = DIGEST_KINDS[step]
  const occurrence = new Date(cycle * 60_000)
  const runs = kind ? await digestRepo.chartsPending(deps.prisma, unitId, kind, occurrence) : []
  const unit = (await orgRepo.unitById(deps.prisma, unitId)) as Unit | null
  const [run] = runs
  if (!kind || !unit || !run) return 'stale'
  const period = previousPeriod(kind, occurrence)
  const c = await digestFor({ db: deps.prisma, effects: new Effects(), now: deps.clock.now() }, unit, period, { late: run.late })

  const png = await digestChartPng(c)
  const ref = png ? await deps.media.put(`charts/${unitId}-${kind}-${minutesOf(period.from)}.png`, png) : null
  return runTimerStep(deps, 'digest_chart', async (tx, effects) => {
    let posted = false
    for (const r of runs) {
      if (!(await digestRepo.chartSent(tx, r.id)) || !ref) continue
      effects.post(imageToRoom(r.room, ref), jobId('digest-chart', r.roomId, kind, minutesOf(period.from)))
      posted = true
    }
    return posted ? 'posted' : 'stale'
  })
}

/** The sweeper's source: a job for every occurrence with a chart still owed (after a flush or a crash in between). */
export const digestChartTimers: TimerSource = {
  async pending(db, before, take, afterId) {
    const runs = await digestRepo.pendingCharts(db, before, take, afterId)
    const last = runs.at(-1)
    if (!last) return null
    const timers = new Map<string, TimerRequest>()
    for (const r of runs) {
      const step = DIGEST_KINDS.indexOf(r.kind as (typeof DIGEST_KINDS)[number])
      if (step >= 0) timers.set(`${r.unitId}|${step}|${minutesOf(r.occurrenceAt)}`, digestChartTimer(r.unitId, step, r.occurrenceAt, r.sentAt))
    }
    return { lastId: last.id, timers: [...timers.values()] }
  },
}
