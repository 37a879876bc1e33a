-- AlterTable
ALTER TABLE "Webhook" ADD COLUMN     "body" TEXT;
