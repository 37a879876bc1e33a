-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "file" TEXT,
ADD COLUMN     "fileName" TEXT;
