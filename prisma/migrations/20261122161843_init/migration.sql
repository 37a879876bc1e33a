-- CreateEnum
CREATE TYPE "UnitKind" AS ENUM ('district', 'town', 'community', 'grid');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'supervisor', 'grid_cadre', 'volunteer');

-- CreateEnum
CREATE TYPE "CheckinType" AS ENUM ('patrol', 'visit', 'meeting', 'service');

-- CreateTable
CREATE TABLE "Unit" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER,
    "name" TEXT NOT NULL,
    "kind" "UnitKind" NOT NULL,
    "parentId" INTEGER,
    "path" TEXT NOT NULL DEFAULT '',
    "depth" INTEGER NOT NULL DEFAULT 0,
    "policy" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BotAccount" (
    "id" TEXT NOT NULL,
    "name" TEXT,
    "messagesPerSec" DOUBLE PRECISION,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BotAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Room" (
    "id" SERIAL NOT NULL,
    "wxRoomId" TEXT,
    "topic" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "accountId" TEXT NOT NULL,
    "boundAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Room_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Member" (
    "id" SERIAL NOT NULL,
    "wxid" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unitId" INTEGER NOT NULL,
    "role" "Role" NOT NULL,
    "teams" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "duties" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "roomTopics" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HandledMessage" (
    "accountId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "handledAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HandledMessage_pkey" PRIMARY KEY ("accountId","messageId")
);

-- CreateTable
CREATE TABLE "Checkin" (
    "id" SERIAL NOT NULL,
    "memberId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "roomId" INTEGER NOT NULL,
    "type" "CheckinType" NOT NULL,
    "households" INTEGER,
    "note" TEXT,
    "at" TIMESTAMP(3) NOT NULL,
    "accountId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "address" TEXT,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "Checkin_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Media" (
    "id" SERIAL NOT NULL,
    "memberId" INTEGER NOT NULL,
    "roomId" INTEGER NOT NULL,
    "accountId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Media_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Unit_path_idx" ON "Unit"("path");

-- CreateIndex
CREATE INDEX "Unit_parentId_idx" ON "Unit"("parentId");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_districtId_name_key" ON "Unit"("districtId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Room_wxRoomId_key" ON "Room"("wxRoomId");

-- CreateIndex
CREATE UNIQUE INDEX "Room_unitId_topic_key" ON "Room"("unitId", "topic");

-- CreateIndex
CREATE UNIQUE INDEX "Member_wxid_key" ON "Member"("wxid");

-- CreateIndex
CREATE INDEX "Member_unitId_idx" ON "Member"("unitId");

-- CreateIndex
CREATE INDEX "Checkin_unitId_at_idx" ON "Checkin"("unitId", "at");

-- CreateIndex
CREATE INDEX "Checkin_memberId_at_idx" ON "Checkin"("memberId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Checkin_accountId_messageId_key" ON "Checkin"("accountId", "messageId");

-- CreateIndex
CREATE INDEX "Media_memberId_at_idx" ON "Media"("memberId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Media_accountId_messageId_key" ON "Media"("accountId", "messageId");

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Room" ADD CONSTRAINT "Room_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Room" ADD CONSTRAINT "Room_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "BotAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Member" ADD CONSTRAINT "Member_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Checkin" ADD CONSTRAINT "Checkin_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Checkin" ADD CONSTRAINT "Checkin_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Checkin" ADD CONSTRAINT "Checkin_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
