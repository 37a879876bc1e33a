-- Check-in kinds per district (issue #23): the kind becomes a string validated against the district's policy.
-- Every row keeps its kind: the enum's values become the same codes as text.
-- AlterTable
ALTER TABLE "Checkin" ALTER COLUMN "type" TYPE TEXT USING "type"::text;

-- DropEnum
DROP TYPE "CheckinType";
