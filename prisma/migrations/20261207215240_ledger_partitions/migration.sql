-- The points ledger range-partitioned by UTC month on "at", like "Checkin" (migration …_monthly_partitions), for
-- growth: the ledger is the record of balances and is never dropped by retention. Hand-written: Prisma does not model
-- partitions (its schema engine reads the partitioned parent as the model).
-- PostgreSQL wants the partition key in the primary key and every unique constraint; the primary key becomes
-- ("id", "at"). The idempotency key (district, source, ref, member) is what makes a credit paid once (a settlement
-- run again, an event handled again), and the time an entry is written is not fixed by it (a correction, a
-- re-settlement after midnight): it moves to "PointsKey" (not partitioned), written in the same statement as the
-- entry, as the outbox's keys do (migration …_outbox_partitions). The self-reference "reversesId" loses its foreign
-- key: a foreign key to a partitioned table would need ("id", "at"), and moving a month's rows out of the DEFAULT
-- partition (gridbot_month_partition: delete, then insert) would fire its ON DELETE SET NULL. docs/operations.md,
-- "Partitions".

CREATE TABLE "PointsKey" (
    "districtId" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "memberId" INTEGER NOT NULL,

    CONSTRAINT "PointsKey_pkey" PRIMARY KEY ("districtId","source","ref","memberId")
);
ALTER TABLE "PointsKey" ADD CONSTRAINT "PointsKey_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "PointsKey" ADD CONSTRAINT "PointsKey_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
INSERT INTO "PointsKey" ("districtId", "source", "ref", "memberId") SELECT "districtId", "source", "ref", "memberId" FROM "PointsEntry";

ALTER TABLE "PointsEntry" RENAME TO "PointsEntry_unpartitioned";
ALTER TABLE "PointsEntry_unpartitioned" DROP CONSTRAINT "PointsEntry_reversesId_fkey";
ALTER TABLE "PointsEntry_unpartitioned" DROP CONSTRAINT "PointsEntry_pkey";
ALTER TABLE "PointsEntry_unpartitioned" DROP CONSTRAINT "PointsEntry_districtId_fkey";
ALTER TABLE "PointsEntry_unpartitioned" DROP CONSTRAINT "PointsEntry_memberId_fkey";
ALTER TABLE "PointsEntry_unpartitioned" DROP CONSTRAINT "PointsEntry_unitId_fkey";
ALTER TABLE "PointsEntry_unpartitioned" DROP CONSTRAINT "PointsEntry_actorId_fkey";
DROP INDEX "PointsEntry_districtId_source_ref_memberId_key";
DROP INDEX "PointsEntry_memberId_at_id_idx";
DROP INDEX "PointsEntry_districtId_at_idx";

CREATE TABLE "PointsEntry" (
    "id" INTEGER NOT NULL DEFAULT nextval('"PointsEntry_id_seq"'::regclass),
    "districtId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "centi" INTEGER NOT NULL,
    "reason" TEXT,
    "reversesId" INTEGER,
    "actorId" INTEGER,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PointsEntry_pkey" PRIMARY KEY ("id", "at")
) PARTITION BY RANGE ("at");
ALTER SEQUENCE "PointsEntry_id_seq" OWNED BY "PointsEntry"."id";
CREATE INDEX "PointsEntry_memberId_at_id_idx" ON "PointsEntry"("memberId", "at", "id");
CREATE INDEX "PointsEntry_districtId_at_idx" ON "PointsEntry"("districtId", "at");
ALTER TABLE "PointsEntry" ADD CONSTRAINT "PointsEntry_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "PointsEntry" ADD CONSTRAINT "PointsEntry_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "PointsEntry" ADD CONSTRAINT "PointsEntry_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "PointsEntry" ADD CONSTRAINT "PointsEntry_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE TABLE "PointsEntry_default" PARTITION OF "PointsEntry" DEFAULT;

-- Still append-only (migration …_points), on every partition: an UPDATE or DELETE is refused, but for the one
-- DELETE that moves a month's rows out of the DEFAULT partition into the month's new partition (the same rows,
-- inserted again in the same statement), which gridbot_month_partition marks for its transaction.
CREATE OR REPLACE FUNCTION "points_entry_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('gridbot.partition_move', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'PointsEntry is append-only (% refused); write a reversing entry instead', TG_OP USING ERRCODE = 'P0001';
END
$$;
CREATE TRIGGER "PointsEntry_append_only" BEFORE UPDATE OR DELETE ON "PointsEntry" FOR EACH ROW EXECUTE FUNCTION "points_entry_append_only"();

-- gridbot_month_partition (migration …_monthly_partitions) as before, the move out of DEFAULT marked (above).
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
    PERFORM set_config('gridbot.partition_move', 'on', true);
    EXECUTE format('WITH moved AS (DELETE FROM %I WHERE %I >= %L AND %I < %L RETURNING *) INSERT INTO %I SELECT * FROM moved',
      parent || '_default', col, m, col, n, child);
    PERFORM set_config('gridbot.partition_move', 'off', true);
  END IF;
  EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', parent, child, m, n);
  RETURN child;
END $$;

-- A partition for every month that has rows, this month and the next; then the rows move in.
DO $$
DECLARE m date;
BEGIN
  FOR m IN SELECT date_trunc('month', "at")::date FROM "PointsEntry_unpartitioned"
    UNION SELECT date_trunc('month', now())::date UNION SELECT (date_trunc('month', now()) + interval '1 month')::date
  LOOP
    PERFORM gridbot_month_partition('PointsEntry', m);
  END LOOP;
END $$;

INSERT INTO "PointsEntry" ("id", "districtId", "memberId", "unitId", "source", "ref", "centi", "reason", "reversesId", "actorId", "at")
  SELECT "id", "districtId", "memberId", "unitId", "source", "ref", "centi", "reason", "reversesId", "actorId", "at" FROM "PointsEntry_unpartitioned";
DROP TABLE "PointsEntry_unpartitioned";
