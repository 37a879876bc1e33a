// Messages the bot says at most once a day to a person (the voice hint): the outbox row's key names the person and
// the day, so "said already today" is whether that row was written.
import { jobId } from '../../core/ids.ts'
import { isoLocal } from '../../core/local-time.ts'
import type { Work } from '../work.ts'
import { outboxRepo } from './outbox.repo.ts'

/** The key of today's (local day's) `kind` message to `personId`, or null when it was written already today. */
export async function unsaidToday(w: Work, kind: string, personId: number): Promise<string | null> {
  const key = jobId('once-a-day', kind, personId, isoLocal(w.now).slice(0, 10))
  return (await outboxRepo.has(w.db, key)) ? null : key
}
