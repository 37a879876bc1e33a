-- AlterEnum
ALTER TYPE "NeedStatus" ADD VALUE 'pending';

-- DropForeignKey
ALTER TABLE "Need" DROP CONSTRAINT "Need_reporterId_fkey";

-- AlterTable
ALTER TABLE "Need" ADD COLUMN     "closeReason" TEXT,
ADD COLUMN     "closedAt" TIMESTAMP(3),
ADD COLUMN     "reporterName" TEXT,
ADD COLUMN     "reporterWxid" TEXT,
ALTER COLUMN "reporterId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "assignedFromRoomId" INTEGER,
ADD COLUMN     "assignedFromUnitId" INTEGER;

-- AddForeignKey
ALTER TABLE "Need" ADD CONSTRAINT "Need_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_assignedFromUnitId_fkey" FOREIGN KEY ("assignedFromUnitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_assignedFromRoomId_fkey" FOREIGN KEY ("assignedFromRoomId") REFERENCES "Room"("id") ON DELETE SET NULL ON UPDATE CASCADE;
