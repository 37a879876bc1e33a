-- CreateEnum
CREATE TYPE "ProjectStatus" AS ENUM ('open', 'claimed', 'done', 'cancelled');

-- AlterTable
ALTER TABLE "Media" ADD COLUMN     "sixId" INTEGER;

-- CreateTable
CREATE TABLE "Project" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "roomId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "status" "ProjectStatus" NOT NULL DEFAULT 'open',
    "creatorId" INTEGER NOT NULL,
    "holderId" INTEGER,
    "summary" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "claimedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "escalationCycle" INTEGER NOT NULL DEFAULT 0,
    "escalationLevel" INTEGER NOT NULL DEFAULT -1,
    "escalationBase" TIMESTAMP(3),
    "lastEscalatedAt" TIMESTAMP(3),
    "nextEscalationAt" TIMESTAMP(3),
    "escalatedRoomIds" INTEGER[] DEFAULT ARRAY[]::INTEGER[],

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectItem" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "refId" INTEGER NOT NULL,
    "actorId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProjectItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProjectEvent" (
    "id" SERIAL NOT NULL,
    "projectId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "actorId" INTEGER,
    "roomId" INTEGER,
    "fromStatus" "ProjectStatus",
    "toStatus" "ProjectStatus",
    "level" INTEGER,
    "note" TEXT,

    CONSTRAINT "ProjectEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SixRecord" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "roomId" INTEGER,
    "kind" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SixRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GradeEntry" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "grade" TEXT NOT NULL,
    "graderId" INTEGER NOT NULL,
    "roomId" INTEGER,
    "previous" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GradeEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Project_unitId_status_idx" ON "Project"("unitId", "status");

-- CreateIndex
CREATE INDEX "Project_status_nextEscalationAt_idx" ON "Project"("status", "nextEscalationAt");

-- CreateIndex
CREATE INDEX "Project_holderId_status_idx" ON "Project"("holderId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Project_districtId_number_key" ON "Project"("districtId", "number");

-- CreateIndex
CREATE INDEX "ProjectItem_kind_refId_idx" ON "ProjectItem"("kind", "refId");

-- CreateIndex
CREATE UNIQUE INDEX "ProjectItem_projectId_kind_refId_key" ON "ProjectItem"("projectId", "kind", "refId");

-- CreateIndex
CREATE INDEX "ProjectEvent_projectId_at_idx" ON "ProjectEvent"("projectId", "at");

-- CreateIndex
CREATE INDEX "SixRecord_memberId_at_idx" ON "SixRecord"("memberId", "at");

-- CreateIndex
CREATE INDEX "SixRecord_districtId_at_idx" ON "SixRecord"("districtId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "SixRecord_memberId_kind_source_ref_key" ON "SixRecord"("memberId", "kind", "source", "ref");

-- CreateIndex
CREATE INDEX "GradeEntry_memberId_period_at_idx" ON "GradeEntry"("memberId", "period", "at");

-- CreateIndex
CREATE INDEX "GradeEntry_districtId_period_idx" ON "GradeEntry"("districtId", "period");
