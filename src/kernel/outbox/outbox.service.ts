// Replies and posts become outbox rows in the transaction of the record they confirm (the transactional outbox);
// after commit they are handed to the paced queue. A record is never saved without its confirmation on the way.
import type { OutboundMessage } from '../../core/message.ts'
import type { DbOrTx } from '../../db/client.ts'
import { outboxRepo, type OutboxRow } from './outbox.repo.ts'
import { outboxClaimRepo, type ClaimLease } from './outbox-claim.repo.ts'

export interface Keyed {
  message: OutboundMessage
  key: string
}

export const toRow = (p: Keyed, at: Date): OutboxRow => ({
  key: p.key,
  accountId: p.message.accountId,
  roomId: p.message.roomId,
  text: p.message.text,
  mentionIds: p.message.mentionIds,
  urgent: p.message.urgent ?? false,
  image: p.message.image ?? null,
  file: p.message.file?.ref ?? null,
  fileName: p.message.file?.name ?? null,
  createdAt: at,
})

export async function writeOutbox(db: DbOrTx, posts: Keyed[], at: Date): Promise<void> {
  await outboxRepo.write(
    db,
    posts.map((p) => toRow(p, at)),
  )
}

/**
 * A message to send later, not now, that counts what it stands for: written with `at` (when it is due) as its
 * creation time, so the sweeper sends it once due; written again under the same key, its count goes up by one.
 * `message.text` is a sqlTemplate with one value, the count.
 */
export async function writeCounting(db: DbOrTx, post: Keyed, at: Date): Promise<void> {
  await outboxRepo.writeCounting(db, toRow(post, at))
}

/** WeChat accepted these messages (their last parts): the sweeper will not send them again. Returns the keys that
 *  were not marked before (what was delivered just now: the audit trails record those). */
export async function markSent(db: DbOrTx, keys: string[], at: Date): Promise<string[]> {
  return outboxRepo.markSent(db, keys, at)
}

/** A row back as the message the queue sends. */
export const fromRow = (r: OutboxRow): Keyed => ({
  key: r.key,
  message: {
    accountId: r.accountId,
    roomId: r.roomId,
    text: r.text,
    mentionIds: r.mentionIds,
    urgent: r.urgent,
    ...(r.image ? { image: r.image } : {}),
    ...(r.file ? { file: { ref: r.file, name: r.fileName ?? r.file } } : {}),
  },
})

/**
 * A text whose numbers only the database knows when it writes the row (the check-in hot path counts in the same
 * statement): rendered with placeholders, as a template for PostgreSQL's format() (%1$s, %2$s …).
 */
export function sqlTemplate<N extends number>(arity: N, render: (...values: string[]) => string): string {
  const marks = Array.from({ length: arity }, (_, i) => String.fromCharCode(0xe000 + i))
  let t = render(...marks).replace(/%/g, '%%')
  marks.forEach((m, i) => {
    t = t.split(m).join(`%${i + 1}$s`)
  })
  return t
}

/** A post whose send gave up: kept with the reason for `gridbot outbox failed` (and `retry`). */
export async function markFailed(db: DbOrTx, key: string, reason: string, at: Date): Promise<void> {
  await outboxRepo.markFailed(db, key, reason, at)
}

export interface FailedPost {
  key: string
  accountId: string
  roomId: string
  text: string
  createdAt: Date
  failedAt: Date | null
  failReason: string | null
}

/** Of these keys, the rows not yet sent, written since `since`, in key order. */
export const unsentPosts = async (db: DbOrTx, keys: string[], since: Date): Promise<Keyed[]> => (await outboxRepo.unsentOf(db, keys, since)).map(fromRow)

export const failedPosts = (db: DbOrTx, take = 500): Promise<FailedPost[]> => outboxRepo.failed(db, take)

/** `gridbot outbox retry`: clears the failure of these posts (all when null) and returns them to be sent again. */
export async function takeFailedPosts(db: DbOrTx, keys: string[] | null): Promise<Keyed[]> {
  return (await outboxRepo.takeFailed(db, keys)).map(fromRow)
}

/** How long a sender's claim on a part holds (outbox.repo.ts claim): longer than any send and its mark take, a
 *  PostgreSQL restart included; a claim this old belongs to a sender that died, and the part may be sent again. */
export const CLAIM_MS = 10 * 60_000

/** The account lease a sender claims under, and a look at which claims' leases are still their account's now. */
export interface LeaseCheck extends ClaimLease {
  /** For each claim's lease: whether it is still its account's lease (its holder still serves the account). */
  current(leases: ClaimLease[]): Promise<boolean[]>
}

/**
 * The parts (send job ids, each with its row's key) `holder` may send now: see outboxRepo.claim. Under a lease, a
 * claim is tied to the account lease its sender held: one whose lease is no longer its account's (its gateway died,
 * was restarted, or gave the account up — the lease's fencing token moved on) is void at once and taken over, so the
 * next holder sends the post without waiting out CLAIM_MS; a claim under a lease still held (a live sender, this
 * process's other run) holds. The lease lives in Redis and the claim in PostgreSQL, so only a part found claimed
 * costs the look (one more query, one Redis read), and the take-over is conditional on the very lease that was seen.
 */
export async function claimParts(db: DbOrTx, parts: { part: string; key: string }[], holder: string, at: Date, lease?: LeaseCheck): Promise<Set<string>> {
  if (!parts.length) return new Set()
  const own = lease ? { account: lease.account, value: lease.value } : null
  const claimed = new Set(await outboxRepo.claim(db, parts, holder, at, new Date(at.getTime() - CLAIM_MS), own))
  if (!lease || !own || claimed.size === parts.length) return claimed
  const held = await outboxClaimRepo.leasesOf(
    db,
    parts.filter((p) => !claimed.has(p.part)).map((p) => p.part),
  )
  if (!held.length) return claimed
  const current = await lease.current(held.map((h) => ({ account: h.account, value: h.lease })))
  const voided = held.filter((_, i) => !current[i])
  if (voided.length) for (const p of await outboxClaimRepo.takeOver(db, voided, holder, at, own)) claimed.add(p)
  return claimed
}

/** Claims let go (the send failed: a retry takes them again). */
export async function releaseParts(db: DbOrTx, parts: string[], holder: string): Promise<void> {
  if (parts.length) await outboxRepo.release(db, parts, holder)
}

/** Parts of long rows sent (not their last): never sent again, whoever runs them. */
export async function partsSent(db: DbOrTx, parts: string[], holder: string): Promise<void> {
  if (parts.length) await outboxRepo.partSent(db, parts, holder)
}
