-- CreateTable
CREATE TABLE "LedgerExport" (
    "id" SERIAL NOT NULL,
    "accountId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "roomId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "createdAt" TIMESTAMP(3) NOT NULL,
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "LedgerExport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LedgerExport_status_id_idx" ON "LedgerExport"("status", "id");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerExport_accountId_messageId_key" ON "LedgerExport"("accountId", "messageId");

-- AddForeignKey
ALTER TABLE "LedgerExport" ADD CONSTRAINT "LedgerExport_roomId_fkey" FOREIGN KEY ("roomId") REFERENCES "Room"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
