-- AlterTable
ALTER TABLE "NoticeDelivery" ADD COLUMN     "ackNote" TEXT;
