-- CreateEnum
CREATE TYPE "BindProposalState" AS ENUM ('pending', 'confirmed', 'refused', 'stale');

-- CreateTable
CREATE TABLE "WxGroup" (
    "id" SERIAL NOT NULL,
    "accountId" TEXT NOT NULL,
    "wxRoomId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL,
    "match" TEXT,
    "matchNames" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "WxGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BindProposal" (
    "id" SERIAL NOT NULL,
    "districtId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "wxRoomId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "roomId" INTEGER NOT NULL,
    "topic" TEXT NOT NULL,
    "state" "BindProposalState" NOT NULL DEFAULT 'pending',
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "announcedAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "decidedById" INTEGER,

    CONSTRAINT "BindProposal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WxGroup_wxRoomId_idx" ON "WxGroup"("wxRoomId");

-- CreateIndex
CREATE UNIQUE INDEX "WxGroup_accountId_wxRoomId_key" ON "WxGroup"("accountId", "wxRoomId");

-- CreateIndex
CREATE INDEX "BindProposal_districtId_state_idx" ON "BindProposal"("districtId", "state");

-- CreateIndex
CREATE UNIQUE INDEX "BindProposal_districtId_number_key" ON "BindProposal"("districtId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "BindProposal_wxRoomId_roomId_key" ON "BindProposal"("wxRoomId", "roomId");

-- AddForeignKey
ALTER TABLE "WxGroup" ADD CONSTRAINT "WxGroup_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "BotAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BindProposal" ADD CONSTRAINT "BindProposal_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BindProposal" ADD CONSTRAINT "BindProposal_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "BotAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BindProposal" ADD CONSTRAINT "BindProposal_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BindProposal" ADD CONSTRAINT "BindProposal_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;
