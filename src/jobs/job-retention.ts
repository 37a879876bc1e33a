// Finished jobs past the retention period, removed from every queue (BullMQ's clean). Jobs already trim themselves
// (removeOnComplete / removeOnFail ages); this catches what those settings kept and jobs from older versions.
import type { Queue } from 'bullmq'

const PER_CALL = 10_000

export async function cleanFinishedJobs(queues: Queue[], before: Date, now = Date.now()): Promise<number> {
  const grace = Math.max(0, now - before.getTime())
  let n = 0
  for (const q of queues) for (const state of ['completed', 'failed'] as const) n += (await q.clean(grace, PER_CALL, state)).length
  return n
}
