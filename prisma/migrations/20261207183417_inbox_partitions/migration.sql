-- The inbox range-partitioned by UTC month, like "Checkin" (migration …_monthly_partitions). Hand-written: Prisma
-- does not model partitions (its schema engine reads the partitioned parent as the model).
-- PostgreSQL wants the partition key in the primary key, and the key is what makes a redelivered message count once,
-- so the partition key must be fixed per message: "messageAt", the message's own time (WeChat's timestamp, the same
-- on every redelivery; the gateway's receive time when the transport gives none). The key becomes
-- ("accountId", "messageId", "messageAt"). Existing rows take their "receivedAt". Why this and not a dedupe table:
-- docs/operations.md, "Partitions".

-- gridbot_drop_month_partitions_keeping(parent, before, keep): as gridbot_drop_month_partitions, but the rows of a
-- dropped month matching `keep` (an SQL condition on the row, e.g. "handledAt" IS NULL) go into the DEFAULT
-- partition first (nothing unfinished is lost with its month), and DEFAULT rows older than `before` matching `keep`
-- stay. Returns the dropped partitions' names.
CREATE OR REPLACE FUNCTION gridbot_drop_month_partitions_keeping(parent text, before timestamp, keep text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
  child text;
  col text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('gridbot_partitions'));
  FOR child IN
    SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = format('%I', parent)::regclass AND c.relname ~ ('^' || parent || '_[0-9]{6}$')
      AND (to_date(right(c.relname, 6), 'YYYYMM') + interval '1 month') <= before
    ORDER BY c.relname
  LOOP
    EXECUTE format('ALTER TABLE %I DETACH PARTITION %I', parent, child);
    EXECUTE format('INSERT INTO %I SELECT * FROM %I WHERE %s', parent, child, keep);
    EXECUTE format('DROP TABLE %I', child);
    RETURN NEXT child;
  END LOOP;
  IF to_regclass(format('%I', parent || '_default')) IS NOT NULL THEN
    SELECT a.attname INTO col FROM pg_partitioned_table p
      JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0]
      WHERE p.partrelid = format('%I', parent)::regclass;
    EXECUTE format('DELETE FROM %I WHERE %I < %L AND NOT (%s)', parent || '_default', col, before, keep);
  END IF;
END $$;

ALTER TABLE "InboxMessage" RENAME TO "InboxMessage_unpartitioned";
ALTER TABLE "InboxMessage_unpartitioned" DROP CONSTRAINT "InboxMessage_pkey";
DROP INDEX "InboxMessage_handledAt_receivedAt_idx";

CREATE TABLE "InboxMessage" (
    "accountId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "conversation" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "handledAt" TIMESTAMP(3),
    "messageAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InboxMessage_pkey" PRIMARY KEY ("accountId", "messageId", "messageAt")
) PARTITION BY RANGE ("messageAt");
CREATE INDEX "InboxMessage_handledAt_receivedAt_idx" ON "InboxMessage"("handledAt", "receivedAt");
CREATE TABLE "InboxMessage_default" PARTITION OF "InboxMessage" DEFAULT;

-- A partition for every month that has rows, this month and the next; then the rows move in.
DO $$
DECLARE m date;
BEGIN
  FOR m IN SELECT date_trunc('month', "receivedAt")::date FROM "InboxMessage_unpartitioned"
    UNION SELECT date_trunc('month', now())::date UNION SELECT (date_trunc('month', now()) + interval '1 month')::date
  LOOP
    PERFORM gridbot_month_partition('InboxMessage', m);
  END LOOP;
END $$;

INSERT INTO "InboxMessage" ("accountId", "messageId", "conversation", "payload", "receivedAt", "handledAt", "messageAt")
  SELECT "accountId", "messageId", "conversation", "payload", "receivedAt", "handledAt", "receivedAt" FROM "InboxMessage_unpartitioned";
DROP TABLE "InboxMessage_unpartitioned";
