-- The outbox range-partitioned by UTC month on "createdAt", like "Checkin" (migration …_monthly_partitions).
-- Hand-written: Prisma does not model partitions (its schema engine reads the partitioned parent as the model).
-- PostgreSQL wants the partition key in the primary key, but an outbox row's key is what makes a reply or post go
-- out once, and the time a key is written is not fixed by the key: a timer run again after midnight, a notice
-- planned again, a rate-limit summary counted up, a replayed message write the same key at a later time. With the
-- time in the unique key, a replay across a month's end would write a second row and the post would go out twice.
-- So the key's uniqueness moves to "OutboxKey" (narrow, not partitioned, one row per key, written in the same
-- statement as the row), and the bodies are partitioned with the key ("key", "createdAt"). Why not a time per key:
-- docs/operations.md, "Partitions".

CREATE TABLE "OutboxKey" (
    "key" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OutboxKey_pkey" PRIMARY KEY ("key")
);
CREATE INDEX "OutboxKey_createdAt_idx" ON "OutboxKey"("createdAt");
INSERT INTO "OutboxKey" ("key", "createdAt") SELECT "key", "createdAt" FROM "OutboxMessage";

ALTER TABLE "OutboxMessage" RENAME TO "OutboxMessage_unpartitioned";
ALTER TABLE "OutboxMessage_unpartitioned" DROP CONSTRAINT "OutboxMessage_pkey";
DROP INDEX "OutboxMessage_sentAt_createdAt_idx";

CREATE TABLE "OutboxMessage" (
    "key" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "roomId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "mentionIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),
    "image" TEXT,
    "file" TEXT,
    "fileName" TEXT,
    "failReason" TEXT,
    "failedAt" TIMESTAMP(3),

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("key", "createdAt")
) PARTITION BY RANGE ("createdAt");
CREATE INDEX "OutboxMessage_sentAt_createdAt_idx" ON "OutboxMessage"("sentAt", "createdAt");
CREATE TABLE "OutboxMessage_default" PARTITION OF "OutboxMessage" DEFAULT;

-- A partition for every month that has rows, this month and the next; then the rows move in.
DO $$
DECLARE m date;
BEGIN
  FOR m IN SELECT date_trunc('month', "createdAt")::date FROM "OutboxMessage_unpartitioned"
    UNION SELECT date_trunc('month', now())::date UNION SELECT (date_trunc('month', now()) + interval '1 month')::date
  LOOP
    PERFORM gridbot_month_partition('OutboxMessage', m);
  END LOOP;
END $$;

INSERT INTO "OutboxMessage" ("key", "accountId", "roomId", "text", "mentionIds", "urgent", "createdAt", "sentAt", "image", "file", "fileName", "failReason", "failedAt")
  SELECT "key", "accountId", "roomId", "text", "mentionIds", "urgent", "createdAt", "sentAt", "image", "file", "fileName", "failReason", "failedAt" FROM "OutboxMessage_unpartitioned";
DROP TABLE "OutboxMessage_unpartitioned";
