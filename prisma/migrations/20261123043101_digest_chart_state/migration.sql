-- AlterTable
ALTER TABLE "DigestRun" ADD COLUMN     "chartState" TEXT;

-- CreateIndex
CREATE INDEX "DigestRun_chartState_id_idx" ON "DigestRun"("chartState", "id");
