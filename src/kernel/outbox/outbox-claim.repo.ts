// Outbox claims tied to the account lease their sender held (issue #27): the queries that find who holds a claim and
// take over the claims whose lease is void. The claim itself is outboxRepo.claim (outbox.repo.ts).
import type { DbOrTx } from '../../db/client.ts'
import { directQuery, sqlTime } from '../../db/direct-sql.ts'

/** The account lease a claim was taken under (outbound/account-lease.ts: the lease's value, holder and token). */
export interface ClaimLease {
  account: string
  value: string
}

export const outboxClaimRepo = {
  /** The leases behind these parts' claims (claims without a lease, or of parts sent, are left out). */
  leasesOf: (db: DbOrTx, parts: string[]) =>
    directQuery<{ part: string; account: string; lease: string }>(
      db,
      'outbox_claim_leases',
      `SELECT "part", "account", "lease" FROM "OutboxClaim"
       WHERE "part" = ANY($1::text[]) AND "holder" <> 'sent' AND "account" IS NOT NULL AND "lease" IS NOT NULL`,
      [parts],
    ),
  /** Takes over these parts' claims for `holder` if each is still held under the (void) lease given with it and
   *  its row is not marked sent; returns the parts taken. */
  takeOver: async (db: DbOrTx, voided: { part: string; lease: string }[], holder: string, at: Date, lease: ClaimLease) =>
    (
      await directQuery<{ part: string }>(
        db,
        'outbox_claim_take_over',
        `UPDATE "OutboxClaim" c SET "holder" = $3, "at" = $4::timestamp(3), "account" = $5, "lease" = $6
         FROM unnest($1::text[], $2::text[]) AS v(part, lease)
         WHERE c."part" = v.part AND c."lease" = v.lease AND c."holder" <> 'sent'
           AND NOT EXISTS (SELECT 1 FROM "OutboxMessage" o WHERE o."key" = c."key" AND o."sentAt" IS NOT NULL)
         RETURNING c."part"`,
        [voided.map((v) => v.part), voided.map((v) => v.lease), holder, sqlTime(at), lease.account, lease.value],
      )
    ).map((r) => r.part),
}
