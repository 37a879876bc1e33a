-- AlterTable
ALTER TABLE "CatalogueItem" ADD COLUMN     "currency" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Redemption" ADD COLUMN     "amount" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "Activity" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "roomId" INTEGER NOT NULL,
    "organiserId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "team" TEXT,
    "place" TEXT,
    "capacity" INTEGER,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "targetUnitId" INTEGER,
    "residentsAllowed" BOOLEAN NOT NULL DEFAULT true,
    "status" TEXT NOT NULL DEFAULT 'open',
    "remindStep" INTEGER NOT NULL DEFAULT 0,
    "nextRemindAt" TIMESTAMP(3),
    "minutes" INTEGER,
    "summary" TEXT,
    "closedAt" TIMESTAMP(3),
    "seriesId" INTEGER,
    "occurrenceAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Activity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActivitySignup" (
    "id" SERIAL NOT NULL,
    "activityId" INTEGER NOT NULL,
    "wxid" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "memberId" INTEGER,
    "roomId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "cancelledAt" TIMESTAMP(3),
    "attendedAt" TIMESTAMP(3),
    "walkIn" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ActivitySignup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActivitySeries" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "roomId" INTEGER NOT NULL,
    "creatorId" INTEGER NOT NULL,
    "targetUnitId" INTEGER,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "place" TEXT,
    "capacity" INTEGER,
    "minutes" INTEGER NOT NULL,
    "cron" TEXT NOT NULL,
    "phrase" TEXT NOT NULL,
    "nextAt" TIMESTAMP(3),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ActivitySeries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Activity_unitId_startsAt_idx" ON "Activity"("unitId", "startsAt");

-- CreateIndex
CREATE INDEX "Activity_nextRemindAt_idx" ON "Activity"("nextRemindAt");

-- CreateIndex
CREATE UNIQUE INDEX "Activity_districtId_number_key" ON "Activity"("districtId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Activity_seriesId_occurrenceAt_key" ON "Activity"("seriesId", "occurrenceAt");

-- CreateIndex
CREATE INDEX "ActivitySignup_activityId_status_createdAt_idx" ON "ActivitySignup"("activityId", "status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ActivitySignup_activityId_wxid_key" ON "ActivitySignup"("activityId", "wxid");

-- CreateIndex
CREATE INDEX "ActivitySeries_nextAt_idx" ON "ActivitySeries"("nextAt");

-- CreateIndex
CREATE UNIQUE INDEX "ActivitySeries_districtId_number_key" ON "ActivitySeries"("districtId", "number");

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_organiserId_fkey" FOREIGN KEY ("organiserId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_targetUnitId_fkey" FOREIGN KEY ("targetUnitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "ActivitySeries"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivitySignup" ADD CONSTRAINT "ActivitySignup_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivitySignup" ADD CONSTRAINT "ActivitySignup_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivitySignup" ADD CONSTRAINT "ActivitySignup_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivitySeries" ADD CONSTRAINT "ActivitySeries_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivitySeries" ADD CONSTRAINT "ActivitySeries_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivitySeries" ADD CONSTRAINT "ActivitySeries_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivitySeries" ADD CONSTRAINT "ActivitySeries_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
