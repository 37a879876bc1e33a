-- CreateTable
CREATE TABLE "OutboxClaim" (
    "part" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OutboxClaim_pkey" PRIMARY KEY ("part")
);

-- CreateIndex
CREATE INDEX "OutboxClaim_key_idx" ON "OutboxClaim"("key");

-- CreateIndex
CREATE INDEX "OutboxClaim_at_idx" ON "OutboxClaim"("at");
