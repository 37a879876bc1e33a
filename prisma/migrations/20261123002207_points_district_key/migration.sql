-- Ids people type (V1, T1, H1, P1) are per district: the ledger's idempotency key is scoped to the district too, and
-- #冲正 looks entries up by (districtId, source, ref), which this index serves. Existing rows stay valid: a key with
-- one more column is only weaker. The ledger is not touched (append-only).
-- DropIndex
DROP INDEX "PointsEntry_source_ref_memberId_key";

-- CreateIndex
CREATE UNIQUE INDEX "PointsEntry_districtId_source_ref_memberId_key" ON "PointsEntry"("districtId", "source", "ref", "memberId");
