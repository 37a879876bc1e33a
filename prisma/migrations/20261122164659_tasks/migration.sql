-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('open', 'claimed', 'done', 'cancelled');

-- CreateEnum
CREATE TYPE "Priority" AS ENUM ('normal', 'urgent');

-- CreateEnum
CREATE TYPE "NeedStatus" AS ENUM ('open', 'converted', 'closed');

-- AlterTable
ALTER TABLE "Media" ADD COLUMN     "taskId" INTEGER;

-- CreateTable
CREATE TABLE "ShortIdCounter" (
    "districtId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ShortIdCounter_pkey" PRIMARY KEY ("districtId","kind")
);

-- CreateTable
CREATE TABLE "Need" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "roomId" INTEGER NOT NULL,
    "reporterId" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "status" "NeedStatus" NOT NULL DEFAULT 'open',
    "taskId" INTEGER,
    "accountId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Need_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Task" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "roomId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "priority" "Priority" NOT NULL DEFAULT 'normal',
    "status" "TaskStatus" NOT NULL DEFAULT 'open',
    "deadline" TIMESTAMP(3),
    "creatorId" INTEGER NOT NULL,
    "holderId" INTEGER,
    "needId" INTEGER,
    "notifyWxids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "result" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "claimedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "escalationCycle" INTEGER NOT NULL DEFAULT 0,
    "escalationKind" TEXT,
    "escalationLevel" INTEGER NOT NULL DEFAULT -1,
    "escalationBase" TIMESTAMP(3),
    "lastEscalatedAt" TIMESTAMP(3),
    "nextEscalationAt" TIMESTAMP(3),
    "escalatedRoomIds" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "remindersSent" INTEGER NOT NULL DEFAULT 0,
    "nextReminderAt" TIMESTAMP(3),

    CONSTRAINT "Task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TaskEvent" (
    "id" SERIAL NOT NULL,
    "taskId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "actorId" INTEGER,
    "roomId" INTEGER,
    "fromStatus" "TaskStatus",
    "toStatus" "TaskStatus",
    "level" INTEGER,
    "note" TEXT,

    CONSTRAINT "TaskEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Need_unitId_status_idx" ON "Need"("unitId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Need_districtId_number_key" ON "Need"("districtId", "number");

-- CreateIndex
CREATE INDEX "Task_unitId_status_idx" ON "Task"("unitId", "status");

-- CreateIndex
CREATE INDEX "Task_status_nextEscalationAt_idx" ON "Task"("status", "nextEscalationAt");

-- CreateIndex
CREATE INDEX "Task_nextReminderAt_idx" ON "Task"("nextReminderAt");

-- CreateIndex
CREATE UNIQUE INDEX "Task_districtId_number_key" ON "Task"("districtId", "number");

-- CreateIndex
CREATE INDEX "TaskEvent_taskId_at_idx" ON "TaskEvent"("taskId", "at");

-- AddForeignKey
ALTER TABLE "TaskEvent" ADD CONSTRAINT "TaskEvent_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "Task"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
