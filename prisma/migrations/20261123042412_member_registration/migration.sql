-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "linkedAt" TIMESTAMP(3),
ADD COLUMN     "linkedVia" TEXT,
ADD COLUMN     "phone" TEXT,
ALTER COLUMN "wxid" DROP NOT NULL;

-- CreateTable
CREATE TABLE "Registration" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "roomId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "wxid" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "messageKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),
    "decidedById" INTEGER,

    CONSTRAINT "Registration_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Registration_messageKey_key" ON "Registration"("messageKey");

-- CreateIndex
CREATE INDEX "Registration_unitId_status_name_idx" ON "Registration"("unitId", "status", "name");

-- CreateIndex
CREATE INDEX "Registration_wxid_status_idx" ON "Registration"("wxid", "status");

-- CreateIndex
CREATE INDEX "Member_unitId_name_idx" ON "Member"("unitId", "name");

-- AddForeignKey
ALTER TABLE "Registration" ADD CONSTRAINT "Registration_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Registration" ADD CONSTRAINT "Registration_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Registration" ADD CONSTRAINT "Registration_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Registration" ADD CONSTRAINT "Registration_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Registration" ADD CONSTRAINT "Registration_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Members imported before this migration got their contact id from the org file.
UPDATE "Member" SET "linkedVia" = 'file', "linkedAt" = "createdAt" WHERE "wxid" IS NOT NULL;
