-- AlterTable
ALTER TABLE "Activity" ADD COLUMN     "latitude" DOUBLE PRECISION,
ADD COLUMN     "longitude" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "ActivitySignup" ADD COLUMN     "checkinAt" TIMESTAMP(3),
ADD COLUMN     "distanceM" INTEGER,
ADD COLUMN     "late" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "photoAt" TIMESTAMP(3);
