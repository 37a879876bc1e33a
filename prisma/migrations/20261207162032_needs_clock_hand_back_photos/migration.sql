-- AlterTable
ALTER TABLE "Media" ADD COLUMN     "needId" INTEGER;

-- AlterTable
ALTER TABLE "Need" ADD COLUMN     "escalatedRoomIds" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
ADD COLUMN     "escalationBase" TIMESTAMP(3),
ADD COLUMN     "escalationCycle" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "escalationLevel" INTEGER NOT NULL DEFAULT -1,
ADD COLUMN     "lastEscalatedAt" TIMESTAMP(3),
ADD COLUMN     "nextEscalationAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "assignedFromRoomId" INTEGER,
ADD COLUMN     "assignedFromUnitId" INTEGER;

-- CreateIndex
CREATE INDEX "Media_needId_idx" ON "Media"("needId");

-- CreateIndex
CREATE INDEX "Need_status_nextEscalationAt_idx" ON "Need"("status", "nextEscalationAt");

-- AddForeignKey
ALTER TABLE "Media" ADD CONSTRAINT "Media_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_assignedFromUnitId_fkey" FOREIGN KEY ("assignedFromUnitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_assignedFromRoomId_fkey" FOREIGN KEY ("assignedFromRoomId") REFERENCES "Room"("id") ON DELETE SET NULL ON UPDATE CASCADE;
