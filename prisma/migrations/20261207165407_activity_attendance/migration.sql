-- AlterTable
ALTER TABLE "Activity" ADD COLUMN     "latitude" DOUBLE PRECISION,
ADD COLUMN     "longitude" DOUBLE PRECISION,
ADD COLUMN     "projectId" INTEGER;

-- AlterTable
ALTER TABLE "ActivitySignup" ADD COLUMN     "checkinAt" TIMESTAMP(3),
ADD COLUMN     "distanceM" INTEGER,
ADD COLUMN     "late" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "photoAt" TIMESTAMP(3);

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE SET NULL ON UPDATE CASCADE;
