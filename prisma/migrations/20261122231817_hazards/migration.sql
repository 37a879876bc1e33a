-- CreateEnum
CREATE TYPE "HazardStatus" AS ENUM ('pending_duplicate', 'screening', 'reported', 'acknowledged', 'in_progress', 'resolved', 'verified', 'reopened', 'merged');

-- AlterTable
ALTER TABLE "Media" ADD COLUMN     "hazardId" INTEGER,
ADD COLUMN     "phase" TEXT,
ADD COLUMN     "wxid" TEXT,
ALTER COLUMN "memberId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "image" TEXT;

-- CreateTable
CREATE TABLE "Hazard" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "reportUnitId" INTEGER NOT NULL,
    "reportRoomId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "targetUnitId" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "priority" "Priority" NOT NULL DEFAULT 'normal',
    "status" "HazardStatus" NOT NULL,
    "reporterMemberId" INTEGER,
    "reporterWxid" TEXT NOT NULL,
    "reporterName" TEXT NOT NULL,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "address" TEXT,
    "reportCount" INTEGER NOT NULL DEFAULT 1,
    "suspectedDuplicateId" INTEGER,
    "mergedIntoId" INTEGER,
    "resolverId" INTEGER,
    "result" TEXT,
    "verifiedHow" TEXT,
    "accountId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "acknowledgedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "timerCycle" INTEGER NOT NULL DEFAULT 0,
    "escalationLevel" INTEGER NOT NULL DEFAULT -1,
    "escalationBase" TIMESTAMP(3),
    "lastEscalatedAt" TIMESTAMP(3),
    "nextEscalationAt" TIMESTAMP(3),
    "escalatedRoomIds" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "verifyStep" INTEGER NOT NULL DEFAULT 0,
    "nextVerifyAt" TIMESTAMP(3),
    "nextDuplicateAt" TIMESTAMP(3),

    CONSTRAINT "Hazard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HazardEvent" (
    "id" SERIAL NOT NULL,
    "hazardId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "actorId" INTEGER,
    "actorWxid" TEXT,
    "roomId" INTEGER,
    "fromStatus" "HazardStatus",
    "toStatus" "HazardStatus",
    "level" INTEGER,
    "note" TEXT,

    CONSTRAINT "HazardEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HazardSubscriber" (
    "hazardId" INTEGER NOT NULL,
    "wxid" TEXT NOT NULL,
    "roomId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HazardSubscriber_pkey" PRIMARY KEY ("hazardId","wxid")
);

-- CreateIndex
CREATE INDEX "Hazard_targetUnitId_category_createdAt_idx" ON "Hazard"("targetUnitId", "category", "createdAt");

-- CreateIndex
CREATE INDEX "Hazard_unitId_status_idx" ON "Hazard"("unitId", "status");

-- CreateIndex
CREATE INDEX "Hazard_reporterWxid_reportRoomId_createdAt_idx" ON "Hazard"("reporterWxid", "reportRoomId", "createdAt");

-- CreateIndex
CREATE INDEX "Hazard_status_nextEscalationAt_idx" ON "Hazard"("status", "nextEscalationAt");

-- CreateIndex
CREATE UNIQUE INDEX "Hazard_districtId_number_key" ON "Hazard"("districtId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Hazard_accountId_messageId_key" ON "Hazard"("accountId", "messageId");

-- CreateIndex
CREATE INDEX "HazardEvent_hazardId_at_idx" ON "HazardEvent"("hazardId", "at");

-- CreateIndex
CREATE INDEX "Media_wxid_roomId_at_idx" ON "Media"("wxid", "roomId", "at");

-- CreateIndex
CREATE INDEX "Media_hazardId_idx" ON "Media"("hazardId");

-- AddForeignKey
ALTER TABLE "HazardEvent" ADD CONSTRAINT "HazardEvent_hazardId_fkey" FOREIGN KEY ("hazardId") REFERENCES "Hazard"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HazardSubscriber" ADD CONSTRAINT "HazardSubscriber_hazardId_fkey" FOREIGN KEY ("hazardId") REFERENCES "Hazard"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Images kept before this migration were all from members: their contact ids, for the queries by sender.
UPDATE "Media" SET "wxid" = "Member"."wxid" FROM "Member" WHERE "Media"."memberId" = "Member"."id" AND "Media"."wxid" IS NULL;
