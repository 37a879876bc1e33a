// The sender's active job takes along the account's next waiting posts (GRIDBOT_OUTBOUND_BATCH; jobs/outbound-drain.ts):
// each round reads them in the order BullMQ would take them, claims their outbox parts in PostgreSQL in one statement,
// sends what it claimed (each room's posts one after another; without pacing, rooms side by side; with pacing, one
// post per round at the account's pace, so an urgent post still goes first), and finishes them in Redis together.
// A part claimed elsewhere (another run has it) is finished without a send. A send that fails lets its claim go and
// ends the taking along: its job stays waiting and BullMQ runs it as usual, with its retries and their handling.
import type { Job, Worker } from 'bullmq'
import type { Logger } from '../core/logger.ts'
import type { OutboundDrain, WaitingPost } from '../jobs/outbound-drain.ts'
import type { OutboundJob } from './outbox.ts'
import { paceGap, type Pace } from './pace.ts'

/** Claims for the parts a sender sends (kernel/outbox claimParts): `holder` names one run of the sender. */
export interface SendClaims {
  claim(parts: { part: string; key: string }[], holder: string): Promise<Set<string>>
  release(parts: string[], holder: string): Promise<void>
  /** Parts of long rows sent (not the last): never sent again. */
  partsSent(parts: string[], holder: string): Promise<void>
}

export interface TakeAlong {
  drain: OutboundDrain
  worker: () => Worker<OutboundJob>
  claims: SendClaims
  /** Sends one post (the transport), then marks it (sent-marks); throws as the transport does. */
  deliver(post: OutboundJob): Promise<void>
  /** Whether a post may go through this account now (logged in, lease held). */
  ready(): Promise<boolean>
  pace: Pace | null
  batch: number
  log: Logger
}

/** Posts read per round without pacing (bounded by what is left of the batch). */
const PEEK = 32
/** Unpaced, once the account's queue is drained the job lingers: it looks again after this long, up to LINGER_LOOKS
 *  times in a row finding nothing, so posts that come one by one (replies at a steady rate) are taken along by the
 *  running job instead of each waking the sender for a job of its own (about 28 Redis commands). A post waits at
 *  most this long more: 15 ms cost the pipeline's p99 at 100/s 22 → 35 ms on a quiet machine, 5 ms kept it at 30 ms
 *  for nearly the same commands (BENCHMARKS.md). */
const LINGER_MS = 5
const LINGER_LOOKS = 3

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** One round: claimed posts sent, each room's in order; returns the jobs done (sent, or claimed elsewhere), how
 *  many went out and whether a send failed. */
async function sendRound(t: TakeAlong, posts: WaitingPost<OutboundJob>[], holder: string): Promise<{ done: string[]; sent: number; failed: boolean }> {
  const keyed = posts.filter((p) => p.data.outboxKey)
  const claimed = await t.claims.claim(
    keyed.map((p) => ({ part: p.id, key: p.data.outboxKey ?? p.id })),
    holder,
  )
  const done = keyed.filter((p) => !claimed.has(p.id)).map((p) => p.id)
  const byRoom = new Map<string, WaitingPost<OutboundJob>[]>()
  for (const p of keyed) if (claimed.has(p.id)) byRoom.set(p.data.roomId, [...(byRoom.get(p.data.roomId) ?? []), p])
  let failed = false
  let sentCount = 0
  const sentParts: string[] = []
  await Promise.all(
    [...byRoom.values()].map(async (room) => {
      for (const [i, p] of room.entries()) {
        if (failed) {
          await t.claims.release(
            room.slice(i).map((x) => x.id),
            holder,
          )
          return
        }
        try {
          await t.deliver(p.data)
        } catch (err) {
          failed = true
          await t.claims.release(
            room.slice(i).map((x) => x.id),
            holder,
          )
          t.log.warn({ jobId: p.id, err }, 'post taken along failed; it is sent as its own job')
          return
        }
        done.push(p.id)
        sentCount++
        if (!p.data.last) sentParts.push(p.id)
      }
    }),
  )
  await t.claims.partsSent(sentParts, holder)
  return { done, sent: sentCount, failed }
}

/** Takes along up to `batch - 1` waiting posts after `job` (sent by the caller). */
export function takingAlong(t: TakeAlong) {
  return async (job: Job<OutboundJob>, token: string | undefined, holder: string): Promise<void> => {
    const worker = t.worker()
    if (!job.id || !token) return
    const lock = { id: job.id, token }
    /** A post went out since the last wait at the account's pace. */
    let owesGap = false
    /** Unpaced: looks in a row that found the queue drained (the first one looks at once). */
    let drained = -1
    for (let left = t.batch - 1; left > 0 && !worker.closing; ) {
      // Paced: the gap first, then the next post, so one that came meanwhile (an urgent one) goes in its place.
      if (t.pace) await sleep(paceGap(t.pace))
      else if (drained > 0) await sleep(LINGER_MS)
      owesGap = false
      if (!(await t.ready())) break
      const want = t.pace ? 1 : Math.min(PEEK, left)
      const posts = await t.drain.peek(worker, lock, want)
      // A post without an outbox row behind it (none today) is left to BullMQ, as is everything after it.
      const upTo = posts.findIndex((p) => !p.data.outboxKey)
      const round = upTo < 0 ? posts : posts.slice(0, upTo)
      if (upTo >= 0 && !round.length) break
      drained = posts.length < want ? Math.max(drained, 0) + 1 : 0
      if (!round.length) {
        if (t.pace || drained > LINGER_LOOKS) break
        continue
      }
      const { done, sent, failed } = await sendRound(t, round, holder)
      owesGap = sent > 0
      // Sent (claimed and delivered) before it leaves `wait`: a crash before this line leaves the jobs for BullMQ,
      // whose run finds their parts claimed (or their rows sent) and does not send them again.
      await t.drain.complete(worker, done)
      if (failed || !done.length) break
      left -= done.length
    }
    // The account's pace holds across the end of the batch: BullMQ's limiter only counts the jobs it takes.
    if (owesGap && t.pace) await sleep(paceGap(t.pace))
  }
}
