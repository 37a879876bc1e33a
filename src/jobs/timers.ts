// Timers (escalation steps, reminders, the sweeper) as BullMQ delayed jobs with deterministic ids. PostgreSQL
// holds the truth (Task.nextEscalationAt / nextReminderAt); these jobs only wake the handlers up on time.
import { Queue, type Job, type Worker } from 'bullmq'
import type { Clock } from '../core/clock.ts'
import type { Scheduler, TimerRequest } from '../core/ports.ts'
import { jobId } from '../core/ids.ts'
import type { Logger } from '../core/logger.ts'
import { prefixOf, quietQueue, type QueueEnv } from './queues.ts'
import { createWorker } from './worker-factory.ts'

export const TIMERS_QUEUE = 'timers'
/** In virtual time nothing fires by itself: the simulator promotes each job when virtual time reaches it. */
const VIRTUAL_DELAY_MS = 10 * 365 * 86_400_000

export interface TimerData {
  subjectId: number
  /** Jobs written before hazards existed named the task this way. */
  taskId?: number
  cycle: number
  step: number
  dueAt: string
}

export const timerJobId = (t: Pick<TimerRequest, 'kind' | 'subjectId' | 'cycle' | 'step'>) => jobId(t.kind, t.subjectId, t.cycle, t.step)

export class TimerQueue implements Scheduler {
  readonly queue: Queue<TimerData>
  constructor(
    env: QueueEnv,
    private readonly clock: Clock,
    private readonly virtual: boolean,
  ) {
    this.queue = quietQueue(
      new Queue<TimerData>(TIMERS_QUEUE, {
        connection: env.connection,
        prefix: prefixOf(env, TIMERS_QUEUE),
        defaultJobOptions: {
          attempts: 5,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: { age: 7 * 86_400, count: 100_000 },
          removeOnFail: { age: 30 * 86_400 },
        },
      }),
    )
  }

  private delay(dueAt: Date): number {
    const ms = dueAt.getTime() - this.clock.now().getTime()
    if (ms <= 0) return 0
    return this.virtual ? VIRTUAL_DELAY_MS : ms
  }

  async schedule(t: TimerRequest): Promise<void> {
    await this.queue.add(
      t.kind,
      { subjectId: t.subjectId, cycle: t.cycle, step: t.step, dueAt: t.dueAt.toISOString() },
      { jobId: timerJobId(t), delay: this.delay(t.dueAt) },
    )
  }

  async ensure(t: TimerRequest): Promise<boolean> {
    const job = await this.queue.getJob(timerJobId(t))
    if (job) {
      const state = await job.getState()
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return false
      await job.remove() // it ran (or died) yet the database still waits for it: run it again
    }
    await this.schedule(t)
    return true
  }

  /** The sweeper's own schedule. Re-upserted every minute by workers, so even a FLUSHALL cannot stop it for long. */
  async upsertSweeper(everyMs: number): Promise<void> {
    await this.queue.upsertJobScheduler('sweeper', { every: everyMs }, { name: 'sweep', data: { subjectId: 0, cycle: 0, step: 0, dueAt: '' } })
  }

  close(): Promise<void> {
    return this.queue.close()
  }
}

/** By timer kind (the capabilities declare theirs) and the sweeper's own `sweep`. */
export type TimerHandlers = Record<string, (data: TimerData, job: Job<TimerData>) => Promise<unknown>>

export function startTimersWorker(
  env: QueueEnv,
  handlers: TimerHandlers,
  opts: { concurrency: number; log: Logger; lockMs: number; lateness?: (kind: string, seconds: number) => void },
): Worker<TimerData> {
  // A crashed worker's job is taken over once its lock lapses (stalled-job check), then re-runs idempotently.
  return createWorker<TimerData>(
    TIMERS_QUEUE,
    async (job) => {
      const handler = handlers[job.name]
      if (!handler) throw new Error(`unknown timer ${job.name}`)
      const due = Date.parse(job.data.dueAt)
      if (opts.lateness && Number.isFinite(due)) opts.lateness(job.name, Math.max(0, Date.now() - due) / 1000)
      return handler({ ...job.data, subjectId: job.data.subjectId ?? job.data.taskId ?? 0 }, job)
    },
    { env, log: opts.log, role: 'timers', concurrency: opts.concurrency, lockMs: opts.lockMs },
  )
}
