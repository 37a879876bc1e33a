-- CreateEnum
CREATE TYPE "NoticeScope" AS ENUM ('subtree', 'grids');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('queued', 'sent', 'failed', 'acknowledged');

-- CreateTable
CREATE TABLE "Notice" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "roomId" INTEGER NOT NULL,
    "senderId" INTEGER NOT NULL,
    "targetUnitId" INTEGER NOT NULL,
    "scope" "NoticeScope" NOT NULL,
    "text" TEXT NOT NULL,
    "priority" "Priority" NOT NULL DEFAULT 'normal',
    "createdAt" TIMESTAMP(3) NOT NULL,
    "slaAt" TIMESTAMP(3) NOT NULL,
    "plan" JSONB NOT NULL,
    "scheduleId" INTEGER,
    "occurrenceAt" TIMESTAMP(3),
    "timerStep" INTEGER NOT NULL DEFAULT 0,
    "nextTimerAt" TIMESTAMP(3),

    CONSTRAINT "Notice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoticeDelivery" (
    "noticeId" INTEGER NOT NULL,
    "roomId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "accountId" TEXT NOT NULL,
    "outboxKey" TEXT NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'queued',
    "queuedAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),
    "failedAt" TIMESTAMP(3),
    "failReason" TEXT,
    "ackAt" TIMESTAMP(3),
    "ackById" INTEGER,
    "ackByName" TEXT,

    CONSTRAINT "NoticeDelivery_pkey" PRIMARY KEY ("noticeId","roomId")
);

-- CreateTable
CREATE TABLE "NoticeSchedule" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "roomId" INTEGER NOT NULL,
    "creatorId" INTEGER NOT NULL,
    "targetUnitId" INTEGER NOT NULL,
    "scope" "NoticeScope" NOT NULL,
    "text" TEXT NOT NULL,
    "priority" "Priority" NOT NULL DEFAULT 'normal',
    "phrase" TEXT NOT NULL,
    "cron" TEXT,
    "nextAt" TIMESTAMP(3),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "cancelledAt" TIMESTAMP(3),
    "cancelledById" INTEGER,

    CONSTRAINT "NoticeSchedule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Notice_nextTimerAt_idx" ON "Notice"("nextTimerAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notice_districtId_number_key" ON "Notice"("districtId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Notice_scheduleId_occurrenceAt_key" ON "Notice"("scheduleId", "occurrenceAt");

-- CreateIndex
CREATE UNIQUE INDEX "NoticeDelivery_outboxKey_key" ON "NoticeDelivery"("outboxKey");

-- CreateIndex
CREATE INDEX "NoticeDelivery_roomId_queuedAt_idx" ON "NoticeDelivery"("roomId", "queuedAt");

-- CreateIndex
CREATE INDEX "NoticeSchedule_unitId_active_idx" ON "NoticeSchedule"("unitId", "active");

-- CreateIndex
CREATE INDEX "NoticeSchedule_nextAt_idx" ON "NoticeSchedule"("nextAt");

-- CreateIndex
CREATE UNIQUE INDEX "NoticeSchedule_districtId_number_key" ON "NoticeSchedule"("districtId", "number");

-- AddForeignKey
ALTER TABLE "NoticeDelivery" ADD CONSTRAINT "NoticeDelivery_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "Notice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
