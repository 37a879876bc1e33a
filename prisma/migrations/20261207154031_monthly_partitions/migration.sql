-- Monthly range partitions for the append-only tables whose partition key is fixed when the row is written:
-- "Checkin" and "AccountEvent", partitioned on "at" (UTC months). Hand-written: Prisma does not model partitions
-- (its schema engine reads the partitioned parent as the model and ignores the partitions, so `npm run
-- db:migration` and `prisma migrate deploy` keep working). PostgreSQL requires the partition key in every primary
-- key and unique constraint: the primary keys become ("id", "at") and the check-in's message key ("accountId",
-- "messageId", "at"), as schema.prisma says. Existing rows are moved into the partitioned tables.
-- Which tables are not partitioned, and why: docs/operations.md, "Partitions".

-- gridbot_month_partition(parent, month): creates the parent's partition for the UTC month containing `month`
-- (named <parent>_YYYYMM) unless it exists; rows of that month already in the DEFAULT partition move into it.
-- Returns the partition's name when it created one, NULL otherwise. Run ahead by the partition job; two processes
-- running it at once take turns (a transaction-scoped advisory lock).
CREATE OR REPLACE FUNCTION gridbot_month_partition(parent text, month date) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  m date := date_trunc('month', month)::date;
  n date := (date_trunc('month', month) + interval '1 month')::date;
  child text := parent || '_' || to_char(month, 'YYYYMM');
  col text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('gridbot_partitions'));
  IF to_regclass(format('%I', child)) IS NOT NULL THEN
    RETURN NULL;
  END IF;
  SELECT a.attname INTO col FROM pg_partitioned_table p
    JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0]
    WHERE p.partrelid = format('%I', parent)::regclass;
  EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS)', child, parent);
  IF to_regclass(format('%I', parent || '_default')) IS NOT NULL THEN
    EXECUTE format('WITH moved AS (DELETE FROM %I WHERE %I >= %L AND %I < %L RETURNING *) INSERT INTO %I SELECT * FROM moved',
      parent || '_default', col, m, col, n, child);
  END IF;
  EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', parent, child, m, n);
  RETURN child;
END $$;

-- gridbot_drop_month_partitions(parent, before): drops the parent's monthly partitions that end on or before
-- `before` (wholly past) and returns their names; rows older than `before` in the DEFAULT partition are deleted.
CREATE OR REPLACE FUNCTION gridbot_drop_month_partitions(parent text, before timestamp) RETURNS SETOF text LANGUAGE plpgsql AS $$
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
    EXECUTE format('DROP TABLE %I', child);
    RETURN NEXT child;
  END LOOP;
  IF to_regclass(format('%I', parent || '_default')) IS NOT NULL THEN
    SELECT a.attname INTO col FROM pg_partitioned_table p
      JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0]
      WHERE p.partrelid = format('%I', parent)::regclass;
    EXECUTE format('DELETE FROM %I WHERE %I < %L', parent || '_default', col, before);
  END IF;
END $$;

-- Checkin
ALTER TABLE "Checkin" RENAME TO "Checkin_unpartitioned";
ALTER TABLE "Checkin_unpartitioned" DROP CONSTRAINT "Checkin_pkey";
ALTER TABLE "Checkin_unpartitioned" DROP CONSTRAINT "Checkin_memberId_fkey";
ALTER TABLE "Checkin_unpartitioned" DROP CONSTRAINT "Checkin_unitId_fkey";
ALTER TABLE "Checkin_unpartitioned" DROP CONSTRAINT "Checkin_roomId_fkey";
DROP INDEX "Checkin_accountId_messageId_key";
DROP INDEX "Checkin_unitId_at_idx";
DROP INDEX "Checkin_memberId_at_idx";

CREATE TABLE "Checkin" (
    "id" INTEGER NOT NULL DEFAULT nextval('"Checkin_id_seq"'::regclass),
    "memberId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "roomId" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "households" INTEGER,
    "note" TEXT,
    "at" TIMESTAMP(3) NOT NULL,
    "accountId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "address" TEXT,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "Checkin_pkey" PRIMARY KEY ("id", "at")
) PARTITION BY RANGE ("at");
ALTER SEQUENCE "Checkin_id_seq" OWNED BY "Checkin"."id";
CREATE UNIQUE INDEX "Checkin_accountId_messageId_at_key" ON "Checkin"("accountId", "messageId", "at");
CREATE INDEX "Checkin_unitId_at_idx" ON "Checkin"("unitId", "at");
CREATE INDEX "Checkin_memberId_at_idx" ON "Checkin"("memberId", "at");
ALTER TABLE "Checkin" ADD CONSTRAINT "Checkin_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Checkin" ADD CONSTRAINT "Checkin_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Checkin" ADD CONSTRAINT "Checkin_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE TABLE "Checkin_default" PARTITION OF "Checkin" DEFAULT;

-- AccountEvent
ALTER TABLE "AccountEvent" RENAME TO "AccountEvent_unpartitioned";
ALTER TABLE "AccountEvent_unpartitioned" DROP CONSTRAINT "AccountEvent_pkey";
ALTER TABLE "AccountEvent_unpartitioned" DROP CONSTRAINT "AccountEvent_accountId_fkey";
DROP INDEX "AccountEvent_accountId_at_idx";

CREATE TABLE "AccountEvent" (
    "id" INTEGER NOT NULL DEFAULT nextval('"AccountEvent_id_seq"'::regclass),
    "accountId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "detail" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AccountEvent_pkey" PRIMARY KEY ("id", "at")
) PARTITION BY RANGE ("at");
ALTER SEQUENCE "AccountEvent_id_seq" OWNED BY "AccountEvent"."id";
CREATE INDEX "AccountEvent_accountId_at_idx" ON "AccountEvent"("accountId", "at");
ALTER TABLE "AccountEvent" ADD CONSTRAINT "AccountEvent_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "BotAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
CREATE TABLE "AccountEvent_default" PARTITION OF "AccountEvent" DEFAULT;

-- A partition for every month that has rows, this month and the next; then the rows move in.
DO $$
DECLARE m date;
BEGIN
  FOR m IN SELECT date_trunc('month', "at")::date FROM "Checkin_unpartitioned"
    UNION SELECT date_trunc('month', now())::date UNION SELECT (date_trunc('month', now()) + interval '1 month')::date
  LOOP
    PERFORM gridbot_month_partition('Checkin', m);
  END LOOP;
  FOR m IN SELECT date_trunc('month', "at")::date FROM "AccountEvent_unpartitioned"
    UNION SELECT date_trunc('month', now())::date UNION SELECT (date_trunc('month', now()) + interval '1 month')::date
  LOOP
    PERFORM gridbot_month_partition('AccountEvent', m);
  END LOOP;
END $$;

INSERT INTO "Checkin" ("id", "memberId", "unitId", "roomId", "type", "households", "note", "at", "accountId", "messageId", "latitude", "longitude", "address", "revokedAt")
  SELECT "id", "memberId", "unitId", "roomId", "type", "households", "note", "at", "accountId", "messageId", "latitude", "longitude", "address", "revokedAt" FROM "Checkin_unpartitioned";
INSERT INTO "AccountEvent" ("id", "accountId", "state", "detail", "at")
  SELECT "id", "accountId", "state", "detail", "at" FROM "AccountEvent_unpartitioned";
DROP TABLE "Checkin_unpartitioned";
DROP TABLE "AccountEvent_unpartitioned";
