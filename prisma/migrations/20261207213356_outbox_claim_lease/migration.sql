-- AlterTable
ALTER TABLE "OutboxClaim" ADD COLUMN     "account" TEXT,
ADD COLUMN     "lease" TEXT;
