-- AlterTable
ALTER TABLE "Media" ADD COLUMN     "activityId" INTEGER;

-- CreateIndex
CREATE INDEX "Media_activityId_idx" ON "Media"("activityId");

-- AddForeignKey
ALTER TABLE "Media" ADD CONSTRAINT "Media_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE SET NULL ON UPDATE CASCADE;
