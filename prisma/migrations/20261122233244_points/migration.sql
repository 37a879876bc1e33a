-- CreateEnum
CREATE TYPE "VolunteerStatus" AS ENUM ('pending', 'approved', 'rejected');

-- CreateEnum
CREATE TYPE "RedemptionStatus" AS ENUM ('issued', 'used');

-- CreateTable
CREATE TABLE "VolunteerEntry" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "loggedById" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "roomId" INTEGER NOT NULL,
    "activity" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "day" TIMESTAMP(3) NOT NULL,
    "status" "VolunteerStatus" NOT NULL DEFAULT 'pending',
    "flags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "reviewerId" INTEGER,
    "reviewedAt" TIMESTAMP(3),
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VolunteerEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PointsEntry" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "centi" INTEGER NOT NULL,
    "reason" TEXT,
    "reversesId" INTEGER,
    "actorId" INTEGER,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PointsEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PointsBalance" (
    "memberId" INTEGER NOT NULL,
    "centi" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "PointsBalance_pkey" PRIMARY KEY ("memberId")
);

-- CreateTable
CREATE TABLE "PointsMonthly" (
    "memberId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "centi" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "PointsMonthly_pkey" PRIMARY KEY ("memberId","unitId","month")
);

-- CreateTable
CREATE TABLE "PointsCursor" (
    "districtId" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "upTo" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PointsCursor_pkey" PRIMARY KEY ("districtId","source")
);

-- CreateTable
CREATE TABLE "CatalogueItem" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "centi" INTEGER NOT NULL,
    "stock" INTEGER NOT NULL,
    "supplied" INTEGER NOT NULL,
    "providerWxid" TEXT,
    "providerName" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "CatalogueItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Redemption" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "itemId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "centi" INTEGER NOT NULL,
    "status" "RedemptionStatus" NOT NULL DEFAULT 'issued',
    "roomId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "usedById" INTEGER,

    CONSTRAINT "Redemption_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Resource" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "roomId" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "providerName" TEXT,
    "providerId" INTEGER,
    "contactId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Resource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResourceMatch" (
    "id" SERIAL NOT NULL,
    "resourceId" INTEGER NOT NULL,
    "taskId" INTEGER,
    "needId" INTEGER,
    "actorId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ResourceMatch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "VolunteerEntry_unitId_status_idx" ON "VolunteerEntry"("unitId", "status");

-- CreateIndex
CREATE INDEX "VolunteerEntry_memberId_day_idx" ON "VolunteerEntry"("memberId", "day");

-- CreateIndex
CREATE UNIQUE INDEX "VolunteerEntry_districtId_number_key" ON "VolunteerEntry"("districtId", "number");

-- CreateIndex
CREATE INDEX "PointsEntry_memberId_at_id_idx" ON "PointsEntry"("memberId", "at", "id");

-- CreateIndex
CREATE INDEX "PointsEntry_districtId_at_idx" ON "PointsEntry"("districtId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "PointsEntry_source_ref_memberId_key" ON "PointsEntry"("source", "ref", "memberId");

-- CreateIndex
CREATE INDEX "PointsMonthly_month_idx" ON "PointsMonthly"("month");

-- CreateIndex
CREATE INDEX "CatalogueItem_districtId_idx" ON "CatalogueItem"("districtId");

-- CreateIndex
CREATE UNIQUE INDEX "CatalogueItem_unitId_name_key" ON "CatalogueItem"("unitId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Redemption_code_key" ON "Redemption"("code");

-- CreateIndex
CREATE INDEX "Redemption_memberId_idx" ON "Redemption"("memberId");

-- CreateIndex
CREATE INDEX "Resource_unitId_idx" ON "Resource"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "Resource_districtId_number_key" ON "Resource"("districtId", "number");

-- CreateIndex
CREATE INDEX "ResourceMatch_taskId_idx" ON "ResourceMatch"("taskId");

-- CreateIndex
CREATE UNIQUE INDEX "ResourceMatch_resourceId_taskId_key" ON "ResourceMatch"("resourceId", "taskId");

-- CreateIndex
CREATE UNIQUE INDEX "ResourceMatch_resourceId_needId_key" ON "ResourceMatch"("resourceId", "needId");

-- The ledger is append-only: an UPDATE or DELETE of a row is refused by the database itself (a correction is a
-- reversing row). TRUNCATE is left to operators.
CREATE FUNCTION "points_entry_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'PointsEntry is append-only (% refused); write a reversing entry instead', TG_OP USING ERRCODE = 'P0001';
END
$$;
CREATE TRIGGER "PointsEntry_append_only" BEFORE UPDATE OR DELETE ON "PointsEntry" FOR EACH ROW EXECUTE FUNCTION "points_entry_append_only"();
