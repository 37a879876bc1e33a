-- CreateTable
CREATE TABLE "DigestRun" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "roomId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "periodFrom" TIMESTAMP(3) NOT NULL,
    "occurrenceAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,
    "late" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "DigestRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DigestRun_unitId_kind_occurrenceAt_idx" ON "DigestRun"("unitId", "kind", "occurrenceAt");

-- CreateIndex
CREATE UNIQUE INDEX "DigestRun_roomId_kind_periodFrom_key" ON "DigestRun"("roomId", "kind", "periodFrom");
