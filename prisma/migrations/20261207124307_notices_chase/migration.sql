-- AlterTable
ALTER TABLE "Notice" ADD COLUMN     "chase" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "NoticeSchedule" ADD COLUMN     "confirm" BOOLEAN NOT NULL DEFAULT false;
